package io.flinks4j.sandbox.api;

import io.flinks4j.sandbox.data.Account;
import io.flinks4j.sandbox.data.PayloadWriter;
import io.flinks4j.sandbox.data.Portfolio;
import io.flinks4j.sandbox.engine.Session;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/** {@code /GetStatements}: one small but valid one-page PDF per account and month. */
final class Statements {

  private Statements() {}

  static byte[] body(Session session, int count, Set<String> accountsFilter) {
    Portfolio portfolio = session.login().portfolio(session.dataVersion());
    YearMonth last = YearMonth.from(portfolio.dataDate()).minusMonths(1);
    return PayloadWriter.write(
        8192 * count,
        g -> {
          g.writeStartObject();
          g.writeNumberField("HttpStatusCode", 200);
          g.writeArrayFieldStart("StatementsByAccount");
          for (Account account : portfolio.accounts()) {
            if (accountsFilter != null && !accountsFilter.contains(account.id())) {
              continue;
            }
            g.writeStartObject();
            g.writeStringField("AccountNumber", account.accountNumber());
            g.writeArrayFieldStart("Statements");
            for (int i = 0; i < count; i++) {
              YearMonth month = last.minusMonths(i);
              g.writeStartObject();
              g.writeStringField("UniqueId", uniqueId(account, month));
              g.writeStringField("FileType", "PDF");
              g.writeStringField(
                  "Base64Bytes",
                  Base64.getEncoder().encodeToString(pdf(account, month, portfolio)));
              g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
          }
          g.writeEndArray();
          Responses.writeLogin(g, session.login(), session);
          g.writeStringField("Institution", session.login().institution().code());
          g.writeStringField("RequestId", session.requestId());
          g.writeEndObject();
        });
  }

  private static String uniqueId(Account account, YearMonth month) {
    byte[] bytes = (account.id() + month).getBytes(StandardCharsets.UTF_8);
    return UUID.nameUUIDFromBytes(bytes).toString().replace("-", "").toUpperCase(Locale.ROOT);
  }

  /** A minimal PDF 1.4 document with a correct cross-reference table. */
  static byte[] pdf(Account account, YearMonth month, Portfolio portfolio) {
    String text =
        "FlinksCapital statement "
            + month
            + " - "
            + account.title()
            + " "
            + account.accountNumber()
            + " - "
            + portfolio.holder().name();
    String escaped = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)");
    String stream = "BT /F1 12 Tf 72 720 Td (" + escaped + ") Tj ET";
    List<String> objects = new ArrayList<>();
    objects.add("<< /Type /Catalog /Pages 2 0 R >>");
    objects.add("<< /Type /Pages /Kids [3 0 R] /Count 1 >>");
    objects.add(
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
            + " /Resources << /Font << /F1 5 0 R >> >> >>");
    objects.add(
        "<< /Length "
            + stream.getBytes(StandardCharsets.ISO_8859_1).length
            + " >>\nstream\n"
            + stream
            + "\nendstream");
    objects.add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>");
    ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
    List<Integer> offsets = new ArrayList<>();
    write(out, "%PDF-1.4\n");
    for (int i = 0; i < objects.size(); i++) {
      offsets.add(out.size());
      write(out, (i + 1) + " 0 obj\n" + objects.get(i) + "\nendobj\n");
    }
    int xref = out.size();
    StringBuilder table =
        new StringBuilder("xref\n0 " + (objects.size() + 1) + "\n0000000000 65535 f \n");
    for (int offset : offsets) {
      table.append(String.format("%010d 00000 n \n", offset));
    }
    table
        .append("trailer\n<< /Size ")
        .append(objects.size() + 1)
        .append(" /Root 1 0 R >>\nstartxref\n")
        .append(xref)
        .append("\n%%EOF\n");
    write(out, table.toString());
    return out.toByteArray();
  }

  private static void write(ByteArrayOutputStream out, String s) {
    out.writeBytes(s.getBytes(StandardCharsets.ISO_8859_1));
  }
}
