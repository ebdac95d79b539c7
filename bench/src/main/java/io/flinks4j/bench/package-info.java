/** Benchmarks of flinks4j, each with its own command in the README. */
package io.flinks4j.bench;
