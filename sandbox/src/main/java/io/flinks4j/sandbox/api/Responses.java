package io.flinks4j.sandbox.api;

import com.fasterxml.jackson.core.JsonGenerator;
import io.flinks4j.sandbox.data.PayloadWriter;
import io.flinks4j.sandbox.engine.FlinksCode;
import io.flinks4j.sandbox.engine.Login;
import io.flinks4j.sandbox.engine.MfaQuestion;
import io.flinks4j.sandbox.engine.Session;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;

/**
 * Builds the Flinks response bodies; every body repeats its HTTP status in {@code HttpStatusCode}.
 */
public final class Responses {

  /** {@code LastRefresh}: UTC without a zone suffix, 7 fraction digits, as Flinks prints it. */
  private static final DateTimeFormatter LAST_REFRESH =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSS").withZone(ZoneOffset.UTC);

  private Responses() {}

  /**
   * An error or pending envelope: {@code {HttpStatusCode, FlinksCode, Message, Links, RequestId?}}.
   */
  public static byte[] error(FlinksCode code, String message, Session sessionOrNull) {
    return PayloadWriter.write(
        256,
        g -> {
          g.writeStartObject();
          g.writeNumberField("HttpStatusCode", code.httpStatus());
          g.writeStringField("FlinksCode", code.name());
          g.writeStringField("Message", message != null ? message : code.message());
          g.writeArrayFieldStart("Links");
          g.writeEndArray();
          if (sessionOrNull != null) {
            g.writeStringField("RequestId", sessionOrNull.requestId());
            if (code == FlinksCode.QUESTION_NOT_FOUND) {
              writeLogin(g, sessionOrNull.login(), sessionOrNull);
            }
          }
          g.writeEndObject();
        });
  }

  public static byte[] error(FlinksCode code, Session sessionOrNull) {
    return error(code, null, sessionOrNull);
  }

  static byte[] token(String token) {
    return PayloadWriter.write(
        96,
        g -> {
          g.writeStartObject();
          g.writeNumberField("HttpStatusCode", 200);
          g.writeStringField("Token", token);
          g.writeEndObject();
        });
  }

  static byte[] authorized(Session session) {
    Login login = session.login();
    return PayloadWriter.write(
        1024,
        g -> {
          g.writeStartObject();
          g.writeNumberField("HttpStatusCode", 200);
          writeLinks(
              g,
              "AccountsDetail",
              "/GetAccountsDetail",
              "AccountsSummary",
              "/GetAccountsSummary",
              "Statements",
              "/GetStatements");
          g.writeStringField("InstitutionName", login.institution().name());
          writeLogin(g, login, session);
          g.writeNumberField("InstitutionId", login.institution().id());
          g.writeStringField("Institution", login.institution().code());
          g.writeStringField("RequestId", session.requestId());
          if (session.tag() != null) {
            g.writeStringField("Tag", session.tag());
          }
          g.writeEndObject();
        });
  }

  static byte[] mfaRequired(Session session, List<MfaQuestion> challenges) {
    return PayloadWriter.write(
        512,
        g -> {
          g.writeStartObject();
          writeLinks(g, "Authorization", "/Authorize");
          g.writeNumberField("HttpStatusCode", 203);
          g.writeArrayFieldStart("SecurityChallenges");
          for (MfaQuestion q : challenges) {
            g.writeStartObject();
            g.writeStringField("Type", q.type().wireName());
            g.writeStringField("Prompt", q.prompt());
            if (q.type().hasChoices()) {
              // nanopay's integration reads choices, images and phone numbers from Iterables
              // (sandbox README)
              g.writeArrayFieldStart("Iterables");
              for (String item : q.iterables()) {
                g.writeString(item);
              }
              g.writeEndArray();
            }
            g.writeEndObject();
          }
          g.writeEndArray();
          g.writeStringField("Institution", session.login().institution().code());
          g.writeStringField("RequestId", session.requestId());
          g.writeEndObject();
        });
  }

  /**
   * A data body: {@code {HttpStatusCode, [FlinksCode, Message,] Accounts, Links?, Tag?,
   * InstitutionName, Login, InstitutionId, Institution, RequestId}} with the pre-serialized
   * accounts array spliced in.
   */
  public static byte[] data(
      int status,
      FlinksCode codeOrNull,
      ByteBuffer accountsJson,
      Session session,
      String responseType) {
    DataBody body = dataBody(status, codeOrNull, accountsJson, session, responseType);
    byte[] out = new byte[body.length()];
    System.arraycopy(body.head(), 0, out, 0, body.head().length);
    body.accounts().get(out, body.head().length, body.accounts().remaining());
    System.arraycopy(body.tail(), 0, out, out.length - body.tail().length, body.tail().length);
    return out;
  }

  /**
   * A data body in three parts, so the accounts array (the bulk, shared by every session that reads
   * the same data version with the same options) is written as it is, without a copy.
   *
   * @param head the envelope up to and including {@code "Accounts":}
   * @param accounts the shared accounts array; a view of its own, so reading it moves nobody else's
   *     position
   * @param tail the rest of the envelope, from the comma after the array
   */
  public record DataBody(byte[] head, ByteBuffer accounts, byte[] tail) {

