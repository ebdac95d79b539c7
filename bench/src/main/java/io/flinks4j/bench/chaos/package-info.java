/**
 * {@code bench/run chaos}: several sync instances on one PostgreSQL against a faulty sandbox, one
 * of them killed with SIGKILL every few seconds, and every login's stored data compared with the
 * sandbox's ground truth.
 */
package io.flinks4j.bench.chaos;
