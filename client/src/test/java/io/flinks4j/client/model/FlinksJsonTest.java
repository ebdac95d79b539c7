package io.flinks4j.client.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flinks4j.client.Fixtures;
import io.flinks4j.client.error.UnreadableResponseException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FlinksJsonTest {

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void detail_fixture_maps_every_documented_field() {
    AccountsDetail detail =
        FlinksJson.parseAccountsDetail(Fixtures.bytes("getaccountsdetail-200.json"));

    assertThat(detail.httpStatusCode()).isEqualTo(200);
    assertThat(detail.requestId()).isEqualTo("22178382-31ee-485c-a750-c20929b6a344");
    assertThat(detail.institution()).isEqualTo("FlinksCapital");
    assertThat(detail.institutionName()).isEqualTo("FlinksCapital");
    assertThat(detail.institutionId()).isEqualTo(14);
    assertThat(detail.login().id()).isEqualTo("5602459c-f6d0-4ca0-6750-08dccdcadcc0");
    assertThat(detail.login().username()).isEqualTo("chat_gpt");
    assertThat(detail.login().isScheduledRefresh()).isFalse();
    assertThat(detail.login().type()).isEqualTo(AccountType.PERSONAL);
    assertThat(detail.login().lastRefresh())
        .isEqualTo(LocalDateTime.parse("2025-01-31T17:40:54.569261"));
    assertThat(detail.extra()).isEmpty();

    Account account = detail.accounts().getFirst();
    assertThat(account.id()).isEqualTo("27a9ffa0-c6b9-4cc6-9eaa-aa9efa07a889");
    assertThat(account.title()).isEqualTo("Chequing Account");
    assertThat(account.type()).isEqualTo("Chequing");
    assertThat(account.category()).isEqualTo(AccountCategory.OPERATIONS);
    assertThat(account.accountType()).isNull();
    assertThat(account.currency()).isEqualTo("CAD");
    assertThat(account.accountNumber()).isEqualTo("7641238");
    assertThat(account.lastFourDigits()).isNull();
    assertThat(account.transitNumber()).isEqualTo("12347");
    assertThat(account.institutionNumber()).isEqualTo("777");
    assertThat(account.overdraftLimit()).isEqualByComparingTo("100.5");
    assertThat(account.balance().available()).isEqualByComparingTo("5405.5");
    assertThat(account.balance().current()).isEqualByComparingTo("5105.5");
    assertThat(account.balance().limit()).isEqualByComparingTo("5105.5");
    assertThat(account.holder().name()).isEqualTo("Testing");
    assertThat(account.holder().email()).isEqualTo("test_user1@nomail.com");
    assertThat(account.holder().phoneNumber()).isEqualTo("9051234567");
    assertThat(account.holder().address().civicAddress()).isEqualTo("25 york street");
    assertThat(account.holder().address().poBox()).isNull();
    assertThat(account.holder().address().country()).isEqualTo("CA");

    Transaction tx = account.transactions().getFirst();
    assertThat(tx.id()).isEqualTo("94584aed-7c98-42a4-9836-9f8557db63f5");
    assertThat(tx.date()).isEqualTo(LocalDate.of(2025, 1, 31));
    assertThat(tx.description()).isEqualTo("PAYROLL - Stripe Paycheck");
    assertThat(tx.code()).isNull();
    assertThat(tx.balance()).isEqualByComparingTo("5105.6");
  }

  @Test
  void amounts_keep_their_exact_decimal_value() {
    Transaction tx =
        FlinksJson.parseAccountsDetail(Fixtures.bytes("getaccountsdetail-200.json"))
            .accounts()
            .getFirst()
            .transactions()
            .getFirst();

    assertThat(tx.debit()).isEqualTo(new BigDecimal("1000.4"));
    assertThat(tx.credit()).isEqualTo(new BigDecimal("1500.25"));
  }

  @Test
  void transaction_with_both_debit_and_credit_keeps_both_and_nets_them() {
    Transaction tx =
        FlinksJson.parseAccountsDetail(Fixtures.bytes("getaccountsdetail-200.json"))
            .accounts()
            .getFirst()
            .transactions()
            .getFirst();

    assertThat(tx.netAmount()).isEqualByComparingTo("499.85");
  }

  @Test
  void async_fixture_parses_both_transactions() {
    AccountsDetail detail =
        FlinksJson.parseAccountsDetail(Fixtures.bytes("getaccountsdetailasync-200.json"));

    assertThat(detail.accounts().getFirst().transactions())
        .extracting(Transaction::id, Transaction::debit, Transaction::date)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "94584aed-7c98-42a4-9836-9f8557db63f5",
                new BigDecimal("1000.4"),
                LocalDate.of(2025, 1, 31)),
            org.assertj.core.groups.Tuple.tuple(
                "c2fb949a-86aa-470f-9a76-deb10d7c2b57",
                new BigDecimal("150"),
                LocalDate.of(2025, 1, 30)));
  }

  @Test
  void summary_fixture_keeps_masked_ids_and_eligibility_ratios() {
    AccountsSummary summary =
        FlinksJson.parseAccountsSummary(Fixtures.bytes("getaccountssummary-200.json"));

    Account account = summary.accounts().getFirst();
    assertThat(account.id()).isEqualTo("xxxx-xxxx-xxxxxxx-xxxxxx");
    assertThat(account.eftEligibleRatio()).isEqualByComparingTo("0");
    assertThat(account.eTransferEligibleRatio()).isEqualByComparingTo("0");
    assertThat(account.accountType()).isEqualTo(AccountType.PERSONAL);
    assertThat(account.balance().limit()).isNull();
    assertThat(summary.tag()).isEqualTo("userId=xxxxxxxxxxxx");
    assertThat(summary.login().type()).isEqualTo(AccountType.BUSINESS);
    assertThat(summary.login().lastRefresh()).isEqualTo(LocalDateTime.of(2024, 10, 10, 12, 0));
    assertThat(summary.links())
        .extracting(Link::rel)
        .containsExactly("AccountsDetail", "Statements");
  }

  @Test
  void kyc_webhook_fixture_reads_last_refresh_with_trailing_z_as_utc() {
    KycPayload kyc = FlinksJson.parseKyc(Fixtures.bytes("webhook-kyc.json"));

    assertThat(kyc.responseType()).isEqualTo("KYC");
    assertThat(kyc.holders()).extracting(Holder::name).containsExactly("Ron Swanson");
    assertThat(kyc.login().lastRefresh())
        .isEqualTo(LocalDateTime.parse("2019-06-21T16:24:16.2076448"));
    assertThat(kyc.requestId()).isEqualTo("a2e75c5c-55e9-3842-93ad-6c9c9deb4682");
  }

  @Test
  void last_refresh_with_an_offset_is_converted_to_utc() {
    AccountsDetail detail =
        FlinksJson.parseAccountsDetail(
            utf8("{\"Login\":{\"LastRefresh\":\"2025-01-31T12:00:00.1234567-05:00\"}}"));

    assertThat(detail.login().lastRefresh())
        .isEqualTo(LocalDateTime.parse("2025-01-31T17:00:00.1234567"));
  }

  @Test
  void detail_webhook_fixture_with_empty_balance_and_holder_parses() {
    AccountsDetail detail = FlinksJson.parseAccountsDetail(Fixtures.bytes("webhook-payload.json"));

    assertThat(detail.responseType()).isEqualTo("GetAccountsDetail");
    assertThat(detail.tag()).isEqualTo("YourTag");
    assertThat(detail.requestId()).isNull();
    Account account = detail.accounts().getFirst();
    assertThat(account.transactions()).isEmpty();
    assertThat(account.balance().available()).isNull();
    assertThat(account.holder().address()).isNull();
    assertThat(account.overdraftLimit()).isEqualByComparingTo("0");
  }

  @Test
  void authorize_fixtures_parse_as_envelopes() {
    ResponseEnvelope cached = FlinksJson.parseEnvelope(Fixtures.bytes("authorize-200-cached.json"));
    ResponseEnvelope live = FlinksJson.parseEnvelope(Fixtures.bytes("authorize-200-live.json"));
    ResponseEnvelope mfa = FlinksJson.parseEnvelope(Fixtures.bytes("authorize-203-mfa.json"));

    assertThat(cached.requestId()).isEqualTo("006fd2f3-055b-4ef6-a9fc-c1261cd76ec6");
    assertThat(cached.login().lastRefresh())
        .isEqualTo(LocalDateTime.parse("2020-04-15T22:46:03.1690585"));
    assertThat(cached.links()).hasSize(3);
    assertThat(live.login().id()).isEqualTo("xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx");
    assertThat(live.institutionId()).isEqualTo(14);
    assertThat(mfa.httpStatusCode()).isEqualTo(203);
    assertThat(mfa.securityChallenges())
        .containsExactly(SecurityChallenge.question("What shape do people like most?"));
  }

  @Test
  void security_challenges_are_typed_by_kind_with_their_iterables() {
    ResponseEnvelope mfa =
        FlinksJson.parseEnvelope(
            """
            {"HttpStatusCode":203,"RequestId":"r","SecurityChallenges":[
              {"Type":"MultipleChoice","Prompt":"Shape?","Iterables":["Circle","Square"]},
              {"Type":"MultipleChoiceMultipleAnswers","Prompt":"Cities?","Iterables":["A","B"]},
              {"Type":"ImageSelection","Prompt":"Image?","Iterables":["iVBORw0KGgo="]},
              {"Type":"TextOrCall","Prompt":"Phone?","Iterables":["•••-1234"]},
              {"Type":"QuestionAndAnswer","Prompt":"Reset?","Iterables":["x"]},
              {"Type":"Telepathy","Prompt":"Think?","Iterables":[{"odd":true}],"Hint":"h"}]}\
            """
                .getBytes(StandardCharsets.UTF_8));
    List<SecurityChallenge> challenges = mfa.securityChallenges();

    assertThat(challenges.get(0))
        .isEqualTo(
            new SecurityChallenge.SingleChoice("Shape?", List.of("Circle", "Square"), Map.of()));
    assertThat(challenges.get(1)).isInstanceOf(SecurityChallenge.MultipleChoices.class);
    assertThat(challenges.get(2).choices()).containsExactly("iVBORw0KGgo=");
    assertThat(challenges.get(3)).isInstanceOf(SecurityChallenge.PhoneChoice.class);
    // a question with Iterables (a reset flow in one integration) stays a question; the list is
    // kept raw
    assertThat(challenges.get(4)).isInstanceOf(SecurityChallenge.Question.class);
    assertThat(challenges.get(4).extra()).containsKey("Iterables");
    SecurityChallenge other = challenges.get(5);
    assertThat(other).isInstanceOf(SecurityChallenge.Other.class);
    assertThat(other.type()).isEqualTo("Telepathy");
    assertThat(other.choices()).isEmpty();
    assertThat(other.extra()).containsKeys("Iterables", "Hint");
  }

  @Test
  void pending_token_and_statement_fixtures_parse() {
    assertThat(FlinksJson.parseEnvelope(Fixtures.bytes("getaccountsdetail-202.json")).flinksCode())
        .isEqualTo("OPERATION_PENDING");
    assertThat(FlinksJson.parseEnvelope(Fixtures.bytes("async-202.json")).requestId())
        .isEqualTo("077785a3-fd0f-42f7-9251-ee2ff7f3b4ff");
    assertThat(FlinksJson.parseEnvelope(Fixtures.bytes("generateauthorizetoken-200.json")).token())
        .isEqualTo("d65f1adb-8ebc-48dc-be8b-20c773ba1565");
    Statements statements = FlinksJson.parseStatements(Fixtures.bytes("getstatements-200.json"));
    assertThat(statements.statementsByAccount().getFirst().statements().getFirst().fileType())
        .isEqualTo("PDF");
    assertThat(statements.login().lastRefresh())
        .isEqualTo(LocalDateTime.parse("2019-05-17T15:29:23.7035672"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "answermfaquestions-200.json",
        "async-202.json",
        "authorize-200-cached.json",
        "authorize-200-live.json",
        "authorize-203-mfa.json",
        "authorize-request-cached.json",
        "authorize-request-live-credentials-legacy.json",
        "authorize-request-live-credentials.json",
        "authorize-request-mfa-answer.json",
        "authorize-request-refresh.json",
        "connect-event-flinkscode.json",
        "connect-event-redirect.json",
        "generateauthorizetoken-200.json",
        "getaccountsdetail-202.json",
        "getaccountsdetail-request.json",
        "getmfaquestions-200.json"
      })
  void every_other_fixture_parses_as_an_envelope_keeping_unknown_fields(String fixture) {
    byte[] body = Fixtures.bytes(fixture);

    ResponseEnvelope envelope = FlinksJson.parseEnvelope(body);

    assertThat(envelope.raw().bytes()).isEqualTo(body);
  }

  @Test
  void raw_json_is_the_received_bytes_exactly() {
    byte[] body = Fixtures.bytes("getaccountsdetailasync-200.json");

    AccountsDetail detail = FlinksJson.parseAccountsDetail(body);

    assertThat(detail.raw().bytes()).isEqualTo(body);
    assertThat(detail.rawJson()).isEqualTo(new String(body, StandardCharsets.UTF_8));
  }

  @Test
  void unknown_fields_are_kept_at_every_level() {
    AccountsDetail detail =
        FlinksJson.parseAccountsDetail(
            utf8(
                """
                {"Accounts":[{"Id":"a","NewAccountField":{"x":1},
                  "Transactions":[{"Id":"t","Date":"2025-01-02","Category":"Groceries"}]}],
                 "BrandNew":[1,2]}\
                """));

    assertThat(detail.extra().get("BrandNew").toString()).isEqualTo("[1,2]");
    assertThat(detail.accounts().getFirst().extra().get("NewAccountField").get("x").asInt())
        .isEqualTo(1);
    assertThat(
            detail.accounts().getFirst().transactions().getFirst().extra().get("Category").asText())
        .isEqualTo("Groceries");
  }

  @Test
  void unknown_enum_values_are_kept_verbatim() {
    Account account =
        FlinksJson.parseAccountsDetail(
                utf8(
                    "{\"Accounts\":[{\"Category\":\"Investments\",\"AccountType\":\"Trust\",\"Type\":\"TFSA\"}]}"))
            .accounts()
            .getFirst();

    assertThat(account.category().value()).isEqualTo("Investments");
    assertThat(account.category().isKnown()).isFalse();
    assertThat(account.accountType().value()).isEqualTo("Trust");
    assertThat(account.type()).isEqualTo("TFSA");
  }

  @Test
  void values_of_an_unexpected_type_are_kept_in_extra_instead_of_failing() {
    Transaction tx =
        FlinksJson.parseAccountsDetail(
                utf8(
                    """
                    {"Accounts":[{"Transactions":[{"Id":"t","Date":"31/01/2025","Debit":"12.50","Credit":"n/a",
                      "Balance":{"v":1}}]}]}\
                    """))
            .accounts()
            .getFirst()
            .transactions()
            .getFirst();

    assertThat(tx.debit()).isEqualByComparingTo("12.50");
    assertThat(tx.date()).isNull();
    assertThat(tx.extra().get("Date").asText()).isEqualTo("31/01/2025");
    assertThat(tx.credit()).isNull();
    assertThat(tx.extra().get("Credit").asText()).isEqualTo("n/a");
    assertThat(tx.extra().get("Balance").get("v").asInt()).isEqualTo(1);
  }

  @Test
  void nulls_are_accepted_wherever_a_value_can_be_missing() {
    AccountsDetail detail =
        FlinksJson.parseAccountsDetail(
            utf8(
                """
                {"HttpStatusCode":200,"Accounts":[{"Transactions":null,"Balance":null,"Holder":{"Address":null,
                "Name":null},"Category":null,"Id":null}],"Login":null,"InstitutionId":null,"Links":null}\
                """));

    Account account = detail.accounts().getFirst();
    assertThat(account.transactions()).isEmpty();
    assertThat(account.balance()).isNull();
    assertThat(account.holder().address()).isNull();
    assertThat(detail.login()).isNull();
    assertThat(detail.links()).isEmpty();
  }

  @Test
  void malformed_json_is_an_unreadable_response_naming_the_position_not_the_content() {
    assertThatThrownBy(
            () -> FlinksJson.parseAccountsDetail(utf8("{\"RequestId\": secret-login-id}")))
        .isInstanceOf(UnreadableResponseException.class)
        .hasMessageContaining("line 1")
        .hasMessageNotContaining("secret-login-id");
  }

  @Test
  void truncated_json_is_an_unreadable_response() {
    byte[] full = Fixtures.bytes("getaccountsdetail-200.json");
    byte[] truncated = java.util.Arrays.copyOf(full, full.length / 2);

    assertThatThrownBy(() -> FlinksJson.parseAccountsDetail(truncated))
        .isInstanceOf(UnreadableResponseException.class)
        .hasMessageContaining("truncated");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "[]", "\"text\"", "<html>Bad gateway</html>", "{} {}"})
  void bodies_that_are_not_one_json_object_are_unreadable(String body) {
    assertThatThrownBy(() -> FlinksJson.parseAccountsDetail(utf8(body)))
        .isInstanceOf(UnreadableResponseException.class);
  }

  @Test
  void login_to_string_hides_the_login_id_and_username() {
    Login login =
        FlinksJson.parseAccountsDetail(Fixtures.bytes("getaccountsdetail-200.json")).login();

    assertThat(login.toString())
        .doesNotContain("5602459c-f6d0-4ca0-6750-08dccdcadcc0")
        .doesNotContain("chat_gpt");
  }

  @Test
  void peek_response_type_reads_only_the_top_level_field() {
    assertThat(FlinksJson.peekResponseType(Fixtures.bytes("webhook-kyc.json"))).contains("KYC");
    assertThat(FlinksJson.peekResponseType(Fixtures.bytes("getaccountsdetail-200.json"))).isEmpty();
  }

  @Test
  void model_serializes_with_a_plain_object_mapper_as_iso_dates_and_plain_strings()
      throws Exception {
    AccountsDetail detail =
        FlinksJson.parseAccountsDetail(Fixtures.bytes("getaccountsdetail-200.json"));

    com.fasterxml.jackson.databind.JsonNode json =
        new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(detail);

    assertThat(json.at("/accounts/0/transactions/0/date").asText()).isEqualTo("2025-01-31");
    assertThat(json.at("/accounts/0/transactions/0/debit").decimalValue())
        .isEqualByComparingTo("1000.4");
    assertThat(json.at("/accounts/0/category").asText()).isEqualTo("Operations");
    assertThat(json.at("/login/lastRefresh").asText()).isEqualTo("2025-01-31T17:40:54.569261");
    assertThat(json.has("raw")).isFalse();
  }

  @Test
  void raw_json_serializes_inline_as_the_json_it_is() throws Exception {
    byte[] body = "{\"A\":[1,2]}".getBytes(StandardCharsets.UTF_8);

    String json =
        new com.fasterxml.jackson.databind.ObjectMapper()
            .writeValueAsString(java.util.Map.of("payload", RawJson.wrap(body)));

    assertThat(json).isEqualTo("{\"payload\":{\"A\":[1,2]}}");
  }

  @Test
  void every_truncation_of_a_real_payload_parses_or_fails_as_unreadable_response() {
    byte[] body = Fixtures.bytes("getaccountsdetailasync-200.json");

    int closingBrace = new String(body, StandardCharsets.UTF_8).lastIndexOf('}');
    for (int length = 0; length <= closingBrace; length++) {
      byte[] prefix = java.util.Arrays.copyOf(body, length);
      assertThatThrownBy(() -> FlinksJson.parseAccountsDetail(prefix))
          .as("prefix of %d bytes", length)
          .isInstanceOf(UnreadableResponseException.class);
    }
  }

  @Test
  void corrupted_bytes_never_escape_as_anything_but_unreadable_response() {
    byte[] body = Fixtures.bytes("getaccountsdetailasync-200.json");
    java.util.SplittableRandom random = new java.util.SplittableRandom(7);

    for (int round = 0; round < 500; round++) {
      byte[] corrupted = body.clone();
      for (int flips = 1 + random.nextInt(3); flips > 0; flips--) {
        corrupted[random.nextInt(corrupted.length)] = (byte) random.nextInt(256);
      }
      try {
        FlinksJson.parseAccountsDetail(corrupted);
      } catch (UnreadableResponseException expected) {
        // the only failure allowed
      }
    }
  }

  @Test
  void a_statement_larger_than_jacksons_default_string_cap_parses() {
    String pdf = "A".repeat(21 * 1024 * 1024);
    byte[] body =
        ("{\"StatementsByAccount\":[{\"AccountNumber\":\"1\",\"Statements\":[{\"UniqueId\":\"u\","
                + "\"FileType\":\"PDF\",\"Base64Bytes\":\""
                + pdf
                + "\"}]}]}")
            .getBytes(StandardCharsets.US_ASCII);

    Statements statements = FlinksJson.parseStatements(body);

    assertThat(statements.statementsByAccount().getFirst().statements().getFirst().base64Bytes())
        .hasSize(pdf.length());
  }

  /** The same body behind a UTF-8 byte order mark: parsed through Jackson alone, no fast path. */
  private static byte[] withBom(byte[] body) {
    byte[] out = new byte[body.length + 3];
    out[0] = (byte) 0xEF;
    out[1] = (byte) 0xBB;
    out[2] = (byte) 0xBF;
    System.arraycopy(body, 0, out, 3, body.length);
    return out;
  }

  private static Transaction onlyTransaction(String transactionJson) {
    return FlinksJson.parseAccountsDetail(
            utf8("{\"Accounts\":[{\"Transactions\":[" + transactionJson + "]}]}"))
        .accounts()
        .getFirst()
        .transactions()
        .getFirst();
  }

  @Test
  void transaction_strings_with_escapes_or_non_ascii_characters_are_decoded() {
    Transaction tx =
        onlyTransaction(
            """
            {"Date":"2026\\u002d11-24","Code":"D\\tD","Description":"Café dépôt \\"Nord\\" \\u0041",
             "Id":"id-\\\\-é"}\
            """);

    assertThat(tx.date()).isEqualTo(LocalDate.of(2026, 11, 24));
    assertThat(tx.code()).isEqualTo("D\tD");
    assertThat(tx.description()).isEqualTo("Café dépôt \"Nord\" A");
    assertThat(tx.id()).isEqualTo("id-\\-é");
  }

  @Test
  void transaction_fields_in_another_order_with_whitespace_and_unknown_fields_parse_alike() {
    Transaction compact =
        onlyTransaction(
            """
            {"Date":"2026-11-24","Code":null,"Description":"POS PURCHASE","Debit":12.50,"Credit":null,\
            "Balance":100.00,"Id":"a1b2"}\
            """);
    Transaction shuffled =
        onlyTransaction(
            """
            { "Id" : "a1b2" ,\t"Balance": 100.00, "Note" : "n", "Description"
              :  "POS PURCHASE", "Debit":12.50, "Date" :"2026-11-24", "Credit": null, "Code":null }\
            """);

    assertThat(shuffled.extra().get("Note").asText()).isEqualTo("n");
    assertThat(shuffled)
        .isEqualTo(
            new Transaction(
                compact.id(),
                compact.date(),
                compact.description(),
                compact.debit(),
                compact.credit(),
                compact.balance(),
                compact.code(),
                shuffled.extra()));
    assertThat(compact.extra()).isEmpty();
  }

  @Test
  void dates_with_a_time_part_keep_the_date_and_impossible_dates_are_kept_in_extra() {
    assertThat(onlyTransaction("{\"Date\":\"2026-11-24T00:00:00\"}").date())
        .isEqualTo(LocalDate.of(2026, 11, 24));
    Transaction impossible = onlyTransaction("{\"Date\":\"2026-02-30\"}");
    assertThat(impossible.date()).isNull();
    assertThat(impossible.extra().get("Date").asText()).isEqualTo("2026-02-30");
    Transaction trailing = onlyTransaction("{\"Date\":\"2026-11-24x\"}");
    assertThat(trailing.date()).isNull();
    assertThat(trailing.extra().get("Date").asText()).isEqualTo("2026-11-24x");
  }

  @Test
  void equal_descriptions_share_one_string() {
    List<Transaction> txs =
        FlinksJson.parseAccountsDetail(
                utf8(
                    """
                    {"Accounts":[{"Transactions":[{"Description":"MONTHLY ACCOUNT FEE"},
                    {"Description":"MONTHLY ACCOUNT FEE"},{"Description":"FEE"},{"Description":"FEE"}]}]}\
                    """))
            .accounts()
            .getFirst()
            .transactions();

    assertThat(txs.get(1).description()).isSameAs(txs.get(0).description());
    assertThat(txs.get(3).description()).isSameAs(txs.get(2).description());
  }

  @Test
  void fixtures_parse_to_the_same_model_through_jackson_alone() {
    for (String fixture :
        List.of("getaccountsdetail-200.json", "getaccountsdetailasync-200.json")) {
      byte[] body = Fixtures.bytes(fixture);

      assertThat(FlinksJson.parseAccountsDetail(body).accounts())
          .as(fixture)
          .isEqualTo(FlinksJson.parseAccountsDetail(withBom(body)).accounts());
    }
  }

  @Test
  void random_transaction_strings_parse_as_jackson_alone_parses_them() {
    String[] pieces = {
      "a",
      "Z",
      "0",
      "-",
      " ",
      "#",
      "é",
      "€",
      "\uD83D\uDE00",
      "\\\"",
      "\\\\",
      "\\u0041",
      "\\n",
      "\\/",
      "2026-11-24",
      "T",
      "LONG DESCRIPTION TEXT "
    };
    java.util.SplittableRandom random = new java.util.SplittableRandom(13);
    String[] fields = {"Date", "Code", "Description", "Id"};
    for (int round = 0; round < 400; round++) {
      StringBuilder json = new StringBuilder("{\"Accounts\":[{\"Transactions\":[");
      for (int t = 0; t < 3; t++) {
        json.append(t == 0 ? "{" : ",{");
        for (int f = 0; f < fields.length; f++) {
          json.append(f == 0 ? "" : ",").append('"').append(fields[f]).append("\":\"");
          for (int n = random.nextInt(8); n > 0; n--) {
            json.append(pieces[random.nextInt(pieces.length)]);
          }
          json.append('"');
        }
        json.append('}');
      }
      byte[] body = utf8(json.append("]}]}").toString());

      assertThat(FlinksJson.parseAccountsDetail(body).accounts())
          .as("%s", json)
          .isEqualTo(FlinksJson.parseAccountsDetail(withBom(body)).accounts());
    }
  }

  @Test
  void corrupted_bytes_parse_or_fail_as_jackson_alone_does() {
    byte[] body = Fixtures.bytes("getaccountsdetailasync-200.json");
    java.util.SplittableRandom random = new java.util.SplittableRandom(11);

    for (int round = 0; round < 500; round++) {
      byte[] corrupted = body.clone();
      for (int flips = 1 + random.nextInt(3); flips > 0; flips--) {
        corrupted[random.nextInt(corrupted.length)] = (byte) random.nextInt(256);
      }
      Object fast = accountsOrFailure(corrupted);
      Object jacksonAlone = accountsOrFailure(withBom(corrupted));

      assertThat(fast).as("round %d", round).isEqualTo(jacksonAlone);
    }
  }

  private static Object accountsOrFailure(byte[] body) {
    try {
      return FlinksJson.parseAccountsDetail(body).accounts();
    } catch (UnreadableResponseException e) {
      return UnreadableResponseException.class;
    }
  }
}
