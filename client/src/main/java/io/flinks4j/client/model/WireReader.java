package io.flinks4j.client.model;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Hand-written streaming binder for the Flinks wire format. Every reader starts on the value's
 * first token and leaves the parser on its last token.
 *
 * <p>One instance per parse. It shares equal dates and equal short strings (transaction
 * descriptions repeat a lot) through small direct-mapped caches read straight from the parser's
 * buffer, so a repeat allocates nothing: this keeps a parsed 50 MB payload well under twice its
 * size in memory.
 */
final class WireReader {
  private static final int CACHE_SIZE = 4096; // power of two
  private static final int MAX_SHARED_LENGTH = 64;

  private final int[] dateKeys = new int[CACHE_SIZE];
  private final LocalDate[] dates = new LocalDate[CACHE_SIZE];
  private final String[] strings = new String[CACHE_SIZE];

  /** Unknown fields and values that could not be converted, collected lazily per object. */
  private static final class Extra {
    private LinkedHashMap<String, JsonNode> map;

    void keep(String name, JsonParser p) throws IOException {
      JsonNode node =
          p.currentToken() == JsonToken.VALUE_NULL ? NullNode.getInstance() : p.readValueAsTree();
      put(name, node);
    }

    void put(String name, JsonNode node) {
      if (map == null) {
        map = new LinkedHashMap<>(4);
      }
      map.put(name, node);
    }

    Map<String, JsonNode> freeze() {
      return map == null ? Map.of() : new Extras.Frozen(map);
    }
  }

  @FunctionalInterface
  private interface ElementReader<T> {
    T read(JsonParser p) throws IOException;
  }

  AccountsDetail accountsDetail(JsonParser p, RawJson raw) throws IOException {
    AccountsDetail.Builder b = AccountsDetail.builder().raw(raw);
    Extra x = new Extra();
    String name;
    while ((name = p.nextFieldName()) != null) {
      p.nextToken();
      if (name.equals("ResponseType")) {
        b.responseType(text(p, name, x));
      } else if (!accountsField(name, p, x, b)) {
        x.keep(name, p);
      }
    }
    return b.extra(x.freeze()).build();
  }

  AccountsSummary accountsSummary(JsonParser p, RawJson raw) throws IOException {
    AccountsSummary.Builder b = AccountsSummary.builder().raw(raw);
    Extra x = new Extra();
    String name;
    while ((name = p.nextFieldName()) != null) {
      p.nextToken();
      if (!accountsField(name, p, x, b)) {
        x.keep(name, p);
      }
    }
    return b.extra(x.freeze()).build();
  }

  /**
   * Reads into {@code b} one of the fields {@link AccountsDetail} and {@link AccountsSummary}
   * share.
   *
   * @return false when {@code name} is not one of them (the parser has not moved)
   */
  private boolean accountsField(String name, JsonParser p, Extra x, AccountsPayload.Builder<?> b)
      throws IOException {
    switch (name) {
      case "HttpStatusCode" -> b.httpStatusCode(integer(p, name, x));
      case "Accounts" -> b.accounts(list(p, name, x, this::account));
      case "InstitutionName" -> b.institutionName(text(p, name, x));
      case "Login" -> b.login(object(p, name, x, this::login));
      case "InstitutionId" -> b.institutionId(integer(p, name, x));
      case "Institution" -> b.institution(text(p, name, x));
      case "RequestId" -> b.requestId(text(p, name, x));
      case "Links" -> b.links(list(p, name, x, this::link));
      case "Tag" -> b.tag(text(p, name, x));
      default -> {
        return false;
      }
    }
    return true;
  }

