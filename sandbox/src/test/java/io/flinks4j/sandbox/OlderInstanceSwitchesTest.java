package io.flinks4j.sandbox;

import static io.flinks4j.sandbox.FlinksHttp.body;
import static org.assertj.core.api.Assertions.assertThat;

import io.flinks4j.sandbox.FlinksHttp.Reply;
import io.flinks4j.sandbox.junit.FlinksSandboxExtension;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code --authorize-token optional} and {@code --api-key optional}: instances created before these
 * were required.
 */
class OlderInstanceSwitchesTest {

  @RegisterExtension
  static final FlinksSandboxExtension FLINKS =
      FlinksSandboxExtension.withOptions(
          b -> b.authorizeToken(Requirement.OPTIONAL).apiKeyRequirement(Requirement.OPTIONAL));

  @Test
  void authorize_without_a_token_is_accepted(FlinksSandbox sandbox) {
    Reply reply =
        new FlinksHttp(sandbox)
            .post(
                "Authorize",
                Map.of(),
                body("LoginId", sandbox.login("Greatday").loginId(), "MostRecentCached", true));
    assertThat(reply.status()).isEqualTo(200);
  }

  @Test
  void a_wrong_token_is_still_refused(FlinksSandbox sandbox) {
    Reply reply =
        new FlinksHttp(sandbox)
            .post(
                "Authorize",
                Map.of("flinks-auth-key", "not-a-token"),
                body("LoginId", sandbox.login("Greatday").loginId(), "MostRecentCached", true));
    assertThat(reply.status()).isEqualTo(401);
  }

  @Test
  void data_endpoints_accept_a_missing_api_key(FlinksSandbox sandbox) {
    FlinksHttp http = new FlinksHttp(sandbox);
    String requestId = http.authorizeCached(sandbox.login("Greatday").loginId()).requestId();
    Reply reply = http.post("GetAccountsDetail", Map.of(), body("RequestId", requestId));
    assertThat(reply.status()).isEqualTo(202);
  }
}
