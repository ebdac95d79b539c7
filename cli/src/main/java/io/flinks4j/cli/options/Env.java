package io.flinks4j.cli.options;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names the environment variable an option falls back to when it is not on the command line, so the
 * rule lives next to the option it belongs to; {@link EnvironmentDefaults} applies it.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
public @interface Env {
  /** The variable's name, e.g. {@code FLINKS_BASE_URL}. */
  String value();
}