  KycPayload kyc(JsonParser p, RawJson raw) throws IOException {
    Integer status = null;
    List<Holder> holders = null;
    Login login = null;
    String responseType = null, institution = null, requestId = null, tag = null;
    Extra x = new Extra();
    String name;
    while ((name = p.nextFieldName()) != null) {
      p.nextToken();
      switch (name) {
        case "ResponseType" -> responseType = text(p, name, x);
        case "HttpStatusCode" -> status = integer(p, name, x);
        case "Holders" -> holders = list(p, name, x, this::holder);
        case "Login" -> login = object(p, name, x, this::login);
        case "Institution" -> institution = text(p, name, x);
        case "RequestId" -> requestId = text(p, name, x);
        case "Tag" -> tag = text(p, name, x);
        default -> x.keep(name, p);
      }
    }
    return KycPayload.builder()
        .responseType(responseType)
        .httpStatusCode(status)
        .holders(holders)
        .login(login)
        .institution(institution)
        .requestId(requestId)
        .tag(tag)
        .extra(x.freeze())
        .raw(raw)
        .build();
  }

  Statements statements(JsonParser p, RawJson raw) throws IOException {
    Integer status = null;
    List<AccountStatements> byAccount = null;
    Login login = null;
    String institution = null, requestId = null;
    Extra x = new Extra();
    String name;
    while ((name = p.nextFieldName()) != null) {
      p.nextToken();
      switch (name) {
        case "HttpStatusCode" -> status = integer(p, name, x);
        case "StatementsByAccount" -> byAccount = list(p, name, x, this::accountStatements);
        case "Login" -> login = object(p, name, x, this::login);
        case "Institution" -> institution = text(p, name, x);
        case "RequestId" -> requestId = text(p, name, x);
        default -> x.keep(name, p);
      }
    }
    return Statements.builder()
        .httpStatusCode(status)
        .statementsByAccount(byAccount)
        .login(login)
        .institution(institution)
        .requestId(requestId)
        .extra(x.freeze())
        .raw(raw)
        .build();
  }

  ResponseEnvelope envelope(JsonParser p, RawJson raw) throws IOException {
    Integer status = null, institutionId = null;
    String code = null, message = null, requestId = null, token = null;
    String institution = null, institutionName = null, tag = null;
    List<Link> links = null;
    List<SecurityChallenge> challenges = null;
    Login login = null;
    Extra x = new Extra();
    String name;
    while ((name = p.nextFieldName()) != null) {
      p.nextToken();
      switch (name) {
        case "HttpStatusCode" -> status = integer(p, name, x);
        case "FlinksCode" -> code = text(p, name, x);
        case "Message" -> message = text(p, name, x);
        case "RequestId" -> requestId = text(p, name, x);
        case "Token" -> token = text(p, name, x);
        case "Links" -> links = list(p, name, x, this::link);
        case "SecurityChallenges" -> challenges = list(p, name, x, this::challenge);
        case "Login" -> login = object(p, name, x, this::login);
        case "Institution" -> institution = text(p, name, x);
        case "InstitutionName" -> institutionName = text(p, name, x);
        case "InstitutionId" -> institutionId = integer(p, name, x);
        case "Tag" -> tag = text(p, name, x);
        default -> x.keep(name, p);
      }
    }
    return ResponseEnvelope.builder()
        .httpStatusCode(status)
        .flinksCode(code)
        .message(message)
        .requestId(requestId)
        .token(token)
        .links(links)
        .securityChallenges(challenges)
        .login(login)
        .institution(institution)
        .institutionName(institutionName)
        .institutionId(institutionId)
        .tag(tag)
        .extra(x.freeze())
        .raw(raw)
        .build();
  }

  private Account account(JsonParser p) throws IOException {
    Account.Builder b = Account.builder();
    Extra x = new Extra();
    String name;
    while ((name = p.nextFieldName()) != null) {
      p.nextToken();
      switch (name) {
        case "Transactions" -> b.transactions(list(p, name, x, this::transaction));
        case "TransitNumber" -> b.transitNumber(text(p, name, x));
        case "InstitutionNumber" -> b.institutionNumber(text(p, name, x));
        case "OverdraftLimit" -> b.overdraftLimit(decimal(p, name, x));
        case "Title" -> b.title(text(p, name, x));
        case "AccountNumber" -> b.accountNumber(text(p, name, x));
        case "LastFourDigits" -> b.lastFourDigits(text(p, name, x));
        case "Balance" -> b.balance(object(p, name, x, this::balance));
        case "Category" -> {
          String v = openText(p, name, x);
          b.category(v == null ? null : AccountCategory.of(v));
        }
        case "Type" -> b.type(text(p, name, x));
        case "Currency" -> b.currency(text(p, name, x));
        case "Holder" -> b.holder(object(p, name, x, this::holder));
        case "AccountType" -> {
          String v = openText(p, name, x);
          b.accountType(v == null ? null : AccountType.of(v));
        }
        case "Id" -> b.id(text(p, name, x));
        case "EftEligibleRatio" -> b.eftEligibleRatio(decimal(p, name, x));
        case "ETransferEligibleRatio" -> b.eTransferEligibleRatio(decimal(p, name, x));
        default -> x.keep(name, p);
      }
    }
    return b.extra(x.freeze()).build();
  }

