package io.flinks4j.client.model;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flinks4j.client.error.SanitizedCause;
import io.flinks4j.client.error.UnreadableResponseException;
import java.io.IOException;
import java.util.Optional;

/**
 * Parses Flinks JSON bodies into the model records in one streaming pass (no intermediate tree),
 * keeping the given byte array as the raw body. Public so webhook receivers and benchmarks parse
 * exactly like the client does.
 *
 * <p>Tolerant by design: unknown fields, and values whose type does not match the docs, land in the
 * records' {@code extra} maps instead of failing; only bodies that are not JSON objects fail, with
 * an {@link UnreadableResponseException} that gives the position but never the content.
 */
public final class FlinksJson {
  // Statement PDFs arrive as one Base64 string, which can exceed Jackson's default 20 MB cap on a
  // single value.
  static final ObjectMapper MAPPER =
      new ObjectMapper(
          JsonFactory.builder()
              .streamReadConstraints(
                  StreamReadConstraints.builder().maxStringLength(256 * 1024 * 1024).build())
              .build());

  private FlinksJson() {}

  /**
   * Parses a {@code /GetAccountsDetail} 200 body (also the Async 200 and the {@code
   * GetAccountsDetail} webhook).
   */
  public static AccountsDetail parseAccountsDetail(byte[] body) {
    return parse(body, WireReader::accountsDetail);
  }

  /** Parses a {@code /GetAccountsSummary} 200 body. */
  public static AccountsSummary parseAccountsSummary(byte[] body) {
    return parse(body, WireReader::accountsSummary);
  }

  /** Parses a {@code KYC} webhook body. */
  public static KycPayload parseKyc(byte[] body) {
    return parse(body, WireReader::kyc);
  }

  /** Parses a {@code /GetStatements} 200 body. */
  public static Statements parseStatements(byte[] body) {
    return parse(body, WireReader::statements);
  }

  /** Parses any non-data answer: token, authorize 200/203, 202 pending, error bodies. */
  public static ResponseEnvelope parseEnvelope(byte[] body) {
    return parse(body, WireReader::envelope);
  }

  /**
   * Reads only the top-level {@code ResponseType} of a webhook body, skipping everything else
   * without building it.
   *
   * @return the value, or empty when absent or not a string
   */
  public static Optional<String> peekResponseType(byte[] body) {
    return parse(
        body,
        (reader, p, raw) -> {
          String type = null;
          String name;
          while ((name = p.nextFieldName()) != null) {
            JsonToken t = p.nextToken();
            if (type == null && name.equals("ResponseType") && t == JsonToken.VALUE_STRING) {
              type = p.getText();
            } else {
              p.skipChildren();
            }
          }
          return Optional.ofNullable(type);
        });
  }

  @FunctionalInterface
  private interface RootReader<T> {
    T read(WireReader reader, JsonParser p, RawJson raw) throws IOException;
  }

  private static <T> T parse(byte[] body, RootReader<T> rootReader) {
    if (body == null) {
      throw new UnreadableResponseException("empty response body", 0, null, null);
    }
    try (JsonParser p = MAPPER.createParser(body)) {
      JsonToken first = p.nextToken();
      if (first == null) {
        throw new UnreadableResponseException("empty response body", 0, null, null);
      }
      if (first != JsonToken.START_OBJECT) {
        throw new UnreadableResponseException(
            "expected a JSON object but found " + first.asString(), 0, null, null);
      }
      T result = rootReader.read(new WireReader(body, p), p, RawJson.wrap(body));
      JsonToken trailing = p.nextToken();
      if (trailing != null) {
        throw new UnreadableResponseException(
            "unexpected content after the JSON object at " + where(p.currentLocation()),
            0,
            null,
            null);
      }
      return result;
    } catch (JsonEOFException e) {
      throw new UnreadableResponseException(
          "truncated JSON: body ends inside a value at " + where(e.getLocation()),
          0,
          null,
          sanitized(e));
    } catch (JsonProcessingException e) {
      throw new UnreadableResponseException(
          "malformed JSON at " + where(e.getLocation()), 0, null, sanitized(e));
    } catch (IOException e) {
      throw new UnreadableResponseException("unreadable JSON body", 0, null, sanitized(e));
    }
  }

  // Jackson messages quote the offending text, which may be a secret or personal data: keep only
  // the type.
  private static SanitizedCause sanitized(IOException e) {
    return SanitizedCause.of(e, null);
  }

  private static String where(JsonLocation location) {
    if (location == null) {
      return "unknown position";
    }
    return "line "
        + location.getLineNr()
        + ", column "
        + location.getColumnNr()
        + " (byte "
        + location.getByteOffset()
        + ")";
  }
}
