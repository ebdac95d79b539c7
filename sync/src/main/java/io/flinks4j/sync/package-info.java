/** flinks4j sync. */
package io.flinks4j.sync;
