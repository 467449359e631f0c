package jp.grants.ledger.disbursement.engine;

import static jp.grants.platform.persistence.StatementBatch.ArrayParam;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import jp.grants.catalog.ProgramCatalog;
import jp.grants.catalog.Rules;
import jp.grants.contracts.Topics;
import jp.grants.ledger.disbursement.command.DisburseCommand;
import jp.grants.ledger.disbursement.domain.CapBook;
import jp.grants.ledger.disbursement.domain.DisbursementStatus;
import jp.grants.ledger.disbursement.domain.GrantTerms;
import jp.grants.ledger.disbursement.domain.Refusal;
import jp.grants.ledger.disbursement.engine.DisbursementRequest.IdempotencyClaim;
import jp.grants.ledger.disbursement.engine.DisbursementRequest.Key;
import jp.grants.ledger.disbursement.messaging.LedgerEventPublisher;
import jp.grants.ledger.disbursement.persistence.Disbursement;
import jp.grants.ledger.disbursement.persistence.DisbursementRows;
import jp.grants.ledger.grant.domain.GrantStatus;
import jp.grants.ledger.grant.persistence.ExpenseCategoriesConverter;
import jp.grants.ledger.journal.Movements;
import jp.grants.ledger.journal.persistence.Journal;
import jp.grants.ledger.journal.persistence.JournalRows;
import jp.grants.platform.messaging.Outbox;
import jp.grants.platform.persistence.StatementBatch;

/**
 * Answers a batch of disbursement requests in the caller's transaction, on its connection, in
 * four round trips whatever the batch's size:
 *
 * <ol>
 *   <li>the REST requests' Idempotency-Keys are claimed (one multi-row insert; a key held by a
 *       concurrent transaction waits for it) — and for requests from events, their disbursement ids
 *       looked up — before any cap is locked;
 *   <li>the cap rows of the batch are locked and read: the grants' accounts (their terms and total
 *       caps), the grants' years and the pools' years, each table in key order, so that concurrent
 *       batches (of this instance, of another one, or the grant-events consumer's) cannot deadlock;
 *   <li>every request is decided in order against those figures ({@link CapBook}), in memory;
 *   <li>everything is written in one round trip: one update per cap row (the sum the batch took
 *       from it), the disbursements, the journal entries and their lines, the outbox events, each
 *       in one multi-row statement.
 * </ol>
 *
 * The commit ends the batch. The caps are exact because the rows are locked from the read to the
 * commit, and each row's {@code CHECK (disbursed <= cap)} is the last line of defence.
 */
@ApplicationScoped
public class DisbursementBatch {
  static final String CLAIM_KEYS = "INSERT INTO idempotency_key (subject, idempotency_key, fingerprint, disbursement_id)"
      + " SELECT s, k, f, d FROM unnest(?::varchar[], ?::varchar[], ?::varchar[], ?::uuid[]) AS r(s, k, f, d)"
      + " ORDER BY s, k ON CONFLICT DO NOTHING RETURNING subject, idempotency_key";
  static final String EARLIER_KEYS = "SELECT k.subject, k.idempotency_key, k.fingerprint, k.response_status,"
      + " k.response_type, k.response_body, k.disbursement_id FROM idempotency_key k"
      + " JOIN unnest(?::varchar[], ?::varchar[]) AS r(s, k2) ON k.subject = r.s AND k.idempotency_key = r.k2";
  static final String LOCK_CAPS = "SELECT grant_id, program_code, budget_pool, status, start_fiscal_year,"
      + " end_fiscal_year, last_fiscal_year, total_cap_yen, disbursed_yen, eligible_expenses FROM grant_account"
      + " WHERE grant_id = ANY (?::uuid[]) ORDER BY grant_id FOR UPDATE;\n"
      + "SELECT grant_id, fiscal_year, allocation_yen, disbursed_yen FROM grant_year"
      + " WHERE (grant_id, fiscal_year) IN (SELECT g, fy FROM unnest(?::uuid[], ?::int4[]) AS r(g, fy))"
      + " ORDER BY grant_id, fiscal_year FOR UPDATE;\n"
      + "SELECT p.budget_pool, p.fiscal_year, p.budget_yen, p.disbursed_yen FROM program_year p"
      + " WHERE (p.budget_pool, p.fiscal_year) IN (SELECT a.budget_pool, r.fy FROM unnest(?::uuid[], ?::int4[])"
      + " AS r(g, fy) JOIN grant_account a ON a.grant_id = r.g) ORDER BY p.budget_pool, p.fiscal_year FOR UPDATE";
  static final String TAKE_GRANT_TOTALS = "UPDATE grant_account a SET disbursed_yen = a.disbursed_yen + r.amount"
      + " FROM unnest(?::uuid[], ?::int8[]) AS r(g, amount) WHERE a.grant_id = r.g";
  static final String TAKE_GRANT_YEARS = "UPDATE grant_year y SET disbursed_yen = y.disbursed_yen + r.amount"
      + " FROM unnest(?::uuid[], ?::int4[], ?::int8[]) AS r(g, fy, amount)"
      + " WHERE y.grant_id = r.g AND y.fiscal_year = r.fy";
  static final String TAKE_POOL_YEARS = "UPDATE program_year p SET disbursed_yen = p.disbursed_yen + r.amount"
      + " FROM unnest(?::varchar[], ?::int4[], ?::int8[]) AS r(pool, fy, amount)"
      + " WHERE p.budget_pool = r.pool AND p.fiscal_year = r.fy";
  static final String RELEASE_KEYS = "DELETE FROM idempotency_key k USING unnest(?::varchar[], ?::varchar[]) AS r(s, k2)"
      + " WHERE k.subject = r.s AND k.idempotency_key = r.k2";

