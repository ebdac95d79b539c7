package io.flinks4j.cli.options;

import java.lang.reflect.Field;
import java.util.Map;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;

/**
 * Gives options marked {@link Env} their value from the (injectable) environment when the command line leaves them
 * out. Picocli never shows these values in help, so secrets from the environment stay off the screen.
 */
public final class EnvironmentDefaults implements IDefaultValueProvider {
  private final Map<String, String> env;

  public EnvironmentDefaults(Map<String, String> env) {
    this.env = Map.copyOf(env);
  }

  @Override
  public String defaultValue(ArgSpec argSpec) {
    if (argSpec.userObject() instanceof Field field && field.getAnnotation(Env.class) != null) {
      String value = env.get(field.getAnnotation(Env.class).value());
      if (value != null && !value.isBlank()) {
        return value.strip();
      }
    }
    return null;
  }
}
