/** flinks4j sandbox. */
package io.flinks4j.sandbox;