  private static final ExpenseCategoriesConverter CATEGORIES = new ExpenseCategoriesConverter();

  @Inject Outbox outbox;
  @Inject LedgerEventPublisher publisher;

  private final ProgramCatalog catalog = ProgramCatalog.load();

  /** The answers to the requests, in their order. */
  public List<Outcome> apply(Connection c, List<DisbursementRequest> requests) throws SQLException {
    int n = requests.size();
    Outcome[] outcomes = new Outcome[n];
    // As PostgreSQL stores it (microseconds), so that a retry answers exactly what the first request did.
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(java.time.temporal.ChronoUnit.MICROS);

    // 1. Keys and ids: which requests are new, which are retries of something answered before.
    Map<Key, Integer> firstWithKey = new LinkedHashMap<>();
    Map<UUID, Integer> firstWithId = new LinkedHashMap<>();
    Map<Integer, Integer> sameAsEarlierInBatch = new HashMap<>();
    for (int i = 0; i < n; i++) {
      DisbursementRequest request = requests.get(i);
      Integer first = request.claim() != null
          ? firstWithKey.putIfAbsent(request.claim().id(), i)
          : firstWithId.putIfAbsent(request.command().disbursementId(), i);
      if (first != null) {
        sameAsEarlierInBatch.put(i, first);
      }
    }
    Set<Key> claimed = claim(c, requests, firstWithKey.values());
    List<Integer> fresh = new ArrayList<>();
    Map<Key, Integer> earlierKeys = new LinkedHashMap<>();
    firstWithKey.forEach((key, i) -> {
      if (claimed.contains(key)) {
        fresh.add(i);
      } else {
        earlierKeys.put(key, i);
      }
    });
    if (!firstWithId.isEmpty()) {
      Map<UUID, Disbursement> answered = DisbursementRows.find(c, firstWithId.keySet());
      firstWithId.forEach((id, i) -> {
        Disbursement earlier = answered.get(id);
        if (earlier != null) {
          outcomes[i] = new Outcome.Answered(earlier, true);
        } else {
          fresh.add(i);
        }
      });
    }
    if (!earlierKeys.isEmpty()) {
      answerEarlierKeys(c, requests, earlierKeys, outcomes);
    }
    fresh.sort(Integer::compare);

    // 2 and 3. Lock the caps, decide in order.
    List<Decided> decided = new ArrayList<>();
    List<Key> released = new ArrayList<>();
    CapBook book = null;
    if (!fresh.isEmpty()) {
      book = lock(c, fresh.stream().map(requests::get).toList());
      for (int i : fresh) {
        DisbursementRequest request = requests.get(i);
        DisburseCommand command = request.command();
        CapBook.Grant grant = book.grant(command.grantId());
        CapBook.Decision decision = book.decide(command.grantId(),
            grant == null ? null : catalog.require(grant.programCode()), command.fiscalYear(), command.amountYen(),
            command.expenseCategory());
        if (decision instanceof CapBook.UnknownGrant && request.claim() != null) {
          // REST: nothing to pay from and nothing written; a retry once the award has arrived is a first request.
          outcomes[i] = new Outcome.UnknownGrant(command.grantId());
          released.add(request.claim().id());
        } else {
          Disbursement d = record(command, decision, now);
          outcomes[i] = new Outcome.Answered(d, false);
          decided.add(new Decided(request, d));
        }
      }
    }

    // 4. Write.
    StatementBatch writes = new StatementBatch();
    if (book != null) {
      addTakes(writes, book);
    }
    if (!decided.isEmpty()) {
      DisbursementRows.addInsert(writes, decided.stream().map(Decided::disbursement).toList(), now);
      JournalRows.addTo(writes, journal(decided), now);
      outbox.addTo(writes, Topics.LEDGER_EVENTS, decided.stream()
          .map(x -> new Outbox.Entry(publisher.envelope(x.disbursement(), x.request().command().provenance()),
              x.request().traceparent()))
          .toList());
    }
    if (!released.isEmpty()) {
      writes.add(RELEASE_KEYS, ArrayParam.of("varchar", released.stream().map(Key::subject).toList()),
          ArrayParam.of("varchar", released.stream().map(Key::key).toList()));
    }
    writes.execute(c);

    // Requests that repeated one of this batch: the first one's answer, as a retry would get it.
    sameAsEarlierInBatch.forEach((i, first) -> outcomes[i] = repeat(requests.get(i), requests.get(first), outcomes[first]));
    return Arrays.asList(outcomes);
  }

