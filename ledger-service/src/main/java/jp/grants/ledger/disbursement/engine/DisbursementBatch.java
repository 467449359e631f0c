package jp.grants.ledger.disbursement.engine;

import static jp.grants.platform.persistence.StatementBatch.ArrayParam;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
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
import jp.grants.catalog.BudgetPool;
import jp.grants.catalog.Program;
import jp.grants.catalog.ProgramCatalog;
import jp.grants.catalog.Rules;
import jp.grants.contracts.FiscalYears;
import jp.grants.contracts.Topics;
import jp.grants.ledger.LedgerClock;
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
import jp.grants.ledger.journal.EntryKind;
import jp.grants.ledger.journal.Movements;
import jp.grants.ledger.journal.Provenance;
import jp.grants.ledger.journal.chain.JournalChain;
import jp.grants.ledger.journal.persistence.ChainHeads;
import jp.grants.ledger.journal.persistence.Journal;
import jp.grants.ledger.journal.persistence.JournalRows;
import jp.grants.ledger.money.command.CarryOverCommand;
import jp.grants.ledger.money.command.RefundCommand;
import jp.grants.ledger.money.persistence.MovementRows;
import jp.grants.ledger.money.query.CarryOverView;
import jp.grants.ledger.money.query.RefundView;
import jp.grants.platform.idempotency.IdempotencyRecords;
import jp.grants.platform.messaging.Outbox;
import jp.grants.platform.persistence.StatementBatch;

/**
 * Answers a batch of disbursement requests in the caller's transaction, on its connection, in four
 * round trips whatever the batch's size:
 *
 * <ol>
 *   <li>the REST requests' Idempotency-Keys are claimed (one multi-row insert; a key held by a
 *       concurrent transaction waits for it) — and for requests from events, their disbursement ids
 *       looked up — before any cap is locked;
 *   <li>the cap rows of the batch are locked and read: the grants' accounts (their terms and total
 *       caps), the grants' years and the pools' years, each table in key order, so that concurrent
 *       batches (of this instance, of another one, or the grant-events consumer's) cannot deadlock;
 *       and last the heads of the journal chains of the batch's grants (and of a pool whose budget
 *       a carry-over enters), in the same round trip;
 *   <li>every request is decided in order against those figures ({@link CapBook}), in memory;
 *   <li>everything is written in one round trip: one update per cap row (the sum the batch took
 *       from it), the disbursements, the journal entries and their lines (each entry hashed in Java
 *       as a link of its chain, {@link JournalRows}), the chains' new heads, the outbox events,
 *       each in one multi-row statement.
 * </ol>
 *
 * The commit ends the batch. The caps are exact because the rows are locked from the read to the
 * commit, and each row's {@code CHECK (disbursed <= cap)} is the last line of defence.
 */
@ApplicationScoped
public class DisbursementBatch {
  /** The platform's one storage shape of keys (table idempotency_record), many rows at once. */
  static final String CLAIM_KEYS = IdempotencyRecords.CLAIM_MANY;

  static final String EARLIER_KEYS = IdempotencyRecords.FIND_MANY;
  static final String LOCK_CAPS =
      "SELECT grant_id, program_code, budget_pool, status, start_fiscal_year,"
          + " end_fiscal_year, last_fiscal_year, total_cap_yen, disbursed_yen, eligible_expenses, settled_at IS NOT NULL"
          + " FROM grant_account WHERE grant_id = ANY (?::uuid[]) ORDER BY grant_id FOR UPDATE;\n"
          + "SELECT grant_id, fiscal_year, allocation_yen, disbursed_yen, indirect_yen - indirect_refunded_yen,"
          + " refunded_yen FROM grant_year"
          + " WHERE (grant_id, fiscal_year) IN (SELECT g, fy FROM unnest(?::uuid[], ?::int4[]) AS r(g, fy))"
          + " ORDER BY grant_id, fiscal_year FOR UPDATE;\n"
          + "SELECT p.budget_pool, p.fiscal_year, p.budget_yen, p.disbursed_yen FROM program_year p"
          + " WHERE (p.budget_pool, p.fiscal_year) IN (SELECT a.budget_pool, r.fy FROM unnest(?::uuid[], ?::int4[])"
          + " AS r(g, fy) JOIN grant_account a ON a.grant_id = r.g) ORDER BY p.budget_pool, p.fiscal_year FOR UPDATE;\n"
          + "SELECT f.budget_pool, f.total_yen, f.disbursed_yen, f.first_fiscal_year, f.last_fiscal_year FROM budget_fund f"
          + " WHERE f.budget_pool IN (SELECT a.budget_pool FROM grant_account a WHERE a.grant_id = ANY (?::uuid[]))"
          + " ORDER BY f.budget_pool FOR UPDATE;\n"
          // last, in chain-id order: the heads of the journal chains the batch may append to
          + ChainHeads.SELECT_FOR_UPDATE;

