/**
 * flinks4j sandbox.
 *
 * <p>The markers {@code [old]} and {@code [inferred]} in this module's comments are defined in
 * ARCHITECTURE.md, section "Markers in comments".
 */
package io.flinks4j.sandbox;
