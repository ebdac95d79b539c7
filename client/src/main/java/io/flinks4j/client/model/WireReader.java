package io.flinks4j.client.model;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.base.ParserBase;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.json.UTF8StreamJsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.math.BigDecimal;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
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
 *
 * <p>Transactions are most of a payload, so their reader is the fast path: field names are matched
 * against the one Flinks sends next ({@link #nextField}), and plain string values (printable ASCII,
 * no escapes: ids, dates, most descriptions) are read straight from the body's bytes instead of
 * being decoded by Jackson into characters first. Anything else goes through Jackson as before.
 */
final class WireReader {
  private static final int CACHE_SIZE = 4096; // power of two
  private static final int MAX_SHARED_LENGTH = 64;
  // Longer strings are left to Jackson, which also enforces the configured maximum length.
  private static final int MAX_PLAIN_LENGTH = 1 << 16;

  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long ONES = 0x0101010101010101L;
  private static final long HIGHS = 0x8080808080808080L;
  private static final long MIX = 0x9E3779B97F4A7C15L;

  /** A transaction's fields, in the order Flinks sends them. */
  private static final SerializedString[] TRANSACTION_FIELDS =
      names("Date", "Code", "Description", "Debit", "Credit", "Balance", "Id");

  private static final int OTHER_FIELD = -1;
  private static final int END_OF_OBJECT = -2;

  private final int[] dateKeys = new int[CACHE_SIZE];
  private final LocalDate[] dates = new LocalDate[CACHE_SIZE];
  private final String[] strings = new String[CACHE_SIZE];

  /**
   * The body when the parser reads it as UTF-8 from its first byte, so that the parser's token
   * offsets index it; null otherwise (then every value is read through Jackson).
   */
  private final byte[] body;

  private byte[][] plainKeys; // the bytes of plainStrings[i], allocated at first use
  private String[] plainStrings;

  WireReader(byte[] body, JsonParser p) {
    this.body = p.getClass() == UTF8StreamJsonParser.class && !startsWithBom(body) ? body : null;
  }

  private static boolean startsWithBom(byte[] b) {
    return b.length >= 3 && b[0] == (byte) 0xEF && b[1] == (byte) 0xBB && b[2] == (byte) 0xBF;
  }

  private static SerializedString[] names(String... names) {
    SerializedString[] out = new SerializedString[names.length];
    for (int i = 0; i < names.length; i++) {
      out[i] = new SerializedString(names[i]);
    }
    return out;
  }

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
    int expected = 0;
    int field;
    while ((field = nextField(p, TRANSACTION_FIELDS, expected)) != END_OF_OBJECT) {
      String name = field == OTHER_FIELD ? p.currentName() : TRANSACTION_FIELDS[field].getValue();
      p.nextToken();
      switch (field) {
        case 0 -> b.date(date(p, name, x));
        case 1 -> b.code(sharedText(p, name, x));
        case 2 -> b.description(sharedText(p, name, x));
        case 3 -> b.debit(decimal(p, name, x));
        case 4 -> b.credit(decimal(p, name, x));
        case 5 -> b.balance(decimal(p, name, x));
        case 6 -> b.id(text(p, name, x));
        default -> x.keep(name, p);
      }
      if (field != OTHER_FIELD) {
        expected = field + 1;
      }
    }
    return b.extra(x.freeze()).build();
  }

  /**
   * Moves to the next field name, trying first {@code fields[expected]}: when the fields come in
   * the expected order, Jackson matches each name by comparing bytes instead of hashing it and
   * looking it up.
   *
   * @return the name's index in {@code fields}, {@link #OTHER_FIELD} for another name, or {@link
   *     #END_OF_OBJECT}
   */
  private static int nextField(JsonParser p, SerializedString[] fields, int expected)
      throws IOException {
    if (expected < fields.length) {
      if (p.nextFieldName(fields[expected])) {
        return expected;
      }
      if (p.currentToken() != JsonToken.FIELD_NAME) {
        return END_OF_OBJECT;
      }
    } else if (p.nextFieldName() == null) {
      return END_OF_OBJECT;
    }
    String name = p.currentName();
    for (int i = 0; i < fields.length; i++) {
      if (fields[i].getValue().equals(name)) {
        return i;
      }
    }
    return OTHER_FIELD;
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

  private String text(JsonParser p, String name, Extra x) throws IOException {
    JsonToken t = p.currentToken();
    if (t == JsonToken.VALUE_STRING) {
      int from = plainStart(p);
      int to = from < 0 ? -1 : plainEnd(from);
      return to < 0 ? p.getText() : new String(body, from, to - from, StandardCharsets.ISO_8859_1);
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
    if (p.currentToken() != JsonToken.VALUE_STRING) {
      return text(p, name, x);
    }
    int from = plainStart(p);
    int to = from < 0 ? -1 : plainEnd(from);
    if (to >= 0) {
      return sharedPlain(from, to);
    }
    if (p.getTextLength() > MAX_SHARED_LENGTH) {
      return p.getText();
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

  /** {@link #sharedText} for the plain string {@code body[from, to)}. */
  private String sharedPlain(int from, int to) {
    int len = to - from;
    if (len > MAX_SHARED_LENGTH) {
      return new String(body, from, len, StandardCharsets.ISO_8859_1);
    }
    long h = len;
    if (len >= 8) {
      for (int i = from; i + 8 <= to; i += 8) {
        h = (h ^ (long) LONGS.get(body, i)) * MIX;
      }
      h = (h ^ (long) LONGS.get(body, to - 8)) * MIX; // the last 8 bytes, overlapping
    } else {
      for (int i = from; i < to; i++) {
        h = (h ^ body[i]) * MIX;
      }
    }
    int slot = (int) (h >>> 52); // the best-mixed 12 bits: CACHE_SIZE slots
    if (plainStrings == null) {
      plainKeys = new byte[CACHE_SIZE][];
      plainStrings = new String[CACHE_SIZE];
    }
    byte[] key = plainKeys[slot];
    if (key != null && Arrays.equals(key, 0, key.length, body, from, to)) {
      return plainStrings[slot];
    }
    String value = new String(body, from, len, StandardCharsets.ISO_8859_1);
    plainKeys[slot] = Arrays.copyOfRange(body, from, to);
    plainStrings[slot] = value;
    return value;
  }

  /**
   * Where the current string value's content starts in {@link #body}, or -1 when it cannot be read
   * from there. Jackson's token offset for a string is the byte after its opening quote; that quote
   * is checked, so a parser that counted otherwise would only lose the fast path.
   */
  private int plainStart(JsonParser p) {
    if (body == null) {
      return -1;
    }
    long at = ((ParserBase) p).getTokenCharacterOffset();
    return at > 0 && at < body.length && body[(int) at - 1] == '"' ? (int) at : -1;
  }

  /**
   * The index of the closing quote of the string whose content starts at {@code from}, when every
   * byte before it is printable ASCII other than a backslash (so its bytes are its characters);
   * otherwise -1, and Jackson decodes it. Looks at 8 bytes a step: the lowest byte flagged by the
   * zero-byte tests below is exact.
   */
  private int plainEnd(int from) {
    byte[] b = body;
    int limit = (int) Math.min(b.length, (long) from + MAX_PLAIN_LENGTH);
    int i = from;
    for (; i + 8 <= limit; i += 8) {
      long w = (long) LONGS.get(b, i);
      long quote = w ^ (ONES * '"');
      long backslash = w ^ (ONES * '\\');
      long special =
          ((quote - ONES) & ~quote) // a '"'
              | ((backslash - ONES) & ~backslash) // a '\\'
              | ((w - ONES * 0x20) & ~w) // a control character
              | w; // a byte of a multi-byte UTF-8 sequence
      special &= HIGHS;
      if (special != 0) {
        int at = i + (Long.numberOfTrailingZeros(special) >>> 3);
        return b[at] == '"' ? at : -1;
      }
    }
    for (; i < limit; i++) {
      byte c = b[i];
      if (c == '"') {
        return i;
      }
      if (c < 0x20 || c == '\\') { // bytes >= 0x80 are negative
        return -1;
      }
    }
    return -1;
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
  private String openText(JsonParser p, String name, Extra x) throws IOException {
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
   * {@code yyyy-MM-dd}, read straight from the body's bytes or the parser's buffer; a date-time
   * keeps its date part.
   */
  private LocalDate date(JsonParser p, String name, Extra x) throws IOException {
    JsonToken t = p.currentToken();
    if (t == JsonToken.VALUE_NULL) {
      return null;
    }
    if (t == JsonToken.VALUE_STRING) {
      int key = plainDateKey(plainStart(p));
      if (key < 0) {
        char[] c = p.getTextCharacters();
        int off = p.getTextOffset();
        int len = p.getTextLength();
        if (len == 10 || (len > 10 && c[off + 10] == 'T')) {
          key =
              dateKey(
                  digits(c, off, 4),
                  c[off + 4],
                  digits(c, off + 5, 2),
                  c[off + 7],
                  digits(c, off + 8, 2));
        }
      }
      if (key >= 0) {
        int slot = key & (CACHE_SIZE - 1);
        if (dateKeys[slot] == key && dates[slot] != null) {
          return dates[slot];
        }
        try {
          LocalDate date = LocalDate.of(key / 10000, key / 100 % 100, key % 100);
          dateKeys[slot] = key;
          dates[slot] = date;
          return date;
        } catch (DateTimeException e) {
          // impossible calendar date: keep it below
        }
      }
    }
    x.keep(name, p);
    return null;
  }

  /**
   * The date key of a string starting at {@code from} in the body whose first ten bytes are {@code
   * yyyy-MM-dd} followed by its closing quote or a {@code T}; -1 for anything else (then the
   * decoded characters decide).
   */
  private int plainDateKey(int from) {
    if (from < 0 || from + 10 >= body.length) {
      return -1;
    }
    byte next = body[from + 10];
    if (next != '"' && next != 'T') {
      return -1;
    }
    return dateKey(
        digits(body, from, 4),
        (char) body[from + 4],
        digits(body, from + 5, 2),
        (char) body[from + 7],
        digits(body, from + 8, 2));
  }

  /** {@code y * 10000 + m * 100 + d}, or -1 when a part is not digits or a dash is missing. */
  private static int dateKey(int y, char dash1, int m, char dash2, int d) {
    return y >= 0 && m >= 0 && d >= 0 && dash1 == '-' && dash2 == '-'
        ? y * 10000 + m * 100 + d
        : -1;
  }

  private static int digits(byte[] b, int from, int count) {
    int v = 0;
    for (int i = from; i < from + count; i++) {
      int digit = b[i] - '0';
      if (digit < 0 || digit > 9) {
        return -1;
      }
      v = v * 10 + digit;
    }
    return v;
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
