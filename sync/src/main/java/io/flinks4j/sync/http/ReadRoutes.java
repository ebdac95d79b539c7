package io.flinks4j.sync.http;

import com.fasterxml.jackson.core.type.TypeReference;
import io.flinks4j.sync.login.LoginFilter;
import io.flinks4j.sync.login.LoginRepository;
import io.flinks4j.sync.login.LoginStatus;
import io.flinks4j.sync.login.LoginStatusReader;
import io.flinks4j.sync.login.StoredLogin;
import io.flinks4j.sync.storage.Database;
import io.javalin.http.Context;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The read side of {@code /v1}: logins with their retrieval state, accounts, transactions and
 * balance history, served from the database with keyset pagination (opaque cursors, stable order).
 */
public final class ReadRoutes implements ApiRoutes {

  static final int DEFAULT_LIMIT = 100;
  static final int MAX_LIMIT = 1000;

  /**
   * Most logins one filtered {@code GET /v1/logins} reads before answering a (possibly short) page.
   */
  static final int SCAN_LIMIT = 10_000;

  /** Earliest {@code from} / {@code to} accepted, and the default {@code from}. */
  static final LocalDate EARLIEST = LocalDate.of(1900, 1, 1);

  /** Latest {@code from} / {@code to} accepted, and the default {@code to}. */
  static final LocalDate LATEST = LocalDate.of(9999, 12, 31);

  private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

  private final LoginRepository logins;
  private final LoginStatusReader statuses;
  private final ReadQueries queries;

  /**
   * @param database where the data lives
   * @param logins login lookups (by loginId hash)
   * @param statuses retrieval state per login, from the engine ({@link LoginStatusReader#NONE}
   *     without one)
   */
  public ReadRoutes(Database database, LoginRepository logins, LoginStatusReader statuses) {
    this.logins = logins;
    this.statuses = statuses;
    this.queries = new ReadQueries(database);
  }

  @Override
  public void addTo(ApiRouter router) {
    router.get(
        "/v1/logins",
        Operation.summary("List registered logins with their retrieval state")
            .query("limit", "integer", "page size, 1-" + MAX_LIMIT + ", default " + DEFAULT_LIMIT)
            .query("cursor", "string", "nextCursor of the previous page (same filters)")
            .query("loginId", "string", "loginId prefix, case-insensitive")
            .query("tag", "string", "text the tag contains, case-insensitive")
            .query(
                "institution", "string", "institution code, case-insensitive (e.g. FlinksCapital)")
            .query(
                "state",
                "string",
                "comma-separated retrieval states (none: never retrieved), e.g. failed,timed_out")
            .query(
                "reason", "string", "comma-separated errorCode values, e.g. INVALID_LOGIN,deadline")
            .response(
                200,
                "A page of logins; with filters a page may hold fewer than limit (even none) while"
                    + " nextCursor is not null",
                new TypeReference<Page<LoginView>>() {}),
        this::listLogins);
    router.get(
        "/v1/logins/{loginId}",
        Operation.summary(
                "A login: retrieval state, last refresh, error code, MFA challenges, relaunch URL")
            .response(200, "The login", LoginView.class),
        this::showLogin);
    router.get(
        "/v1/logins/{loginId}/accounts",
        Operation.summary("Accounts of a login with holder and latest balance")
            .response(200, "The accounts", Accounts.class),
        ctx -> ctx.json(new Accounts(queries.accounts(login(ctx).id()))));
    router.get(
        "/v1/accounts/{accountId}/transactions",
        Operation.summary(
                "Transactions of an account, newest first; history is kept when Flinks's window moves")
            .query("from", "string", "earliest date, yyyy-MM-dd (inclusive), from 1900-01-01")
            .query("to", "string", "latest date, yyyy-MM-dd (inclusive), up to 9999-12-31")
            .query("limit", "integer", "page size, 1-" + MAX_LIMIT + ", default " + DEFAULT_LIMIT)
            .query("cursor", "string", "nextCursor of the previous page (same from/to)")
            .response(
                200,
                "A page of transactions",
                new TypeReference<Page<ReadQueries.TransactionView>>() {}),
        this::transactions);
    router.get(
        "/v1/accounts/{accountId}/balances",
        Operation.summary("Balance history of an account: one snapshot per retrieval, newest first")
            .query("limit", "integer", "page size, 1-" + MAX_LIMIT + ", default " + DEFAULT_LIMIT)
            .query("cursor", "string", "nextCursor of the previous page")
            .response(
                200,
                "A page of balance snapshots",
                new TypeReference<Page<ReadQueries.BalanceView>>() {}),
        this::balances);
  }

