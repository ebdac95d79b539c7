package io.flinks4j.cli.logging;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.core.spi.ContextAwareBase;
import io.flinks4j.sync.config.ConfigException;
import io.flinks4j.sync.config.LogSettings;
import io.flinks4j.sync.config.Settings;
import java.util.Optional;

/**
 * Logback's first configuration in the runnable jar, found through {@code META-INF/services}:
 * {@code FLINKS4J_LOG_FORMAT} and {@code FLINKS4J_LOG_LEVEL} from the environment, so even the
 * first line is in the chosen form. An invalid value falls back to the defaults here; {@code serve}
 * then refuses it with its name. A Logback file named by {@code -Dlogback.configurationFile} wins.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_NORMAL_PRIORITY)
public final class EnvironmentConfigurator extends ContextAwareBase implements Configurator {

  @Override
  public ExecutionStatus configure(LoggerContext context) {
    if (System.getProperty("logback.configurationFile") != null) {
      return ExecutionStatus.INVOKE_NEXT_IF_ANY;
    }
    LogSettings settings;
    try {
      settings = LogSettings.from(Settings.load(Optional.empty(), System.getenv()));
    } catch (ConfigException e) {
      settings = LogSettings.from(Settings.of(java.util.Map.of()));
    }
    Logging.configure(context, settings);
    return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
  }
}