  /**
   * For carry-overs and refunds only: the years' accepted annual reports and payments (latest
   * first).
   */
  static final String MOVEMENT_FIGURES =
      "SELECT r.grant_id, r.fiscal_year, r.reported_yen FROM annual_report r"
          + " WHERE r.status = 'ACCEPTED' AND (r.grant_id, r.fiscal_year) IN (SELECT g, fy FROM unnest(?::uuid[], ?::int4[])"
          + " AS x(g, fy));\n"
          + "SELECT d.grant_id, d.fiscal_year, d.disbursement_id, d.amount_yen, d.recorded_at FROM disbursement d"
          + " WHERE d.status = 'ACCEPTED' AND (d.grant_id, d.fiscal_year) IN (SELECT g, fy FROM unnest(?::uuid[], ?::int4[])"
          + " AS x(g, fy)) ORDER BY d.recorded_at DESC, d.disbursement_id DESC";

  /**
   * Before the locks, for carry-overs: the grants' pools and terms (not locked; the lock reads them
   * again).
   */
  static final String CARRY_OVER_GRANTS =
      "SELECT grant_id, budget_pool, start_fiscal_year, end_fiscal_year"
          + " FROM grant_account WHERE grant_id = ANY (?::uuid[])";

  static final String ENSURE_GRANT_YEARS =
      "INSERT INTO grant_year (grant_id, fiscal_year, allocation_yen)"
          + " SELECT g, fy, 0 FROM unnest(?::uuid[], ?::int4[]) AS r(g, fy) ORDER BY g, fy ON CONFLICT DO NOTHING";
  static final String ENSURE_POOL_YEAR =
      "INSERT INTO program_year (budget_pool, fiscal_year, budget_yen, budget_source)"
          + " VALUES (?, ?, ?, 'CATALOG') ON CONFLICT DO NOTHING";
  static final String TAKE_GRANT_TOTALS =
      "UPDATE grant_account a SET disbursed_yen = a.disbursed_yen + r.amount,"
          + " indirect_yen = a.indirect_yen + r.indirect"
          + " FROM unnest(?::uuid[], ?::int8[], ?::int8[]) AS r(g, amount, indirect) WHERE a.grant_id = r.g";
  static final String TAKE_GRANT_YEARS =
      "UPDATE grant_year y SET allocation_yen = y.allocation_yen + r.cap,"
          + " disbursed_yen = y.disbursed_yen + r.held, indirect_yen = y.indirect_yen + r.indirect,"
          + " indirect_refunded_yen = y.indirect_refunded_yen + r.indirect_refunded, refunded_yen = y.refunded_yen + r.refunded,"
          + " additional_charge_yen = y.additional_charge_yen + r.charge, carried_in_yen = y.carried_in_yen + r.carried_in,"
          + " carried_out_yen = y.carried_out_yen + r.carried_out,"
          + " paid_carried_in_yen = y.paid_carried_in_yen + r.paid_in, paid_carried_out_yen = y.paid_carried_out_yen + r.paid_out"
          + " FROM unnest(?::uuid[], ?::int4[], ?::int8[], ?::int8[], ?::int8[], ?::int8[], ?::int8[], ?::int8[], ?::int8[],"
          + " ?::int8[], ?::int8[], ?::int8[]) AS r(g, fy, cap, held, indirect, indirect_refunded, refunded, charge,"
          + " carried_in, carried_out, paid_in, paid_out)"
          + " WHERE y.grant_id = r.g AND y.fiscal_year = r.fy";
  static final String TAKE_POOL_YEARS =
      "UPDATE program_year p SET budget_yen = p.budget_yen + r.budget,"
          + " disbursed_yen = p.disbursed_yen + r.amount, updated_at = now()"
          + " FROM unnest(?::varchar[], ?::int4[], ?::int8[], ?::int8[]) AS r(pool, fy, budget, amount)"
          + " WHERE p.budget_pool = r.pool AND p.fiscal_year = r.fy";
  static final String TAKE_FUNDS =
      "UPDATE budget_fund f SET disbursed_yen = f.disbursed_yen + r.amount, updated_at = now()"
          + " FROM unnest(?::varchar[], ?::int8[]) AS r(pool, amount) WHERE f.budget_pool = r.pool";
  static final String RELEASE_KEYS = IdempotencyRecords.RELEASE_MANY;

  private static final ExpenseCategoriesConverter CATEGORIES = new ExpenseCategoriesConverter();

  @Inject Outbox outbox;
  @Inject LedgerEventPublisher publisher;
  @Inject LedgerClock clock;

  private final ProgramCatalog catalog = ProgramCatalog.load();
  private final Set<String> fundPools =
      catalog.budgetPools().stream()
          .filter(BudgetPool::isFund)
          .map(BudgetPool::code)
          .collect(java.util.stream.Collectors.toUnmodifiableSet());