  /**
   * {@code GET /v1/logins/{loginId}/accounts}: every account of the login (a login has few; no
   * paging).
   */
  record Accounts(List<ReadQueries.AccountView> data) {}

  private void showLogin(Context ctx) {
    StoredLogin login = login(ctx);
    ctx.json(LoginView.of(login, statuses.statusOf(login.id())));
  }

  private void listLogins(Context ctx) {
    int limit = limit(ctx);
    long after =
        cursor(ctx)
            .map(raw -> parseLong(Cursor.decode("logins", raw, 1)[0]).orElseThrow(Cursor::invalid))
            .orElse(0L);
    LoginFilter filter = new LoginFilter(text(ctx, "tag"), text(ctx, "institution"));
    Optional<String> prefix = text(ctx, "loginId").map(p -> p.toLowerCase(Locale.ROOT));
    Set<String> states = list(ctx, "state");
    Set<String> reasons = list(ctx, "reason");
    boolean unfiltered = prefix.isEmpty() && states.isEmpty() && reasons.isEmpty();
    // The loginId is stored encrypted and the state is the engine's: those filters read rows in
    // batches and keep
    // the matches, up to SCAN_LIMIT rows a request; the cursor then resumes after the last row
    // read.
    List<StoredLogin> matched = new ArrayList<>();
    List<LoginView> data = new ArrayList<>();
    long scannedTo = after;
    int scanned = 0;
    boolean exhausted = false;
    while (data.size() <= limit && scanned < SCAN_LIMIT) {
      int batch = unfiltered ? limit + 1 : Math.max(limit + 1, 200);
      List<StoredLogin> rows = logins.list(scannedTo, batch, filter);
      Map<Long, LoginStatus> status =
          statuses.statusesOf(rows.stream().map(StoredLogin::id).toList());
      for (StoredLogin login : rows) {
        if (data.size() > limit) {
          break;
        }
        scannedTo = login.id();
        scanned++;
        Optional<LoginStatus> s = Optional.ofNullable(status.get(login.id()));
        if (matches(login, s, prefix, states, reasons)) {
          matched.add(login); // for the cursor
          data.add(LoginView.of(login, s));
        }
      }
      if (rows.size() < batch) {
        exhausted = data.size() <= limit;
        break;
      }
    }
    boolean more = data.size() > limit;
    if (more) {
      data = data.subList(0, limit);
    }
    String next =
        more
            ? Cursor.encode("logins", String.valueOf(matched.get(limit - 1).id()))
            : exhausted ? null : Cursor.encode("logins", String.valueOf(scannedTo));
    ctx.json(new Page<>(data, next));
  }

  private static boolean matches(
      StoredLogin login,
      Optional<LoginStatus> status,
      Optional<String> prefix,
      Set<String> states,
      Set<String> reasons) {
    return prefix.map(p -> login.loginId().toLowerCase(Locale.ROOT).startsWith(p)).orElse(true)
        && (states.isEmpty() || states.contains(status.map(LoginStatus::state).orElse("none")))
        && (reasons.isEmpty()
            || status.flatMap(LoginStatus::errorCode).filter(reasons::contains).isPresent());
  }

  private void transactions(Context ctx) {
    long accountId = account(ctx);
    LocalDate from = date(ctx, "from").orElse(EARLIEST);
    LocalDate to = date(ctx, "to").orElse(LATEST);
    if (from.isAfter(to)) {
      throw ApiException.badRequest("invalid_parameter", "from must not be after to");
    }
    int limit = limit(ctx);
    Optional<ReadQueries.TransactionKey> after =
        cursor(ctx).map(raw -> transactionKey(Cursor.decode("transactions:" + accountId, raw, 2)));
    List<ReadQueries.TransactionView> page =
        queries.transactions(accountId, from, to, after, limit + 1);
    boolean more = page.size() > limit;
    List<ReadQueries.TransactionView> shown = more ? page.subList(0, limit) : page;
    String next =
        more
            ? Cursor.encode(
                "transactions:" + accountId,
                shown.getLast().date(),
                String.valueOf(shown.getLast().rowId()))
            : null;
    ctx.json(new Page<>(shown, next));
  }