  private Transaction transaction(JsonParser p) throws IOException {
    Transaction.Builder b = Transaction.builder();
    Extra x = new Extra();
    String name;
    while ((name = p.nextFieldName()) != null) {
      p.nextToken();
      switch (name) {
        case "Date" -> b.date(date(p, name, x));
        case "Code" -> b.code(sharedText(p, name, x));
        case "Description" -> b.description(sharedText(p, name, x));
        case "Debit" -> b.debit(decimal(p, name, x));
        case "Credit" -> b.credit(decimal(p, name, x));
        case "Balance" -> b.balance(decimal(p, name, x));
        case "Id" -> b.id(text(p, name, x));
        default -> x.keep(name, p);
      }
    }
    return b.extra(x.freeze()).build();
  }

  private Balance balance(JsonParser p) throws IOException {
    BigDecimal available = null, current = null, limit = null;
    Extra x = new Extra();
    String name;
    while ((name = p.nextFieldName()) != null) {
      p.nextToken();
      switch (name) {
        case "Available" -> available = decimal(p, name, x);
        case "Current" -> current = decimal(p, name, x);
        case "Limit" -> limit = decimal(p, name, x);
        default -> x.keep(name, p);
      }
    }
    return new Balance(available, current, limit, x.freeze());
  }

  private Holder holder(JsonParser p) throws IOException {
    String holderName = null, email = null, phone = null;
    Address address = null;
    Extra x = new Extra();
    String name;
    while ((name = p.nextFieldName()) != null) {
      p.nextToken();
      switch (name) {
        case "Name" -> holderName = text(p, name, x);
        case "Address" -> address = object(p, name, x, this::address);
        case "Email" -> email = text(p, name, x);
        case "PhoneNumber" -> phone = text(p, name, x);
        default -> x.keep(name, p);
      }
    }
    return new Holder(holderName, address, email, phone, x.freeze());
  }

  private Address address(JsonParser p) throws IOException {
    String civic = null, city = null, province = null, postal = null, poBox = null, country = null;
    Extra x = new Extra();
    String name;
    while ((name = p.nextFieldName()) != null) {
      p.nextToken();
      switch (name) {
        case "CivicAddress" -> civic = text(p, name, x);
        case "City" -> city = text(p, name, x);
        case "Province" -> province = text(p, name, x);
        case "PostalCode" -> postal = text(p, name, x);
        case "POBox" -> poBox = text(p, name, x);
        case "Country" -> country = text(p, name, x);
        default -> x.keep(name, p);
      }
    }
    return Address.builder()
        .civicAddress(civic)
        .city(city)
        .province(province)
        .postalCode(postal)
        .poBox(poBox)
        .country(country)
        .extra(x.freeze())
        .build();
  }

  private Login login(JsonParser p) throws IOException {
    String id = null, username = null;
    Boolean scheduled = null;
    LocalDateTime lastRefresh = null;
    AccountType type = null;
    Extra x = new Extra();
    String name;
    while ((name = p.nextFieldName()) != null) {
      p.nextToken();
      switch (name) {
        case "Username" -> username = text(p, name, x);
        case "IsScheduledRefresh" -> scheduled = bool(p, name, x);
        case "LastRefresh" -> lastRefresh = dateTime(p, name, x);
        case "Type" -> {
          String v = openText(p, name, x);
          type = v == null ? null : AccountType.of(v);
        }
        case "Id" -> id = text(p, name, x);
        default -> x.keep(name, p);
      }
    }
    return new Login(id, username, scheduled, lastRefresh, type, x.freeze());
  }

