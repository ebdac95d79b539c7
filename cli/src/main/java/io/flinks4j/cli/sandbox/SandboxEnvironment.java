package io.flinks4j.cli.sandbox;

import io.flinks4j.sandbox.FlinksSandbox;
import io.flinks4j.sandbox.LoginSpec;
import io.flinks4j.sandbox.engine.SandboxEngine;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The {@code FLINKS_*} settings that point {@code fetch}, {@code refresh} and {@code serve} at a
 * local sandbox, as {@code export} lines a shell can {@code eval}.
 *
 * @param baseUrl what {@code --base-url} takes: the instance root, without the {@code /v3/...} API
 *     path
 * @param loginId the default {@code FLINKS_LOGIN_ID}: a login that fetches without MFA
 */
record SandboxEnvironment(
    String baseUrl,
    String customerId,
    String secretKey,
    String apiKey,
    String loginId,
    String webhookKey) {
  /**
   * The test login {@code FLINKS_LOGIN_ID} names, so a plain {@code flinks4j fetch} works at once.
   */
  static final String DEFAULT_LOGIN = "greatday_nomfa";

  private static final Pattern SHELL_SAFE = Pattern.compile("[A-Za-z0-9_@%+=:,./-]+");

  /**
   * The settings of a sandbox started with defaults at {@code host:port}, known without starting
   * it.
   */
  static SandboxEnvironment of(String host, int port) {
    String loginId =
        SandboxEngine.TEST_USERS.stream()
            .filter(user -> user.username().equals(DEFAULT_LOGIN))
            .map(LoginSpec::loginId)
            .findFirst()
            .orElseThrow();
    return new SandboxEnvironment(
        "http://" + host + ":" + port,
        FlinksSandbox.TOOLBOX_CUSTOMER_ID,
        FlinksSandbox.TOOLBOX_SECRET_KEY,
        FlinksSandbox.TOOLBOX_API_KEY,
        loginId,
        FlinksSandbox.DEFAULT_WEBHOOK_KEY);
  }

  Map<String, String> variables() {
    Map<String, String> vars = new LinkedHashMap<>();
    vars.put("FLINKS_BASE_URL", baseUrl);
    vars.put("FLINKS_CUSTOMER_ID", customerId);
    vars.put("FLINKS_SECRET_KEY", secretKey);
    vars.put("FLINKS_API_KEY", apiKey);
    vars.put("FLINKS_LOGIN_ID", loginId);
    vars.put("FLINKS_WEBHOOK_KEY", webhookKey);
    return vars;
  }

  /**
   * One {@code export NAME=value} line per variable, values quoted for the shell when they need it.
   */
  String exports() {
    StringBuilder sb = new StringBuilder();
    variables()
        .forEach((name, value) ->
            sb.append("export ").append(name).append('=').append(quote(value)).append('\n'));
    return sb.toString();
  }

  private static String quote(String value) {
    return SHELL_SAFE.matcher(value).matches() ? value : "'" + value.replace("'", "'\\''") + "'";
  }
}