  /** The answers to the requests, in their order. */
  public List<Outcome> apply(Connection c, List<? extends EngineRequest> requests)
      throws SQLException {
    int n = requests.size();
    Outcome[] outcomes = new Outcome[n];
    // As PostgreSQL stores it (microseconds), so that a retry answers exactly what the first
    // request did.
    OffsetDateTime now =
        OffsetDateTime.now(clock)
            .withOffsetSameInstant(ZoneOffset.UTC)
            .truncatedTo(java.time.temporal.ChronoUnit.MICROS);
    LocalDate today = now.atZoneSameInstant(FiscalYears.JAPAN).toLocalDate();

    // 1. Keys and ids: which requests are new, which are retries of something answered before.
    Map<Key, Integer> firstWithKey = new LinkedHashMap<>();
    Map<UUID, Integer> firstWithId = new LinkedHashMap<>();
    Map<Integer, Integer> sameAsEarlierInBatch = new HashMap<>();
    for (int i = 0; i < n; i++) {
      EngineRequest request = requests.get(i);
      Integer first =
          request.claim() != null
              ? firstWithKey.putIfAbsent(request.claim().id(), i)
              : firstWithId.putIfAbsent(request.operationId(), i);
      if (first != null) {
        sameAsEarlierInBatch.put(i, first);
      }
    }
    Set<Key> claimed = claim(c, requests, firstWithKey.values());
    List<Integer> fresh = new ArrayList<>();
    Map<Key, Integer> earlierKeys = new LinkedHashMap<>();
    firstWithKey.forEach(
        (key, i) -> {
          if (claimed.contains(key)) {
            fresh.add(i);
          } else {
            earlierKeys.put(key, i);
          }
        });
    if (!firstWithId.isEmpty()) {
      Map<UUID, Disbursement> answered = DisbursementRows.find(c, firstWithId.keySet());
      firstWithId.forEach(
          (id, i) -> {
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
    List<MovementRows.CarryOverRow> carryOvers = new ArrayList<>();
    List<MovementRows.RefundRow> refunds = new ArrayList<>();
    List<JournalRows.Row> movementJournal = new ArrayList<>();
    List<Outbox.Entry> movementEvents = new ArrayList<>();
    List<Key> released = new ArrayList<>();
    StatementBatch writes = new StatementBatch();
    CapBook book = null;
    List<JournalRows.Row> entered = List.of();
    ChainHeads heads = new ChainHeads();
    if (!fresh.isEmpty()) {
      List<EngineRequest> freshRequests = fresh.stream().<EngineRequest>map(requests::get).toList();
      entered = prepareCarryOvers(c, freshRequests, now);
      book = lock(c, freshRequests, JournalRows.chains(entered), heads);
      for (int i : fresh) {
        EngineRequest engineRequest = requests.get(i);
        if (engineRequest instanceof MovementRequest movement) {
          outcomes[i] =
              move(
                  book, movement, today, now, carryOvers, refunds, movementJournal, movementEvents);
          if (!(outcomes[i] instanceof Outcome.Moved)) {
            released.add(movement.claim().id());
          }
          continue;
        }
        DisbursementRequest request = (DisbursementRequest) engineRequest;
        DisburseCommand command = request.command();
        CapBook.Grant grant = book.grant(command.grantId());
        CapBook.Decision decision =
            book.decide(
                command.grantId(),
                grant == null ? null : catalog.require(grant.programCode()),
                command.fiscalYear(),
                command.amountYen(),
                command.expenseCategory());
        if (decision instanceof CapBook.UnknownGrant && request.claim() != null) {
          // REST: nothing to pay from and nothing written; a retry once the award has arrived is a
          // first request.
          outcomes[i] = new Outcome.UnknownGrant(command.grantId());
          released.add(request.claim().id());
        } else {
          Disbursement d = record(command, decision, now);
          outcomes[i] = new Outcome.Answered(d, false);
          decided.add(new Decided(request, d, decision instanceof CapBook.Accepted a && a.fund()));
        }
      }
    }

    // 4. Write.
    if (book != null) {
      addTakes(writes, book);
    }
    if (!decided.isEmpty()) {
      DisbursementRows.addInsert(writes, decided.stream().map(Decided::disbursement).toList(), now);
    }
    MovementRows.addCarryOvers(writes, carryOvers, now);
    MovementRows.addRefunds(writes, refunds, now);
    List<JournalRows.Row> journalRows = new ArrayList<>(entered);
    journalRows.addAll(journal(decided));
    journalRows.addAll(movementJournal);
    JournalRows.addTo(writes, journalRows, now, heads);
    List<Outbox.Entry> events =
        new ArrayList<>(
            decided.stream()
                .map(
                    x ->
                        new Outbox.Entry(
                            publisher.envelope(
                                x.disbursement(), x.request().command().provenance()),
                            x.request().traceparent()))
                .toList());
    events.addAll(movementEvents);
    outbox.addTo(writes, Topics.LEDGER_EVENTS, events);
    if (!released.isEmpty()) {
      writes.add(
          RELEASE_KEYS,
          ArrayParam.of("varchar", released.stream().map(Key::subject).toList()),
          ArrayParam.of("varchar", released.stream().map(Key::key).toList()));
    }
    writes.execute(c);

    // Requests that repeated one of this batch: the first one's answer, as a retry would get it.
    sameAsEarlierInBatch.forEach(
        (i, first) -> outcomes[i] = repeat(requests.get(i), requests.get(first), outcomes[first]));
    return Arrays.asList(outcomes);
  }

  private record Decided(DisbursementRequest request, Disbursement disbursement, boolean fund) {}

  /** Decides a carry-over or a refund; an accepted one adds its row, journal entries and event. */
  private Outcome move(
      CapBook book,
      MovementRequest request,
      LocalDate today,
      OffsetDateTime now,
      List<MovementRows.CarryOverRow> carryOvers,
      List<MovementRows.RefundRow> refunds,
      List<JournalRows.Row> journal,
      List<Outbox.Entry> events) {
    CapBook.Grant grant = book.grant(request.grantId());
    if (grant == null) {
      return new Outcome.UnknownGrant(request.grantId());
    }
    Program program = catalog.require(grant.programCode());
    BudgetPool pool = catalog.findPool(grant.budgetPool()).orElse(null);
    Provenance provenance = request.command().provenance();
    UUID entryId = UUID.randomUUID();
    if (request.command() instanceof CarryOverCommand command) {
      boolean needsApproval = pool == null || pool.carryOverNeedsApproval();
      CapBook.Decision decision =
          book.carryOver(
              command.grantId(),
              needsApproval,
              command.fromFiscalYear(),
              command.amountYen(),
              command.role(),
              command.reason(),
              today);
      if (decision instanceof CapBook.Refused refused) {
        return new Outcome.Refused(refused.refusal(), request.grantId());
      }
      CapBook.CarriedOver done = (CapBook.CarriedOver) decision;
      CarryOverView view =
          new CarryOverView(
              command.carryOverId(),
              command.grantId(),
              command.fromFiscalYear(),
              command.fromFiscalYear() + 1,
              done.amountYen(),
              done.paidMovedYen(),
              done.approved(),
              command.reason(),
              entryId,
              now);
      carryOvers.add(new MovementRows.CarryOverRow(view, provenance));
      String memo =
          "carry-over of "
              + Rules.yen(done.amountYen())
              + " ("
              + Rules.yen(done.paidMovedYen())
              + " of it paid) from FY"
              + view.fromFiscalYear()
              + " to FY"
              + view.toFiscalYear()
              + (command.reason() == null ? "" : ": " + command.reason());
      journal.add(
          new JournalRows.Row(
              entryId,
              Movements.carryOver(
                  grant.grantId(),
                  grant.budgetPool(),
                  done.fund(),
                  view.fromFiscalYear(),
                  done.amountYen(),
                  done.paidMovedYen(),
                  memo),
              new Journal.Subject(grant.grantId(), grant.budgetPool(), view.fromFiscalYear(), null),
              provenance));
      events.add(
          new Outbox.Entry(
              publisher.envelope(view, grant.programCode(), provenance), request.traceparent()));
      return new Outcome.Moved(view, false);
    }
    RefundCommand command = (RefundCommand) request.command();
    CapBook.Decision decision =
        book.refund(
            command.grantId(),
            program,
            command.fiscalYear(),
            command.amountYen(),
            command.kind(),
            command.role(),
            command.reason(),
            today);
    if (decision instanceof CapBook.Refused refused) {
      return new Outcome.Refused(refused.refusal(), request.grantId());
    }
    CapBook.Refunded done = (CapBook.Refunded) decision;
    UUID chargeEntryId = done.chargeYen() > 0 ? UUID.randomUUID() : null;
    RefundView view =
        new RefundView(
            command.refundId(),
            command.grantId(),
            command.fiscalYear(),
            command.kind(),
            done.amountYen(),
            done.indirectYen(),
            done.chargeYen(),
            done.chargeDetail().stream()
                .map(
                    p ->
                        new RefundView.ChargeLine(
                            p.disbursementId(), p.paidOn(), p.amountYen(), p.days(), p.chargeYen()))
                .toList(),
            command.reason(),
            entryId,
            now);
    refunds.add(new MovementRows.RefundRow(view, chargeEntryId, provenance));
    String memo =
        command.kind()
            + " refund of "
            + Rules.yen(done.amountYen())
            + " and "
            + Rules.yen(done.indirectYen())
            + " indirect costs from FY"
            + command.fiscalYear()
            + (command.reason() == null ? "" : ": " + command.reason());
    Journal.Subject subject =
        new Journal.Subject(grant.grantId(), grant.budgetPool(), command.fiscalYear(), null);
    journal.add(
        new JournalRows.Row(
            entryId,
            Movements.refund(
                grant.grantId(),
                grant.budgetPool(),
                done.fund(),
                command.fiscalYear(),
                done.amountYen(),
                done.indirectYen(),
                memo),
            subject,
            provenance));
    if (chargeEntryId != null) {
      journal.add(
          new JournalRows.Row(
              chargeEntryId,
              Movements.additionalCharge(
                  grant.grantId(),
                  grant.budgetPool(),
                  done.chargeYen(),
                  "additional charge of "
                      + Rules.yen(done.chargeYen())
                      + " on the ordered refund "
                      + command.refundId()
                      + " (Subsidies Act Art. 19(2), "
                      + program.refunds().additionalChargeBasisPointsPerYear()
                      + " bp a year, per payment, rounded down)"),
              subject,
              provenance));
    }
    events.add(
        new Outbox.Entry(
            publisher.envelope(view, grant.programCode(), provenance), request.traceparent()));
    return new Outcome.Moved(view, false);
  }

  /**
   * Before any lock: a carry-over's receiving year exists for the grant (within its years), and a
   * yearly pool's budget for that year is entered from the catalog when it is not yet; its journal
   * entries are returned, to be written with the batch's (after their chain's head is locked).
   */
  private List<JournalRows.Row> prepareCarryOvers(
      Connection c, List<EngineRequest> requests, OffsetDateTime now) throws SQLException {
    List<CarryOverCommand> commands =
        requests.stream()
            .filter(r -> r instanceof MovementRequest m && m.command() instanceof CarryOverCommand)
            .map(r -> (CarryOverCommand) ((MovementRequest) r).command())
            .toList();
    if (commands.isEmpty()) {
      return List.of();
    }
    record Terms(String pool, int start, int end) {}
    Map<UUID, Terms> terms = new HashMap<>();
    try (PreparedStatement select = c.prepareStatement(CARRY_OVER_GRANTS)) {
      select.setArray(
          1,
          c.createArrayOf(
              "uuid", commands.stream().map(CarryOverCommand::grantId).distinct().toArray()));
      try (ResultSet rs = select.executeQuery()) {
        while (rs.next()) {
          terms.put(
              rs.getObject(1, UUID.class), new Terms(rs.getString(2), rs.getInt(3), rs.getInt(4)));
        }
      }
    }
    List<UUID> grants = new ArrayList<>();
    List<Integer> years = new ArrayList<>();
    Set<CapBook.PoolYear> poolYears =
        new java.util.TreeSet<>(
            java.util.Comparator.comparing(CapBook.PoolYear::budgetPool)
                .thenComparing(CapBook.PoolYear::fiscalYear));
    for (CarryOverCommand command : commands) {
      Terms t = terms.get(command.grantId());
      int to = command.fromFiscalYear() + 1;
      if (t == null || command.fromFiscalYear() < t.start() || to > t.end()) {
        continue;
      }
      grants.add(command.grantId());
      years.add(to);
      if (!fundPools.contains(t.pool())) {
        poolYears.add(new CapBook.PoolYear(t.pool(), to));
      }
    }
    if (!grants.isEmpty()) {
      try (PreparedStatement insert = c.prepareStatement(ENSURE_GRANT_YEARS)) {
        insert.setArray(1, c.createArrayOf("uuid", grants.toArray()));
        insert.setArray(2, c.createArrayOf("int4", years.toArray()));
        insert.executeUpdate();
      }
    }
    List<JournalRows.Row> entered = new ArrayList<>();
    for (CapBook.PoolYear poolYear : poolYears) {
      java.util.Optional<Long> budget =
          catalog.findPool(poolYear.budgetPool()).flatMap(p -> p.budgetFor(poolYear.fiscalYear()));
      if (budget.isEmpty()) {
        continue;
      }
      try (PreparedStatement insert = c.prepareStatement(ENSURE_POOL_YEAR)) {
        insert.setString(1, poolYear.budgetPool());
        insert.setInt(2, poolYear.fiscalYear());
        insert.setLong(3, budget.get());
        if (insert.executeUpdate() == 1 && budget.get() > 0) {
          String memo =
              "budget of "
                  + poolYear.budgetPool()
                  + " for FY"
                  + poolYear.fiscalYear()
                  + " from program catalog "
                  + catalog.version()
                  + ": "
                  + Rules.yen(budget.get());
          entered.add(
              new JournalRows.Row(
                  UUID.randomUUID(),
                  Movements.budget(
                      EntryKind.BUDGET_APPROPRIATED,
                      poolYear.budgetPool(),
                      poolYear.fiscalYear(),
                      budget.get(),
                      memo),
                  Journal.Subject.budget(poolYear.budgetPool(), poolYear.fiscalYear()),
                  Provenance.system()));
        }
      }
    }
    return entered;
  }

  /** Inserts the keys of the batch's REST requests; the ones this transaction now holds. */
  private static Set<Key> claim(
      Connection c, List<? extends EngineRequest> requests, Iterable<Integer> firsts)
      throws SQLException {
    List<IdempotencyClaim> claims = new ArrayList<>();
    List<UUID> ids = new ArrayList<>();
    List<String> operations = new ArrayList<>();
    for (int i : firsts) {
      claims.add(requests.get(i).claim());
      ids.add(requests.get(i).operationId());
      operations.add(requests.get(i).operation());
    }
    Set<Key> claimed = new HashSet<>();
    if (claims.isEmpty()) {
      return claimed;
    }
    try (PreparedStatement insert = c.prepareStatement(CLAIM_KEYS)) {
      insert.setArray(
          1, c.createArrayOf("varchar", claims.stream().map(IdempotencyClaim::subject).toArray()));
      insert.setArray(
          2, c.createArrayOf("varchar", claims.stream().map(IdempotencyClaim::key).toArray()));
      insert.setArray(
          3,
          c.createArrayOf("varchar", claims.stream().map(IdempotencyClaim::fingerprint).toArray()));
      insert.setArray(4, c.createArrayOf("uuid", ids.toArray()));
      insert.setArray(5, c.createArrayOf("varchar", operations.toArray()));
      try (ResultSet rs = insert.executeQuery()) {
        while (rs.next()) {
          claimed.add(new Key(rs.getString(1), rs.getString(2)));
        }
      }
    }
    return claimed;
  }

  /**
   * Retries of keys answered by an earlier transaction: that answer, or a refusal of the key's
   * reuse.
   */
  private static void answerEarlierKeys(
      Connection c,
      List<? extends EngineRequest> requests,
      Map<Key, Integer> keys,
      Outcome[] outcomes)
      throws SQLException {
    record Stored(
        String fingerprint,
        Integer status,
        String type,
        String body,
        UUID operationId,
        String operation) {}
    Map<Key, Stored> stored = new HashMap<>();
    try (PreparedStatement select = c.prepareStatement(EARLIER_KEYS)) {
      select.setArray(
          1, c.createArrayOf("varchar", keys.keySet().stream().map(Key::subject).toArray()));
      select.setArray(
          2, c.createArrayOf("varchar", keys.keySet().stream().map(Key::key).toArray()));
      try (ResultSet rs = select.executeQuery()) {
        while (rs.next()) {
          stored.put(
              new Key(rs.getString(1), rs.getString(2)),
              new Stored(
                  rs.getString(3).trim(),
                  (Integer) rs.getObject(4),
                  rs.getString(5),
                  rs.getString(6),
                  rs.getObject(7, UUID.class),
                  rs.getString(8) == null ? "DISBURSEMENT" : rs.getString(8)));
        }
      }
    }
    List<UUID> withoutBody =
        stored.values().stream()
            .filter(s -> s.body() == null && s.operationId() != null)
            .map(Stored::operationId)
            .toList();
    Map<UUID, Disbursement> disbursements = DisbursementRows.find(c, withoutBody);
    Map<UUID, CarryOverView> carryOvers = MovementRows.carryOvers(c, withoutBody);
    Map<UUID, RefundView> refunds = MovementRows.refunds(c, withoutBody);
    keys.forEach(
        (key, i) -> {
          Stored earlier = stored.get(key);
          if (earlier == null) {
            // Claimed and given up by a transaction that rolled back or found no grant: ask again.
            throw new RetryBatchException(
                "Idempotency-Key " + key.key() + " was released meanwhile");
          }
          if (!earlier.fingerprint().equals(requests.get(i).claim().fingerprint())) {
            outcomes[i] = new Outcome.KeyReused(key.key());
          } else if (earlier.body() != null) {
            outcomes[i] =
                new Outcome.StoredAnswer(
                    earlier.status(), earlier.type(), earlier.body(), earlier.operationId());
          } else {
            Object answer =
                switch (earlier.operation()) {
                  case "CARRY_OVER" -> carryOvers.get(earlier.operationId());
                  case "REFUND" -> refunds.get(earlier.operationId());
                  default -> disbursements.get(earlier.operationId());
                };
            if (answer == null) {
              throw new IllegalStateException(
                  "Idempotency-Key "
                      + key.key()
                      + " names "
                      + earlier.operation()
                      + " "
                      + earlier.operationId()
                      + ", which is not stored");
            }
            outcomes[i] =
                answer instanceof Disbursement d
                    ? new Outcome.Answered(d, true)
                    : new Outcome.Moved(answer, true);
          }
        });
  }

  /**
   * Locks and reads the caps of every request, in key order per table, then the heads of the
   * journal chains the batch may append to (the grants' and the given others).
   */
  private CapBook lock(
      Connection c, List<EngineRequest> requests, Set<String> otherChains, ChainHeads heads)
      throws SQLException {
    UUID[] grantIds = requests.stream().map(EngineRequest::grantId).distinct().toArray(UUID[]::new);
    Set<String> chains = new java.util.TreeSet<>(otherChains);
    for (UUID grantId : grantIds) {
      chains.add(JournalChain.grantChain(grantId));
    }
    List<UUID> yearGrantList = new ArrayList<>();
    List<Integer> yearList = new ArrayList<>();
    List<UUID> movementGrants = new ArrayList<>();
    List<Integer> movementYears = new ArrayList<>();
    for (EngineRequest r : requests) {
      if (r instanceof DisbursementRequest d) {
        yearGrantList.add(d.grantId());
        yearList.add(d.command().fiscalYear());
      } else if (((MovementRequest) r).command() instanceof CarryOverCommand co) {
        yearGrantList.add(co.grantId());
        yearList.add(co.fromFiscalYear());
        yearGrantList.add(co.grantId());
        yearList.add(co.fromFiscalYear() + 1);
        movementGrants.add(co.grantId());
        movementYears.add(co.fromFiscalYear());
      } else {
        RefundCommand rc = (RefundCommand) ((MovementRequest) r).command();
        yearGrantList.add(rc.grantId());
        yearList.add(rc.fiscalYear());
        movementGrants.add(rc.grantId());
        movementYears.add(rc.fiscalYear());
      }
    }
    UUID[] yearGrants = yearGrantList.toArray(UUID[]::new);
    Integer[] years = yearList.toArray(Integer[]::new);
    Map<UUID, CapBook.Grant> grants = new HashMap<>();
    Map<CapBook.GrantYear, long[]> grantYears = new HashMap<>();
    Map<CapBook.PoolYear, CapBook.Cap> poolYears = new HashMap<>();
    Map<String, CapBook.Fund> funds = new HashMap<>();
    try (PreparedStatement select = c.prepareStatement(LOCK_CAPS)) {
      select.setArray(1, c.createArrayOf("uuid", grantIds));
      select.setArray(2, c.createArrayOf("uuid", yearGrants));
      select.setArray(3, c.createArrayOf("int4", years));
      select.setArray(4, c.createArrayOf("uuid", yearGrants));
      select.setArray(5, c.createArrayOf("int4", years));
      select.setArray(6, c.createArrayOf("uuid", grantIds));
      select.setArray(7, c.createArrayOf("varchar", chains.toArray()));
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
          grantYears.put(
              new CapBook.GrantYear(rs.getObject(1, UUID.class), rs.getInt(2)),
              new long[] {rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getLong(6)});
        }
      }
      select.getMoreResults();
      try (ResultSet rs = select.getResultSet()) {
        while (rs.next()) {
          poolYears.put(
              new CapBook.PoolYear(rs.getString(1), rs.getInt(2)),
              new CapBook.Cap(rs.getLong(3), rs.getLong(4)));
        }
      }
      select.getMoreResults();
      try (ResultSet rs = select.getResultSet()) {
        while (rs.next()) {
          funds.put(
              rs.getString(1),
              new CapBook.Fund(rs.getLong(2), rs.getLong(3), rs.getInt(4), rs.getInt(5)));
        }
      }
      select.getMoreResults();
      try (ResultSet rs = select.getResultSet()) {
        heads.read(rs);
      }
    }
    Map<CapBook.GrantYear, Long> reported = new HashMap<>();
    Map<CapBook.GrantYear, List<CapBook.Payment>> payments = new HashMap<>();
    if (!movementGrants.isEmpty()) {
      try (PreparedStatement select = c.prepareStatement(MOVEMENT_FIGURES)) {
        Object[] g = movementGrants.toArray();
        Object[] fy = movementYears.toArray();
        select.setArray(1, c.createArrayOf("uuid", g));
        select.setArray(2, c.createArrayOf("int4", fy));
        select.setArray(3, c.createArrayOf("uuid", g));
        select.setArray(4, c.createArrayOf("int4", fy));
        select.execute();
        try (ResultSet rs = select.getResultSet()) {
          while (rs.next()) {
            reported.put(
                new CapBook.GrantYear(rs.getObject(1, UUID.class), rs.getInt(2)), rs.getLong(3));
          }
        }
        select.getMoreResults();
        try (ResultSet rs = select.getResultSet()) {
          while (rs.next()) {
            payments
                .computeIfAbsent(
                    new CapBook.GrantYear(rs.getObject(1, UUID.class), rs.getInt(2)),
                    k -> new ArrayList<>())
                .add(
                    new CapBook.Payment(
                        rs.getObject(3, UUID.class),
                        rs.getObject(5, OffsetDateTime.class)
                            .atZoneSameInstant(FiscalYears.JAPAN)
                            .toLocalDate(),
                        rs.getLong(4)));
          }
        }
      }
    }
    Map<CapBook.GrantYear, CapBook.YearFigures> figures = new HashMap<>();
    grantYears.forEach(
        (k, v) -> figures.put(k, new CapBook.YearFigures(v[0], v[1], v[2], v[3], reported.get(k))));
    return new CapBook(grants, figures, poolYears, funds, fundPools, payments);
  }

  private static CapBook.Grant grant(ResultSet rs) throws SQLException {
    UUID grantId = rs.getObject(1, UUID.class);
    String program = rs.getString(2);
    Integer last = (Integer) rs.getObject(7);
    GrantTerms terms =
        new GrantTerms(
            grantId,
            program,
            GrantStatus.valueOf(rs.getString(4)),
            rs.getInt(5),
            rs.getInt(6),
            last,
            CATEGORIES.convertToEntityAttribute(rs.getString(10)));
    return new CapBook.Grant(
        grantId, program, rs.getString(3), terms, rs.getLong(8), rs.getLong(9), rs.getBoolean(11));
  }

  /** One update per row: the net change the batch made to it. */
  private static void addTakes(StatementBatch writes, CapBook book) {
    Set<UUID> grantIds = new java.util.LinkedHashSet<>(book.grantTotals().keySet());
    grantIds.addAll(book.grantIndirect().keySet());
    if (!grantIds.isEmpty()) {
      writes.add(
          TAKE_GRANT_TOTALS,
          ArrayParam.of("uuid", grantIds),
          ArrayParam.of(
              "int8", grantIds.stream().map(g -> book.grantTotals().getOrDefault(g, 0L)).toList()),
          ArrayParam.of(
              "int8",
              grantIds.stream().map(g -> book.grantIndirect().getOrDefault(g, 0L)).toList()));
    }
    Map<CapBook.GrantYear, CapBook.YearDelta> years = book.yearDeltas();
    if (!years.isEmpty()) {
      List<CapBook.YearDelta> d = List.copyOf(years.values());
      writes.add(
          TAKE_GRANT_YEARS,
          ArrayParam.of("uuid", years.keySet().stream().map(CapBook.GrantYear::grantId).toList()),
          ArrayParam.of(
              "int4", years.keySet().stream().map(CapBook.GrantYear::fiscalYear).toList()),
          ArrayParam.of("int8", d.stream().map(x -> x.cap).toList()),
          ArrayParam.of("int8", d.stream().map(x -> x.held).toList()),
          ArrayParam.of("int8", d.stream().map(x -> x.indirect).toList()),
          ArrayParam.of("int8", d.stream().map(x -> x.indirectRefunded).toList()),
          ArrayParam.of("int8", d.stream().map(x -> x.refunded).toList()),
          ArrayParam.of("int8", d.stream().map(x -> x.charge).toList()),
          ArrayParam.of("int8", d.stream().map(x -> x.carriedIn).toList()),
          ArrayParam.of("int8", d.stream().map(x -> x.carriedOut).toList()),
          ArrayParam.of("int8", d.stream().map(x -> x.paidCarriedIn).toList()),
          ArrayParam.of("int8", d.stream().map(x -> x.paidCarriedOut).toList()));
    }
    Map<CapBook.PoolYear, CapBook.PoolDelta> pools = book.poolDeltas();
    if (!pools.isEmpty()) {
      writes.add(
          TAKE_POOL_YEARS,
          ArrayParam.of(
              "varchar", pools.keySet().stream().map(CapBook.PoolYear::budgetPool).toList()),
          ArrayParam.of("int4", pools.keySet().stream().map(CapBook.PoolYear::fiscalYear).toList()),
          ArrayParam.of("int8", pools.values().stream().map(x -> x.budget).toList()),
          ArrayParam.of("int8", pools.values().stream().map(x -> x.disbursed).toList()));
    }
    if (!book.fundTaken().isEmpty()) {
      writes.add(
          TAKE_FUNDS,
          ArrayParam.of("varchar", book.fundTaken().keySet()),
          ArrayParam.of("int8", book.fundTaken().values()));
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
      long indirect = d.indirectCostYen == null ? 0 : d.indirectCostYen;
      String memo =
          command.expenseCategory()
              + " "
              + yen(command.amountYen())
              + (indirect > 0 ? " + indirect " + yen(indirect) : "")
              + " from FY"
              + command.fiscalYear()
              + (command.purpose() == null ? "" : ": " + command.purpose());
      rows.add(
          new JournalRows.Row(
              d.journalEntryId,
              Movements.disbursement(
                  d.grantId, d.budgetPool, x.fund(), d.fiscalYear, d.amountYen, indirect, memo),
              new Journal.Subject(d.grantId, d.budgetPool, d.fiscalYear, d.disbursementId),
              command.provenance()));
    }
    return rows;
  }

  /**
   * {@code Rules.yen} ("1,234,567 yen") without {@code String.format}, whose Formatter and
   * DecimalFormat were the costliest frames of the writer's thread (every payment's memo has one or
   * two amounts). Thousands are separated by a comma whatever the JVM's locale.
   */
  static String yen(long amount) {
    String digits = Long.toString(amount);
    int start = amount < 0 ? 1 : 0;
    int length = digits.length() - start;
    StringBuilder b = new StringBuilder(digits.length() + length / 3 + 4).append(digits, 0, start);
    for (int i = 0; i < length; i++) {
      if (i > 0 && (length - i) % 3 == 0) {
        b.append(',');
      }
      b.append(digits.charAt(start + i));
    }
    return b.append(" yen").toString();
  }

  /** The disbursement as the decision makes it (not yet stored). */
  private static Disbursement record(
      DisburseCommand command, CapBook.Decision decision, OffsetDateTime now) {
    Disbursement d = DisbursementRows.requested(command, now);
    if (decision instanceof CapBook.Accepted accepted) {
      d.programCode = accepted.grant().programCode();
      d.budgetPool = accepted.grant().budgetPool();
      d.status = DisbursementStatus.ACCEPTED;
      d.journalEntryId = UUID.randomUUID();
      d.grantTotalHeadroomYen = accepted.grantTotalHeadroomYen();
      d.grantYearHeadroomYen = accepted.grantYearHeadroomYen();
      d.programYearHeadroomYen = accepted.programYearHeadroomYen();
      d.indirectCostYen = accepted.indirectYen();
    } else if (decision instanceof CapBook.UnknownGrant) {
      // An event asked for a grant the ledger never saw: answered, so that the grant's history
      // hears of it.
      Refusal refusal = Refusal.unknownGrant(command.grantId(), command.amountYen());
      d.status = DisbursementStatus.REJECTED;
      d.rule = refusal.rule().code();
      d.headroomYen = refusal.headroomYen();
      d.reason = refusal.reason();
    } else if (decision instanceof CapBook.Refused refused) {
      d.programCode = refused.grant().programCode();
      d.budgetPool = refused.grant().budgetPool();
      d.status = DisbursementStatus.REJECTED;
      d.rule = refused.refusal().rule().code();
      d.capLevel = refused.refusal().capLevel();
      d.headroomYen = refused.refusal().headroomYen();
      d.reason = refused.refusal().reason();
    }
    return d;
  }

  /** A request that came twice in one batch: answered like a retry of the first. */
  private static Outcome repeat(EngineRequest request, EngineRequest first, Outcome firstOutcome) {
    if (request.claim() != null
        && !request.claim().fingerprint().equals(first.claim().fingerprint())) {
      return new Outcome.KeyReused(request.claim().key());
    }
    if (firstOutcome instanceof Outcome.Answered answered) {
      return new Outcome.Answered(answered.disbursement(), true);
    }
    if (firstOutcome instanceof Outcome.Moved moved) {
      return new Outcome.Moved(moved.movement(), true);
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
