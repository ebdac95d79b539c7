package io.flinks4j.bench.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class LoginCheckTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void reason_of_a_failure_without_code_reads_errorCode_null() throws Exception {
    String login =
        "{\"loginId\":\"x\",\"state\":\"failed\",\"errorCode\":null,\"mfaChallenges\":[]}";

    assertThat(LoginCheck.reasonOf(JSON.readTree(login))).isEqualTo("errorCode=null");
  }

  @Test
  void reason_lists_every_error_and_reason_field_the_api_shows_in_its_order() throws Exception {
    String login =
        "{\"state\":\"failed\",\"errorCode\":\"RETRY_LATER\",\"errorReason\":\"attempts_exhausted\","
            + "\"reason\":{\"kind\":\"transient\"}}";

    assertThat(LoginCheck.reasonOf(JSON.readTree(login)))
        .isEqualTo(
            "errorCode=RETRY_LATER errorReason=attempts_exhausted reason={\"kind\":\"transient\"}");
  }

  @Test
  void reason_of_a_login_without_such_fields_is_null() throws Exception {
    assertThat(LoginCheck.reasonOf(JSON.readTree("{\"state\":\"ready\"}"))).isEqualTo("null");
  }
}