  private Link link(JsonParser p) throws IOException {
    String rel = null, href = null;
    JsonNode example = null;
    Extra ignored = new Extra();
    String name;
    while ((name = p.nextFieldName()) != null) {
      p.nextToken();
      switch (name) {
        case "rel", "Rel" -> rel = text(p, name, ignored);
        case "href", "Href" -> href = text(p, name, ignored);
        case "example", "Example" ->
            example = p.currentToken() == JsonToken.VALUE_NULL ? null : p.readValueAsTree();
        default -> p.skipChildren();
      }
    }
    return new Link(rel, href, example);
  }

  private SecurityChallenge challenge(JsonParser p) throws IOException {
    String type = null, prompt = null;
    JsonNode iterables = null;
    Extra x = new Extra();
    String name;
    while ((name = p.nextFieldName()) != null) {
      p.nextToken();
      switch (name) {
        case "Type" -> type = text(p, name, x);
        case "Prompt" -> prompt = text(p, name, x);
        case "Iterables" ->
            iterables = p.currentToken() == JsonToken.VALUE_NULL ? null : p.readValueAsTree();
        default -> x.keep(name, p);
      }
    }
    List<String> choices = strings(iterables);
    boolean question = SecurityChallenge.QUESTION_AND_ANSWER.equalsIgnoreCase(type);
    if (iterables != null && (choices == null || question)) {
      x.put("Iterables", iterables); // not a list of choices: kept as received
    }
    return SecurityChallenge.of(type, prompt, question ? null : choices, x.freeze());
  }

  /** The strings of an array of strings, or null for anything else. */
  private static List<String> strings(JsonNode node) {
    if (node == null || !node.isArray()) {
      return null;
    }
    List<String> out = new ArrayList<>(node.size());
    for (JsonNode item : node) {
      if (!item.isTextual()) {
        return null;
      }
      out.add(item.asText());
    }
    return out;
  }

  private AccountStatements accountStatements(JsonParser p) throws IOException {
    String accountNumber = null;
    List<Statement> statements = null;
    Extra x = new Extra();
    String name;
    while ((name = p.nextFieldName()) != null) {
      p.nextToken();
      switch (name) {
        case "AccountNumber" -> accountNumber = text(p, name, x);
        case "Statements" -> statements = list(p, name, x, this::statement);
        default -> x.keep(name, p);
      }
    }
    return new AccountStatements(accountNumber, statements, x.freeze());
  }

  private Statement statement(JsonParser p) throws IOException {
    String uniqueId = null, fileType = null, base64 = null;
    Extra x = new Extra();
    String name;
    while ((name = p.nextFieldName()) != null) {
      p.nextToken();
      switch (name) {
        case "UniqueId" -> uniqueId = text(p, name, x);
        case "FileType" -> fileType = text(p, name, x);
        case "Base64Bytes" -> base64 = text(p, name, x);
        default -> x.keep(name, p);
      }
    }
    return new Statement(uniqueId, fileType, base64, x.freeze());
  }

  // ---- values: a value of an unexpected type is kept in extra and the field left null, so nothing
  // is lost ----

  private static <T> T object(JsonParser p, String name, Extra x, ElementReader<T> reader)
      throws IOException {
    return switch (p.currentToken()) {
      case START_OBJECT -> reader.read(p);
      case VALUE_NULL -> null;
      default -> {
        x.keep(name, p);
        yield null;
      }
    };
  }

  private static <T> List<T> list(JsonParser p, String name, Extra x, ElementReader<T> reader)
      throws IOException {
    JsonToken t = p.currentToken();
    if (t == JsonToken.VALUE_NULL) {
      return List.of();
    }
    if (t != JsonToken.START_ARRAY) {
      x.keep(name, p);
      return List.of();
    }
    ArrayList<T> items = new ArrayList<>();
    JsonToken element;
    while ((element = p.nextToken()) != JsonToken.END_ARRAY) {
      if (element == JsonToken.START_OBJECT) {
        items.add(reader.read(p));
      } else if (element == JsonToken.VALUE_NULL) {
        continue; // a null element carries nothing to keep
      } else {
        x.put(name + "[" + items.size() + "]", p.readValueAsTree());
      }
    }
    return List.copyOf(items);
  }

