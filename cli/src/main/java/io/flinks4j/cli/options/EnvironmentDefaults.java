package io.flinks4j.cli.options;

import io.flinks4j.sync.ServiceKeys;
import io.flinks4j.sync.config.KnownKeys;
import io.flinks4j.sync.config.Settings;
import java.lang.reflect.Field;
import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;

/**
 * Gives options marked {@link Env} their value from the (injectable) environment when the command
 * line leaves them out. Picocli never shows these values in help, so secrets from the environment
 * stay off the screen.
 */
public final class EnvironmentDefaults implements IDefaultValueProvider {
  private final Map<String, String> env;

  public EnvironmentDefaults(Map<String, String> env) {
    this.env = Map.copyOf(env);
  }

  /**
   * {@code env} with every secret given as {@code KEY_FILE} read into {@code KEY}, as the service
   * reads them.
   *
   * @throws io.flinks4j.sync.config.ConfigException when both forms are set or the file cannot be
   *     read
   */
  public static Map<String, String> withSecretFiles(Map<String, String> env) {
    Map<String, String> secrets = new HashMap<>();
    for (String key : ServiceKeys.SECRETS) {
      for (String name : new String[] {key, key + KnownKeys.FILE_SUFFIX}) {
        if (env.get(name) != null) {
          secrets.put(name, env.get(name));
        }
      }
    }
    if (secrets.keySet().stream().noneMatch(name -> name.endsWith(KnownKeys.FILE_SUFFIX))) {
      return env;
    }
    Settings resolved = ServiceKeys.KNOWN.validate(Settings.of(secrets));
    Map<String, String> result = new HashMap<>(env);
    for (String key : ServiceKeys.SECRETS) {
      result.remove(key + KnownKeys.FILE_SUFFIX);
      resolved.get(key).ifPresent(value -> result.put(key, value));
    }
    return Map.copyOf(result);
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
