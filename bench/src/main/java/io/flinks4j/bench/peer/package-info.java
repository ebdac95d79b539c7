/**
 * {@code bench/run peer}: the same cached retrievals through our client and through the npm package
 * {@code @rizwannur/flinks}, each in its own process against one sandbox, with wall time, CPU and
 * peak RSS of each.
 */
package io.flinks4j.bench.peer;