  private record Decided(DisbursementRequest request, Disbursement disbursement) {}

  /** Inserts the keys of the batch's REST requests; the ones this transaction now holds. */
  private static Set<Key> claim(Connection c, List<DisbursementRequest> requests, Iterable<Integer> firsts)
      throws SQLException {
    List<IdempotencyClaim> claims = new ArrayList<>();
    List<UUID> ids = new ArrayList<>();
    for (int i : firsts) {
      claims.add(requests.get(i).claim());
      ids.add(requests.get(i).command().disbursementId());
    }
    Set<Key> claimed = new HashSet<>();
    if (claims.isEmpty()) {
      return claimed;
    }
    try (PreparedStatement insert = c.prepareStatement(CLAIM_KEYS)) {
      insert.setArray(1, c.createArrayOf("varchar", claims.stream().map(IdempotencyClaim::subject).toArray()));
      insert.setArray(2, c.createArrayOf("varchar", claims.stream().map(IdempotencyClaim::key).toArray()));
      insert.setArray(3, c.createArrayOf("varchar", claims.stream().map(IdempotencyClaim::fingerprint).toArray()));
      insert.setArray(4, c.createArrayOf("uuid", ids.toArray()));
      try (ResultSet rs = insert.executeQuery()) {
        while (rs.next()) {
          claimed.add(new Key(rs.getString(1), rs.getString(2)));
        }
      }
    }
    return claimed;
  }

