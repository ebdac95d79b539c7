package io.flinks4j.client.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The binder's fast path for amounts must give exactly what {@code new BigDecimal(text)} gives,
 * scale included.
 */
class SmallDecimalTest {

  private static BigDecimal fast(String text) {
    char[] padded =
        ("xx" + text + "yy")
            .toCharArray(); // an offset into a larger buffer, as Jackson hands it over
    return WireReader.smallDecimal(padded, 2, text.length());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "0",
        "-0",
        "0.00",
        "-0.00",
        "12.5",
        "12.50",
        "-1234.56",
        "100",
        "0.000001",
        "999999999999999999",
        "-999999999999999999",
        "99999999.9999999999"
      })
  void equals_the_general_parse_in_value_and_scale(String text) {
    BigDecimal expected = new BigDecimal(text);

    BigDecimal actual = fast(text);

    assertThat(actual).isEqualTo(expected); // BigDecimal.equals compares the scale too
    assertThat(actual.scale()).isEqualTo(expected.scale());
  }

  @ParameterizedTest
  @ValueSource(strings = {"1e5", "1.5E-3", "1234567890123456789", "-", "", ".", "1.2.3", "12a"})
  void leaves_exponents_long_numbers_and_odd_text_to_the_general_parser(String text) {
    assertThat(fast(text)).isNull();
  }

  @Test
  void random_amounts_parse_like_the_general_parser() {
    SplittableRandom random = new SplittableRandom(0xA11_0C8L);
    for (int i = 0; i < 10_000; i++) {
      long unscaled = random.nextLong(-10_000_000_000L, 10_000_000_000L);
      String text = BigDecimal.valueOf(unscaled, random.nextInt(0, 8)).toPlainString();

      assertThat(fast(text)).as(text).isEqualTo(new BigDecimal(text));
    }
  }

  @Test
  void amounts_in_a_body_keep_their_scale() {
    String body =
        "{\"Accounts\":[{\"Transactions\":[{\"Debit\":12.50,\"Credit\":null,\"Balance\":-3}]}]}";

    Transaction t =
        FlinksJson.parseAccountsDetail(body.getBytes(StandardCharsets.UTF_8))
            .accounts()
            .getFirst()
            .transactions()
            .getFirst();

    assertThat(t.debit()).isEqualTo(new BigDecimal("12.50"));
    assertThat(t.balance()).isEqualTo(new BigDecimal("-3"));
  }
}
