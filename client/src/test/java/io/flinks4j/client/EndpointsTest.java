package io.flinks4j.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flinks4j.client.model.Statements;
import java.net.URI;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EndpointsTest {
  private final FakeFlinks flinks = new FakeFlinks();

  @AfterEach
  void stop() {
    flinks.close();
  }

  @Test
  void accounts_summary_200_is_ready_and_202_is_pending() {
    flinks.server.script("POST", "GetAccountsSummary", FakeFlinks.pending());
    flinks.server.script(
        "GET",
        "GetAccountsSummaryAsync",
        ScriptedServer.json(200, Fixtures.bytes("getaccountssummary-200.json")));
    FlinksClient client = flinks.client();

    SummaryResponse first = client.accounts().summary(FakeFlinks.REQUEST_ID);
    SummaryResponse second = client.accounts().summaryAsync(FakeFlinks.REQUEST_ID);

    assertThat(first)
        .isEqualTo(
            new SummaryResponse.Pending(FakeFlinks.REQUEST_ID, FlinksCode.OPERATION_PENDING));
    assertThat(second)
        .isInstanceOfSatisfying(
            SummaryResponse.Ready.class,
            ready -> assertThat(ready.summary().accounts()).hasSize(1));
    assertThat(flinks.server.requests("GetAccountsSummary").getFirst().bodyText())
        .isEqualTo("{\"RequestId\":\"" + FakeFlinks.REQUEST_ID + "\"}");
  }

  @Test
  void delete_card_sends_delete_with_the_login_id_in_the_path_and_the_api_key() {
    flinks.server.script(
        "DELETE", "DeleteCard", ScriptedServer.json(200, "{\"HttpStatusCode\":200}"));

    flinks.client().logins().delete(FakeFlinks.LOGIN_ID);

    ScriptedServer.Recorded request = flinks.server.requests("DeleteCard").getFirst();
    assertThat(request.endpoint()).isEqualTo("DeleteCard/" + FakeFlinks.LOGIN_ID);
    assertThat(request.header("x-api-key")).isEqualTo(FakeFlinks.API_KEY);
  }

  @Test
  void statements_request_and_answer() {
    flinks.server.script(
        "POST",
        "GetStatements",
        ScriptedServer.json(200, Fixtures.bytes("getstatements-200.json")));

    Statements statements =
        flinks
            .client()
            .statements()
            .get(
                FakeFlinks.REQUEST_ID, DetailOptions.NumberOfStatements.MONTHS_3, List.of("acc-1"));

    assertThat(statements.statementsByAccount().getFirst().accountNumber()).isEqualTo("1111000");
    assertThat(flinks.server.requests("GetStatements").getFirst().bodyText())
        .isEqualTo(
            "{\"RequestId\":\""
                + FakeFlinks.REQUEST_ID
                + "\",\"NumberOfStatements\":\"Months3\",\"AccountsFilter\":[\"acc-1\"]}");
  }

  @Test
  void every_detail_option_is_sent_with_its_documented_name() {
    flinks.server.script("POST", "GetAccountsDetail", FakeFlinks.detail());
    DetailOptions options =
        DetailOptions.builder()
            .withTransactions(false)
            .withAccountIdentity(false)
            .withKyc(false)
            .withBalance(false)
            .daysOfTransactions(365)
            .accountsFilter(List.of("a1", "a2"))
            .dateFrom(LocalDate.of(2025, 1, 1))
            .dateTo(LocalDate.of(2025, 3, 31))
            .mostRecentCached(true)
            .withDetailsAndStatements(true)
            .numberOfStatements(DetailOptions.NumberOfStatements.MOST_RECENT)
            .refreshDelta(List.of(new DetailOptions.RefreshDelta("a1", "t9")))
            .build();

    flinks.client().accounts().detail(FakeFlinks.REQUEST_ID, options);

    assertThat(flinks.server.requests("GetAccountsDetail").getFirst().bodyText())
        .isEqualTo(
            "{\"RequestId\":\""
                + FakeFlinks.REQUEST_ID
                + "\",\"WithTransactions\":false,\"WithAccountIdentity\":false,\"WithKYC\":false,"
                + "\"WithBalance\":false,\"DaysOfTransactions\":\"Days365\",\"AccountsFilter\":[\"a1\",\"a2\"],"
                + "\"DateFrom\":\"2025-01-01\",\"DateTo\":\"2025-03-31\",\"MostRecentCached\":true,"
                + "\"WithDetailsAndStatements\":true,\"NumberOfStatements\":\"MostRecent\","
                + "\"RefreshDelta\":[{\"AccountId\":\"a1\",\"TransactionId\":\"t9\"}]}");
  }

  @Test
  void days_360_from_older_clients_is_accepted() {
    assertThat(DetailOptions.builder().daysOfTransactions(360).build().daysOfTransactions().value())
        .isEqualTo("Days360");
  }

  @Test
  void connect_url_is_derived_from_the_api_host() {
    assertThat(FlinksClient.defaultConnectUrl(URI.create("https://toolbox-api.private.fin.ag")))
        .isEqualTo("https://toolbox-iframe.private.fin.ag/v2/");
    assertThat(FlinksClient.defaultConnectUrl(URI.create("http://127.0.0.1:8080/")))
        .isEqualTo("http://127.0.0.1:8080/v2/");
  }

  @Test
  void builder_requires_base_url_customer_id_and_secret_key() {
    assertThatThrownBy(() -> FlinksClient.builder().customerId("c").secretKey("s").build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("baseUrl");
    assertThatThrownBy(
            () -> FlinksClient.builder().baseUrl("http://localhost").secretKey("s").build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("customerId");
    assertThatThrownBy(
            () -> FlinksClient.builder().baseUrl("http://localhost").customerId("c").build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("secretKey");
  }

  @Test
  void client_without_api_key_sends_no_x_api_key_header() {
    flinks.server.script("POST", "GetAccountsDetail", FakeFlinks.detail());

    flinks
        .track(flinks.clientBuilder().apiKey(null).build())
        .accounts()
        .detail(FakeFlinks.REQUEST_ID, DetailOptions.defaults());

    assertThat(flinks.server.requests("GetAccountsDetail").getFirst().header("x-api-key")).isNull();
  }

  @Test
  void mfa_questions_of_a_login_are_listed() {
    flinks.server.script(
        "GET",
        "GetMFAQuestions",
        ScriptedServer.json(200, Fixtures.bytes("getmfaquestions-200.json")));

    List<String> questions = flinks.client().mfaQuestions().list(FakeFlinks.LOGIN_ID);

    assertThat(questions)
        .containsExactly("What shape do people like most?", "What is the best country on earth?");
    assertThat(flinks.server.requests("GetMFAQuestions").getFirst().endpoint())
        .isEqualTo("GetMFAQuestions/" + FakeFlinks.LOGIN_ID);
  }

  @Test
  void mfa_answers_are_patched_as_question_answer_pairs() {
    flinks.server.script(
        "PATCH",
        "AnswerMFAQuestions",
        ScriptedServer.json(200, Fixtures.bytes("answermfaquestions-200.json")));
    java.util.Map<String, String> answers = new java.util.LinkedHashMap<>();
    answers.put("What shape do people like most?", "Triangle");

    flinks.client().mfaQuestions().answer(FakeFlinks.LOGIN_ID, answers);

    ScriptedServer.Recorded request = flinks.server.requests("AnswerMFAQuestions").getFirst();
    assertThat(request.method()).isEqualTo("PATCH");
    assertThat(request.header("x-api-key")).isEqualTo(FakeFlinks.API_KEY);
    assertThat(request.bodyText())
        .isEqualTo(
            "{\"LoginId\":\""
                + FakeFlinks.LOGIN_ID
                + "\",\"Questions\":"
                + "[{\"Question\":\"What shape do people like most?\",\"Answer\":\"Triangle\"}]}");
  }

  @Test
  void gzip_encoded_answers_are_inflated_and_raw_json_is_the_decoded_body() throws Exception {
    byte[] body = Fixtures.bytes("getaccountsdetail-200.json");
    java.io.ByteArrayOutputStream zipped = new java.io.ByteArrayOutputStream();
    try (java.util.zip.GZIPOutputStream out = new java.util.zip.GZIPOutputStream(zipped)) {
      out.write(body);
    }
    flinks.server.script(
        "POST",
        "GetAccountsDetail",
        new ScriptedServer.Reply.Full(
            200,
            zipped.toByteArray(),
            java.util.Map.of("Content-Type", "application/json", "Content-Encoding", "gzip")));

    DetailResponse response =
        flinks.client().accounts().detail(FakeFlinks.REQUEST_ID, DetailOptions.defaults());

    assertThat(response)
        .isInstanceOfSatisfying(
            DetailResponse.Ready.class,
            ready -> assertThat(ready.detail().raw().bytes()).isEqualTo(body));
    assertThat(flinks.server.requests("GetAccountsDetail").getFirst().header("accept-encoding"))
        .isEqualTo("gzip");
  }
}
