/** flinks4j client. */
package io.flinks4j.client;