  /** Retries of keys answered by an earlier transaction: that answer, or a refusal of the key's reuse. */
  private static void answerEarlierKeys(Connection c, List<DisbursementRequest> requests, Map<Key, Integer> keys,
      Outcome[] outcomes) throws SQLException {
    record Stored(String fingerprint, Integer status, String type, String body, UUID disbursementId) {}
    Map<Key, Stored> stored = new HashMap<>();
    try (PreparedStatement select = c.prepareStatement(EARLIER_KEYS)) {
      select.setArray(1, c.createArrayOf("varchar", keys.keySet().stream().map(Key::subject).toArray()));
      select.setArray(2, c.createArrayOf("varchar", keys.keySet().stream().map(Key::key).toArray()));
      try (ResultSet rs = select.executeQuery()) {
        while (rs.next()) {
          stored.put(new Key(rs.getString(1), rs.getString(2)), new Stored(rs.getString(3).trim(),
              (Integer) rs.getObject(4), rs.getString(5), rs.getString(6), rs.getObject(7, UUID.class)));
        }
      }
    }
    Map<UUID, Disbursement> disbursements = DisbursementRows.find(c,
        stored.values().stream().filter(s -> s.body() == null && s.disbursementId() != null)
            .map(Stored::disbursementId).toList());
    keys.forEach((key, i) -> {
      Stored earlier = stored.get(key);
      if (earlier == null) {
        // Claimed and given up by a transaction that rolled back or found no grant: ask again.
        throw new RetryBatchException("Idempotency-Key " + key.key() + " was released meanwhile");
      }
      if (!earlier.fingerprint().equals(requests.get(i).claim().fingerprint())) {
        outcomes[i] = new Outcome.KeyReused(key.key());
      } else if (earlier.body() != null) {
        outcomes[i] = new Outcome.StoredAnswer(earlier.status(), earlier.type(), earlier.body(), earlier.disbursementId());
      } else {
        Disbursement d = disbursements.get(earlier.disbursementId());
        if (d == null) {
          throw new IllegalStateException("Idempotency-Key " + key.key() + " names disbursement "
              + earlier.disbursementId() + ", which is not stored");
        }
        outcomes[i] = new Outcome.Answered(d, true);
      }
    });
  }

  /** Locks and reads the three caps of every request, in key order per table. */
  private CapBook lock(Connection c, List<DisbursementRequest> requests) throws SQLException {
    UUID[] grantIds = requests.stream().map(r -> r.command().grantId()).distinct().toArray(UUID[]::new);
    UUID[] yearGrants = requests.stream().map(r -> r.command().grantId()).toArray(UUID[]::new);
    Integer[] years = requests.stream().map(r -> r.command().fiscalYear()).toArray(Integer[]::new);
    Map<UUID, CapBook.Grant> grants = new HashMap<>();
    Map<CapBook.GrantYear, CapBook.Cap> grantYears = new HashMap<>();
    Map<CapBook.PoolYear, CapBook.Cap> poolYears = new HashMap<>();
    try (PreparedStatement select = c.prepareStatement(LOCK_CAPS)) {
      select.setArray(1, c.createArrayOf("uuid", grantIds));
      select.setArray(2, c.createArrayOf("uuid", yearGrants));
      select.setArray(3, c.createArrayOf("int4", years));
      select.setArray(4, c.createArrayOf("uuid", yearGrants));
      select.setArray(5, c.createArrayOf("int4", years));
      select.execute();
      try (ResultSet rs = select.getResultSet()) {
        while (rs.next()) {
          CapBook.Grant grant = grant(rs);
          grants.put(grant.grantId(), grant);
        }
      }
      select.getMoreResults();
      try (ResultSet rs = select.getResultSet()) {
        while (rs.next()) {
          grantYears.put(new CapBook.GrantYear(rs.getObject(1, UUID.class), rs.getInt(2)),
              new CapBook.Cap(rs.getLong(3), rs.getLong(4)));
        }
      }
      select.getMoreResults();
      try (ResultSet rs = select.getResultSet()) {
        while (rs.next()) {
          poolYears.put(new CapBook.PoolYear(rs.getString(1), rs.getInt(2)), new CapBook.Cap(rs.getLong(3), rs.getLong(4)));
        }
      }
    }
    return new CapBook(grants, grantYears, poolYears);
  }

  private static CapBook.Grant grant(ResultSet rs) throws SQLException {
    UUID grantId = rs.getObject(1, UUID.class);
    String program = rs.getString(2);
    Integer last = (Integer) rs.getObject(7);
    GrantTerms terms = new GrantTerms(grantId, program, GrantStatus.valueOf(rs.getString(4)), rs.getInt(5),
        rs.getInt(6), last, CATEGORIES.convertToEntityAttribute(rs.getString(10)));
    return new CapBook.Grant(grantId, program, rs.getString(3), terms, rs.getLong(8), rs.getLong(9));
  }