    public DataBody {
      accounts = accounts.duplicate();
    }

    public int length() {
      return head.length + accounts.remaining() + tail.length;
    }

    /** A body built in one piece, with no shared part. */
    public static DataBody whole(byte[] body) {
      return new DataBody(body, NOTHING, NOTHING_BYTES);
    }
  }

  private static final ByteBuffer NOTHING = ByteBuffer.allocate(0).asReadOnlyBuffer();
  private static final byte[] NOTHING_BYTES = new byte[0];

  /** A copy of what remains of {@code buffer}, which keeps its position. */
  static byte[] bytes(ByteBuffer buffer) {
    byte[] out = new byte[buffer.remaining()];
    buffer.duplicate().get(out);
    return out;
  }

  /** The parts of {@link #data}; see {@link DataBody}. */
  public static DataBody dataBody(
      int status,
      FlinksCode codeOrNull,
      ByteBuffer accountsJson,
      Session session,
      String responseType) {
    Login login = session.login();
    byte[] head =
        PayloadWriter.write(
            128,
            g -> {
              g.writeStartObject();
              if (responseType != null) {
                g.writeStringField("ResponseType", responseType);
              }
              g.writeNumberField("HttpStatusCode", status);
              if (codeOrNull != null) {
                g.writeStringField("FlinksCode", codeOrNull.name());
                g.writeStringField("Message", codeOrNull.message());
              }
              g.writeFieldName("Accounts");
              g.writeRawValue("[]");
              g.writeEndObject();
            });
    byte[] tail =
        PayloadWriter.write(
            512,
            g -> {
              g.writeStartObject();
              if (session.tag() != null) {
                g.writeStringField("Tag", session.tag());
              }
              g.writeStringField("InstitutionName", login.institution().name());
              writeLogin(g, login, session);
              g.writeNumberField("InstitutionId", login.institution().id());
              g.writeStringField("Institution", login.institution().code());
              g.writeStringField("RequestId", session.requestId());
              g.writeEndObject();
            });
    // head is {...,"Accounts":[]} and tail is {...}: splice as {...,"Accounts":<accounts>,...}.
    byte[] before = Arrays.copyOf(head, head.length - 3);
    byte[] after = Arrays.copyOf(tail, tail.length);
    after[0] = ',';
    return new DataBody(before, accountsJson, after);
  }

  /**
   * The early KYC webhook: {@code {ResponseType:"KYC", HttpStatusCode, Holders, Login, Institution,
   * RequestId}}.
   */
  public static byte[] kyc(Session session) {
    Login login = session.login();
    return PayloadWriter.write(
        1024,
        g -> {
          g.writeStartObject();
          g.writeStringField("ResponseType", "KYC");
          g.writeNumberField("HttpStatusCode", 200);
          g.writeArrayFieldStart("Holders");
          PayloadWriter.writeHolder(g, login.portfolio(session.dataVersion()).holder());
          g.writeEndArray();
          writeLogin(g, login, session);
          g.writeStringField("Institution", login.institution().code());
          g.writeStringField("RequestId", session.requestId());
          if (session.tag() != null) {
            g.writeStringField("Tag", session.tag());
          }
          g.writeEndObject();
        });
  }

  /**
   * {@code {HttpStatusCode?, Message}}; status 0 leaves the status field out, as some endpoints do.
   */
  static byte[] message(int status, String message) {
    return PayloadWriter.write(
        96,
        g -> {
          g.writeStartObject();
          if (status != 0) {
            g.writeNumberField("HttpStatusCode", status);
          }
          g.writeStringField("Message", message);
          g.writeEndObject();
        });
  }

  static byte[] mfaQuestions(Login login) {
    return PayloadWriter.write(
        256,
        g -> {
          g.writeStartObject();
          g.writeStringField("Message", "SUCCESS");
          g.writeArrayFieldStart("Questions");
          for (MfaQuestion q : login.mfaQuestions()) {
            g.writeStartObject();
            g.writeStringField("Question", q.prompt());
            g.writeEndObject();
          }
          g.writeEndArray();
          g.writeEndObject();
        });
  }

  static void writeLogin(JsonGenerator g, Login login, Session session) throws IOException {
    Instant lastRefresh = login.lastRefresh();
    g.writeObjectFieldStart("Login");
    g.writeStringField("Username", login.username());
    g.writeBooleanField("IsScheduledRefresh", false);
    g.writeStringField(
        "LastRefresh", LAST_REFRESH.format(session == null ? lastRefresh : refreshOf(session)));
    g.writeStringField("Type", "Personal");
    g.writeStringField("Id", login.id());
    g.writeEndObject();
  }

  private static Instant refreshOf(Session session) {
    return session.login().refreshedAt(session.dataVersion());
  }

  private static void writeLinks(JsonGenerator g, String... relHref) throws IOException {
    g.writeArrayFieldStart("Links");
    for (int i = 0; i < relHref.length; i += 2) {
      g.writeStartObject();
      g.writeStringField("rel", relHref[i]);
      g.writeStringField("href", relHref[i + 1]);
      g.writeNullField("example");
      g.writeEndObject();
    }
    g.writeEndArray();
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