  private static String text(JsonParser p, String name, Extra x) throws IOException {
    JsonToken t = p.currentToken();
    if (t == JsonToken.VALUE_STRING) {
      return p.getText();
    }
    if (t == JsonToken.VALUE_NULL) {
      return null;
    }
    if (t.isScalarValue()) {
      return p.getText(); // a number or boolean where the docs say string: its text is the value
    }
    x.keep(name, p);
    return null;
  }

  /**
   * Like {@link #text}, but equal short strings share one instance (a repeat allocates nothing).
   */
  private String sharedText(JsonParser p, String name, Extra x) throws IOException {
    if (p.currentToken() != JsonToken.VALUE_STRING || p.getTextLength() > MAX_SHARED_LENGTH) {
      return text(p, name, x);
    }
    char[] c = p.getTextCharacters();
    int off = p.getTextOffset();
    int len = p.getTextLength();
    int h = len;
    for (int i = off; i < off + len; i++) {
      h = 31 * h + c[i];
    }
    int slot = (h ^ (h >>> 16)) & (CACHE_SIZE - 1);
    String cached = strings[slot];
    if (cached != null && sameChars(cached, c, off, len)) {
      return cached;
    }
    String value = new String(c, off, len);
    strings[slot] = value;
    return value;
  }

  private static boolean sameChars(String s, char[] c, int off, int len) {
    if (s.length() != len) {
      return false;
    }
    for (int i = 0; i < len; i++) {
      if (s.charAt(i) != c[off + i]) {
        return false;
      }
    }
    return true;
  }

  /** Text for open value types: empty strings cannot be values, so they are kept in extra. */
  private static String openText(JsonParser p, String name, Extra x) throws IOException {
    String v = text(p, name, x);
    if (v != null && v.isBlank()) {
      x.put(name, FlinksJson.MAPPER.getNodeFactory().textNode(v));
      return null;
    }
    return v;
  }

  private static BigDecimal decimal(JsonParser p, String name, Extra x) throws IOException {
    switch (p.currentToken()) {
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
        BigDecimal small =
            smallDecimal(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
        return small != null ? small : p.getDecimalValue();
      }
      case VALUE_NULL -> {
        return null;
      }
      case VALUE_STRING -> {
        String s = p.getText().strip();
        if (s.isEmpty()) {
          return null;
        }
        try {
          return new BigDecimal(s);
        } catch (NumberFormatException e) {
          x.keep(name, p);
          return null;
        }
      }
      default -> {
        x.keep(name, p);
        return null;
      }
    }
  }

  /**
   * A plain number of up to 18 digits ({@code -123.45}; no exponent) as unscaled long and scale:
   * equal, scale included, to {@code new BigDecimal(text)}, at a fraction of its cost (amounts are
   * most of a payload's numbers).
   *
   * @return null when the text is not of that form, for the general parser to handle
   */
  static BigDecimal smallDecimal(char[] c, int off, int len) {
    int i = off;
    int end = off + len;
    boolean negative = i < end && c[i] == '-';
    if (negative) {
      i++;
    }
    long unscaled = 0;
    int digits = 0;
    int scale = 0;
    boolean fraction = false;
    for (; i < end; i++) {
      char ch = c[i];
      if (ch >= '0' && ch <= '9') {
        if (++digits > 18) {
          return null;
        }
        unscaled = unscaled * 10 + (ch - '0');
        if (fraction) {
          scale++;
        }
      } else if (ch == '.' && !fraction) {
        fraction = true;
      } else {
        return null;
      }
    }
    if (digits == 0) {
      return null;
    }
    return BigDecimal.valueOf(negative ? -unscaled : unscaled, scale);
  }

