package io.flinks4j.sync.http;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * What {@code /v1/openapi.json} says about a response or request record, or one of its components,
 * beyond what its Java type tells: the OpenAPI schema of every record a route names is generated
 * from the record itself (see {@link Operation}), so a field added to the record is documented by
 * construction.
 *
 * <p>A reference-typed component is documented as never null unless {@link #nullable()} says
 * otherwise; in a record annotated {@code @JsonInclude(NON_NULL)} a nullable component is
 * documented as optional instead (absent, never null). The contract test checks real answers
 * against this, so a wrong claim fails a test.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER})
public @interface ApiDoc {

  /** One-line description; empty for none. */
  String value() default "";

  /**
   * JSON Schema format of a string component, e.g. {@code date-time}, {@code date}, {@code uri},
   * {@code uuid}.
   */
  String format() default "";

  /** Whether the component may be null (or, in a {@code NON_NULL} record, absent). */
  boolean nullable() default false;
}