  private void balances(Context ctx) {
    long accountId = account(ctx);
    int limit = limit(ctx);
    Optional<Long> before =
        cursor(ctx)
            .map(raw ->
                parseLong(Cursor.decode("balances:" + accountId, raw, 1)[0])
                    .orElseThrow(Cursor::invalid));
    List<ReadQueries.BalanceView> page = queries.balances(accountId, before, limit + 1);
    boolean more = page.size() > limit;
    List<ReadQueries.BalanceView> shown = more ? page.subList(0, limit) : page;
    String next =
        more
            ? Cursor.encode("balances:" + accountId, String.valueOf(shown.getLast().snapshotId()))
            : null;
    ctx.json(new Page<>(shown, next));
  }

  private StoredLogin login(Context ctx) {
    return logins
        .find(ctx.pathParam("loginId"))
        .orElseThrow(() -> ApiException.notFound("no such login"));
  }

  private long account(Context ctx) {
    Optional<Long> id = parseLong(ctx.pathParam("accountId"));
    if (id.isEmpty() || queries.loginOfAccount(id.get()).isEmpty()) {
      throw ApiException.notFound("no such account");
    }
    return id.get();
  }

  static int limit(Context ctx) {
    String raw = ctx.queryParam("limit");
    if (raw == null) {
      return DEFAULT_LIMIT;
    }
    Optional<Long> value = parseLong(raw);
    if (value.isEmpty() || value.get() < 1 || value.get() > MAX_LIMIT) {
      throw ApiException.badRequest(
          "invalid_parameter", "limit must be an integer from 1 to " + MAX_LIMIT);
    }
    return value.get().intValue();
  }

  /** A non-blank query parameter, trimmed, at most 200 characters. */
  private static Optional<String> text(Context ctx, String name) {
    Optional<String> value =
        Optional.ofNullable(ctx.queryParam(name)).map(String::strip).filter(v -> !v.isEmpty());
    if (value.isPresent() && value.get().length() > 200) {
      throw ApiException.badRequest("invalid_parameter", name + " must be at most 200 characters");
    }
    return value;
  }

  /** A comma-separated query parameter as a set (empty when absent). */
  private static Set<String> list(Context ctx, String name) {
    return text(ctx, name)
        .map(raw ->
            Arrays.stream(raw.split(","))
                .map(String::strip)
                .filter(v -> !v.isEmpty())
                .collect(Collectors.toCollection(LinkedHashSet::new)))
        .map(Set::copyOf)
        .orElse(Set.of());
  }

  static Optional<String> cursor(Context ctx) {
    return Optional.ofNullable(ctx.queryParam("cursor")).filter(raw -> !raw.isEmpty());
  }

  private static Optional<LocalDate> date(Context ctx, String name) {
    String raw = ctx.queryParam(name);
    if (raw == null || raw.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        strictDate(raw)
            .orElseThrow(() ->
                ApiException.badRequest(
                    "invalid_parameter",
                    name + " must be a date yyyy-MM-dd from " + EARLIEST + " to " + LATEST)));
  }

  /**
   * {@code raw} as a date when it is exactly {@code yyyy-MM-dd} (four-digit year, no sign: ISO's
   * expanded years such as {@code +5874898-01-01} parse in Java but not in every database), a real
   * calendar day, and within [{@link #EARLIEST}, {@link #LATEST}].
   */
  static Optional<LocalDate> strictDate(String raw) {
    if (raw == null || !DATE.matcher(raw).matches()) {
      return Optional.empty();
    }
    try {
      LocalDate date = LocalDate.parse(raw);
      return date.isBefore(EARLIEST) || date.isAfter(LATEST) ? Optional.empty() : Optional.of(date);
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  private static ReadQueries.TransactionKey transactionKey(String[] parts) {
    return new ReadQueries.TransactionKey(
        strictDate(parts[0]).orElseThrow(Cursor::invalid),
        parseLong(parts[1]).orElseThrow(Cursor::invalid));
  }

  static Optional<Long> parseLong(String raw) {
    if (raw == null
        || raw.isEmpty()
        || raw.length() > 18
        || !raw.chars().allMatch(Character::isDigit)) {
      return Optional.empty();
    }
    return Optional.of(Long.parseLong(raw));
  }
}