  private static Integer integer(JsonParser p, String name, Extra x) throws IOException {
    JsonToken t = p.currentToken();
    if (t == JsonToken.VALUE_NUMBER_INT && p.getNumberType() == JsonParser.NumberType.INT) {
      return p.getIntValue();
    }
    if (t == JsonToken.VALUE_NULL) {
      return null;
    }
    if (t == JsonToken.VALUE_STRING) {
      try {
        return Integer.valueOf(p.getText().strip());
      } catch (NumberFormatException e) {
        // fall through: keep it
      }
    }
    x.keep(name, p);
    return null;
  }

  private static Boolean bool(JsonParser p, String name, Extra x) throws IOException {
    switch (p.currentToken()) {
      case VALUE_TRUE -> {
        return Boolean.TRUE;
      }
      case VALUE_FALSE -> {
        return Boolean.FALSE;
      }
      case VALUE_NULL -> {
        return null;
      }
      case VALUE_STRING -> {
        String s = p.getText().strip();
        if (s.equalsIgnoreCase("true")) {
          return Boolean.TRUE;
        }
        if (s.equalsIgnoreCase("false")) {
          return Boolean.FALSE;
        }
        x.keep(name, p);
        return null;
      }
      default -> {
        x.keep(name, p);
        return null;
      }
    }
  }

  /**
   * {@code yyyy-MM-dd}, read straight from the parser's buffer; a date-time keeps its date part.
   */
  private LocalDate date(JsonParser p, String name, Extra x) throws IOException {
    JsonToken t = p.currentToken();
    if (t == JsonToken.VALUE_NULL) {
      return null;
    }
    if (t == JsonToken.VALUE_STRING) {
      char[] c = p.getTextCharacters();
      int off = p.getTextOffset();
      int len = p.getTextLength();
      if (len == 10 || (len > 10 && c[off + 10] == 'T')) {
        int y = digits(c, off, 4);
        int m = digits(c, off + 5, 2);
        int d = digits(c, off + 8, 2);
        if (y >= 0 && m >= 0 && d >= 0 && c[off + 4] == '-' && c[off + 7] == '-') {
          int key = y * 10000 + m * 100 + d;
          int slot = key & (CACHE_SIZE - 1);
          if (dateKeys[slot] == key && dates[slot] != null) {
            return dates[slot];
          }
          try {
            LocalDate date = LocalDate.of(y, m, d);
            dateKeys[slot] = key;
            dates[slot] = date;
            return date;
          } catch (DateTimeException e) {
            // impossible calendar date: keep it below
          }
        }
      }
    }
    x.keep(name, p);
    return null;
  }

  private static int digits(char[] c, int from, int count) {
    int v = 0;
    for (int i = from; i < from + count; i++) {
      char ch = c[i];
      if (ch < '0' || ch > '9') {
        return -1;
      }
      v = v * 10 + (ch - '0');
    }
    return v;
  }

  /**
   * UTC date-time; Flinks omits the zone (6-7 fraction digits), a trailing {@code Z} or offset is
   * converted.
   */
  private static LocalDateTime dateTime(JsonParser p, String name, Extra x) throws IOException {
    JsonToken t = p.currentToken();
    if (t == JsonToken.VALUE_NULL) {
      return null;
    }
    if (t == JsonToken.VALUE_STRING) {
      String s = p.getText().strip();
      if (s.isEmpty()) {
        return null;
      }
      try {
        return parseUtc(s);
      } catch (DateTimeParseException e) {
        // keep it below
      }
    }
    x.keep(name, p);
    return null;
  }

  static LocalDateTime parseUtc(String s) {
    int tIndex = s.indexOf('T');
    boolean zoned =
        s.endsWith("Z")
            || s.endsWith("z")
            || (tIndex > 0 && (s.indexOf('+', tIndex) > 0 || s.indexOf('-', tIndex) > 0));
    if (zoned) {
      return OffsetDateTime.parse(s.endsWith("z") ? s.substring(0, s.length() - 1) + "Z" : s)
          .withOffsetSameInstant(ZoneOffset.UTC)
          .toLocalDateTime();
    }
    return LocalDateTime.parse(s);
  }
}
