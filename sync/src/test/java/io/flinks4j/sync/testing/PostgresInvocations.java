package io.flinks4j.sync.testing;

import java.util.regex.Pattern;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The {@code postgres} tag for the PostgreSQL half of the tests run once per {@code Dialect}: a JUnit tag cannot
 * differ between the invocations of one parameterised class or method, so with {@value #PARAMETER}{@code =off}
 * (set by {@code ./run-tests --fast}) every invocation named after {@code POSTGRESQL} is disabled before it opens a
 * connection, and the H2 half still runs. Registered by JUnit's extension auto-detection in that run only.
 */
public final class PostgresInvocations implements ExecutionCondition {

  /** JUnit configuration parameter (or system property): {@code off} disables the PostgreSQL invocations. */
  public static final String PARAMETER = "flinks4j.test.postgres";

  private static final Pattern POSTGRESQL = Pattern.compile("\\bPOSTGRESQL\\b");

  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    if (!"off".equals(context.getConfigurationParameter(PARAMETER).orElse("on"))) {
      return ConditionEvaluationResult.enabled(PARAMETER + " is not off");
    }
    return POSTGRESQL.matcher(context.getDisplayName()).find()
        ? ConditionEvaluationResult.disabled("PostgreSQL invocation, " + PARAMETER + "=off (the postgres tag is excluded)")
        : ConditionEvaluationResult.enabled("not a PostgreSQL invocation");
  }
}