  /** One update per cap row: the sum the batch took from it. */
  private static void addTakes(StatementBatch writes, CapBook book) {
    if (!book.grantTotals().isEmpty()) {
      writes.add(TAKE_GRANT_TOTALS, ArrayParam.of("uuid", book.grantTotals().keySet()),
          ArrayParam.of("int8", book.grantTotals().values()));
    }
    if (!book.grantYears().isEmpty()) {
      writes.add(TAKE_GRANT_YEARS,
          ArrayParam.of("uuid", book.grantYears().keySet().stream().map(CapBook.GrantYear::grantId).toList()),
          ArrayParam.of("int4", book.grantYears().keySet().stream().map(CapBook.GrantYear::fiscalYear).toList()),
          ArrayParam.of("int8", book.grantYears().values()));
    }
    if (!book.poolYears().isEmpty()) {
      writes.add(TAKE_POOL_YEARS,
          ArrayParam.of("varchar", book.poolYears().keySet().stream().map(CapBook.PoolYear::budgetPool).toList()),
          ArrayParam.of("int4", book.poolYears().keySet().stream().map(CapBook.PoolYear::fiscalYear).toList()),
          ArrayParam.of("int8", book.poolYears().values()));
    }
  }

  private static List<JournalRows.Row> journal(List<Decided> decided) {
    List<JournalRows.Row> rows = new ArrayList<>();
    for (Decided x : decided) {
      Disbursement d = x.disbursement();
      if (d.status != DisbursementStatus.ACCEPTED) {
        continue;
      }
      DisburseCommand command = x.request().command();
      String memo = command.expenseCategory() + " " + Rules.yen(command.amountYen()) + " from FY"
          + command.fiscalYear() + (command.purpose() == null ? "" : ": " + command.purpose());
      rows.add(new JournalRows.Row(d.journalEntryId,
          Movements.disbursement(d.grantId, d.budgetPool, d.fiscalYear, d.amountYen, memo),
          new Journal.Subject(d.grantId, d.budgetPool, d.fiscalYear, d.disbursementId), command.provenance()));
    }
    return rows;
  }

  /** The disbursement as the decision makes it (not yet stored). */
  private static Disbursement record(DisburseCommand command, CapBook.Decision decision, OffsetDateTime now) {
    Disbursement d = DisbursementRows.requested(command, now);
    if (decision instanceof CapBook.Accepted accepted) {
      d.programCode = accepted.grant().programCode();
      d.budgetPool = accepted.grant().budgetPool();
      d.status = DisbursementStatus.ACCEPTED;
      d.journalEntryId = UUID.randomUUID();
      d.grantTotalHeadroomYen = accepted.grantTotalHeadroomYen();
      d.grantYearHeadroomYen = accepted.grantYearHeadroomYen();
      d.programYearHeadroomYen = accepted.programYearHeadroomYen();
    } else if (decision instanceof CapBook.UnknownGrant) {
      // An event asked for a grant the ledger never saw: answered, so that the grant's history hears of it.
      Refusal refusal = Refusal.unknownGrant(command.grantId(), command.amountYen());
      d.status = DisbursementStatus.REJECTED;
      d.rule = refusal.rule();
      d.headroomYen = refusal.headroomYen();
      d.reason = refusal.reason();
    } else if (decision instanceof CapBook.Refused refused) {
      d.programCode = refused.grant().programCode();
      d.budgetPool = refused.grant().budgetPool();
      d.status = DisbursementStatus.REJECTED;
      d.rule = refused.refusal().rule();
      d.capLevel = refused.refusal().capLevel();
      d.headroomYen = refused.refusal().headroomYen();
      d.reason = refused.refusal().reason();
    }
    return d;
  }

  /** A request that came twice in one batch: answered like a retry of the first. */
  private static Outcome repeat(DisbursementRequest request, DisbursementRequest first, Outcome firstOutcome) {
    if (request.claim() != null && !request.claim().fingerprint().equals(first.claim().fingerprint())) {
      return new Outcome.KeyReused(request.claim().key());
    }
    if (firstOutcome instanceof Outcome.Answered answered) {
      return new Outcome.Answered(answered.disbursement(), true);
    }
    return firstOutcome;
  }

  /** The batch met a state that a new attempt resolves (a key released by a rolled-back holder). */
  public static final class RetryBatchException extends RuntimeException {
    RetryBatchException(String message) {
      super(message);
    }
  }
}
