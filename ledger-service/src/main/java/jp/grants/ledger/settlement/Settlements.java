package jp.grants.ledger.settlement;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;
import javax.sql.DataSource;
import jp.grants.catalog.Rules;
import jp.grants.contracts.ExpenseCategory;
import jp.grants.contracts.FiscalYearAmount;
import jp.grants.contracts.ledger.GrantSettled;
import jp.grants.ledger.LedgerClock;
import jp.grants.ledger.grant.domain.GrantStatus;
import jp.grants.ledger.journal.EntryKind;
import jp.grants.ledger.journal.JournalEntry;
import jp.grants.ledger.journal.Provenance;
import jp.grants.ledger.journal.persistence.ChainHeads;
import jp.grants.ledger.journal.persistence.Journal;
import jp.grants.ledger.journal.persistence.JournalRows;
import jp.grants.ledger.report.AnnualReports;
import jp.grants.ledger.report.operation.GrantRows;
import jp.grants.ledger.report.operation.LedgerEvents;
import jp.grants.ledger.report.operation.Operations;
import jp.grants.ledger.report.operation.RuleProblem;
import jp.grants.ledger.rule.LedgerRule;
import jp.grants.platform.persistence.StatementBatch;
import jp.grants.platform.persistence.StatementBatch.ArrayParam;

/**
 * The final settlement of a grant (額の確定): once the grant no longer runs, every year with money has
 * an accepted annual report and no reported year holds money its report did not spend, the grant's
 * final amount is what its years hold. Recorded once, in one transaction: grant_account's
 * settled_at and final amounts, the settlement row and its years, a GRANT_SETTLED journal entry and
 * GrantSettled through the outbox.
 */
@ApplicationScoped
public class Settlements {
  @Inject Operations operations;
  @Inject LedgerEvents events;
  @Inject LedgerClock clock;
  @Inject DataSource dataSource;

  /** The accounts of the settlement entry (memorandum accounts: no cap account moves). */
  public static String finalAccount(UUID grantId) {
    return "grant:" + grantId + ":final";
  }

  public static String finalIndirectAccount(UUID grantId) {
    return "grant:" + grantId + ":final-indirect";
  }

  public static String settledAccount(String pool) {
    return "program:" + pool + ":settled";
  }

  public Operations.Answer settle(UUID grantId, Provenance provenance, String subject, String key) {
    return operations.run(
        subject, key, "POST settlement " + grantId, null, c -> settle(c, grantId, provenance));
  }

  private Operations.Result settle(Connection c, UUID grantId, Provenance provenance)
      throws SQLException {
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    GrantRows.Grant grant =
        GrantRows.lock(c, grantId)
            .orElseThrow(
                () ->
                    RuleProblem.notFound(
                            LedgerRule.UNKNOWN_GRANT,
                            "the ledger has no award for grant " + grantId,
                            grantId)
                        .refused());
    if (grant.settled()) {
      throw AnnualReports.settled(grant).refused();
    }
    int today = clock.fiscalYear();
    if ((grant.status() == GrantStatus.ACTIVE || grant.status() == GrantStatus.SUSPENDED)
        && today <= grant.endFiscalYear()) {
      throw RuleProblem.refused(
              LedgerRule.SETTLEMENT_GRANT_RUNNING,
              "grant "
                  + grantId
                  + " runs until the end of FY"
                  + grant.endFiscalYear()
                  + " (today is in FY"
                  + today
                  + "); it settles after its last year, or once"
                  + " terminated or closed",
              grantId)
          .refused();
    }
    Map<Integer, GrantRows.Year> years = GrantRows.lockYears(c, grantId);
    Map<Integer, Long> gross = new LinkedHashMap<>();
    for (Map.Entry<Integer, Map<ExpenseCategory, Long>> y :
        GrantRows.grossPaid(c, grantId).entrySet()) {
      gross.put(y.getKey(), y.getValue().values().stream().mapToLong(Long::longValue).sum());
    }
    Map<Integer, AnnualReports.Reported> reported = AnnualReports.reported(c, grantId);
    TreeSet<Integer> all = new TreeSet<>(years.keySet());
    all.addAll(gross.keySet());
    List<Integer> unreported = new ArrayList<>();
    List<Integer> unsettled = new ArrayList<>();
    Map<String, Long> unspent = new LinkedHashMap<>();
    for (int fy : all) {
      GrantRows.Year year = years.get(fy);
      long held = year == null ? 0 : year.heldYen();
      boolean money =
          held > 0
              || gross.getOrDefault(fy, 0L) > 0
              || (year != null && year.paidCarriedInYen() > 0);
      AnnualReports.Reported report = reported.get(fy);
      if (money && (report == null || !report.accepted())) {
        unreported.add(fy);
      } else if (report != null && report.accepted() && held != report.reportedYen()) {
        unsettled.add(fy);
        unspent.put("FY" + fy, held - report.reportedYen());
      }
    }
    if (!unreported.isEmpty()) {
      throw RuleProblem.refused(
              LedgerRule.SETTLEMENT_YEAR_UNREPORTED,
              "grant "
                  + grantId
                  + " has money in FY"
                  + unreported
                  + " without an accepted annual report",
              grantId)
          .years(unreported)
          .refused();
    }
    if (!unsettled.isEmpty()) {
      throw RuleProblem.refused(
              LedgerRule.SETTLEMENT_MONEY_UNSETTLED,
              "grant "
                  + grantId
                  + " holds money its reports"
                  + " did not spend (held − reported per year: "
                  + unspent
                  + "); carry it over or refund it first",
              grantId)
          .years(unsettled)
          .amounts(unspent)
          .refused();
    }
    long finalAmount = 0;
    long finalIndirect = 0;
    long refunded = 0;
    long charge = 0;
    List<FiscalYearAmount> byYear = new ArrayList<>();
    List<Long> indirectByYear = new ArrayList<>();
    for (GrantRows.Year y : years.values()) {
      finalAmount = Math.addExact(finalAmount, y.heldYen());
      finalIndirect = Math.addExact(finalIndirect, y.indirectHeldYen());
      refunded = Math.addExact(refunded, y.refundedYen());
      charge = Math.addExact(charge, y.additionalChargeYen());
      byYear.add(new FiscalYearAmount(y.fiscalYear(), y.heldYen()));
      indirectByYear.add(y.indirectHeldYen());
    }
    long paid = gross.values().stream().mapToLong(Long::longValue).sum();
    UUID settlementId = UUID.randomUUID();
    StatementBatch writes = new StatementBatch();
    writes.add(
        "UPDATE grant_account SET settled_at = ?, final_amount_yen = ?, final_indirect_yen = ?, updated_at = ?"
            + " WHERE grant_id = ?",
        now,
        finalAmount,
        finalIndirect,
        now,
        grantId);
    UUID entryId = null;
    JournalEntry.Builder entry =
        JournalEntry.builder(
                EntryKind.GRANT_SETTLED,
                "final amount of grant "
                    + grantId
                    + ": "
                    + Rules.yen(finalAmount)
                    + " yen direct, "
                    + Rules.yen(finalIndirect)
                    + " yen indirect")
            .move(finalAccount(grantId), settledAccount(grant.budgetPool()), finalAmount)
            .move(finalIndirectAccount(grantId), settledAccount(grant.budgetPool()), finalIndirect)
            .amount(finalAmount);
    if (!entry.isEmpty()) {
      entryId = UUID.randomUUID();
      List<JournalRows.Row> rows =
          List.of(
              new JournalRows.Row(
                  entryId,
                  entry.build(),
                  Journal.Subject.grant(grantId, grant.budgetPool()),
                  provenance));
      // One round trip more, once in a grant's life: its chain's head, locked after its rows.
      JournalRows.addTo(writes, rows, now, ChainHeads.lock(c, JournalRows.chains(rows)));
    }
    writes.add(
        "INSERT INTO settlement (settlement_id, grant_id, final_amount_yen, final_indirect_yen, paid_yen,"
            + " refunded_yen, additional_charge_yen, journal_entry_id, actor, actor_role, correlation_id, causation_id,"
            + " recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        settlementId,
        grantId,
        finalAmount,
        finalIndirect,
        paid,
        refunded,
        charge,
        entryId,
        provenance.actor(),
        provenance.actorRole(),
        provenance.correlationId(),
        provenance.causationId(),
        now);
    if (!byYear.isEmpty()) {
      writes.add(
          "INSERT INTO settlement_year (settlement_id, fiscal_year, amount_yen, indirect_yen)"
              + " SELECT ?, fy, a, i FROM unnest(?::int4[], ?::int8[], ?::int8[]) AS r(fy, a, i)",
          settlementId,
          ArrayParam.of("int4", byYear.stream().map(FiscalYearAmount::fiscalYear).toList()),
          ArrayParam.of("int8", byYear.stream().map(FiscalYearAmount::amountYen).toList()),
          ArrayParam.of("int8", indirectByYear));
    }
    events.addTo(
        writes,
        "settlement",
        new GrantSettled(
            grantId,
            settlementId,
            grant.programCode(),
            finalAmount,
            finalIndirect,
            paid,
            refunded,
            charge,
            List.copyOf(byYear),
            entryId),
        provenance,
        now);
    writes.execute(c);
    return new Operations.Result(
        201,
        new SettlementView(
            settlementId,
            grantId,
            grant.programCode(),
            finalAmount,
            finalIndirect,
            paid,
            refunded,
            charge,
            List.copyOf(byYear),
            entryId,
            provenance.actor(),
            now));
  }

  public Optional<SettlementView> of(UUID grantId) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      return of(c, grantId);
    }
  }

  public static Optional<SettlementView> of(Connection c, UUID grantId) throws SQLException {
    try (PreparedStatement select =
        c.prepareStatement(
            "SELECT s.settlement_id, a.program_code, s.final_amount_yen,"
                + " s.final_indirect_yen, s.paid_yen, s.refunded_yen, s.additional_charge_yen, s.journal_entry_id, s.actor,"
                + " s.recorded_at FROM settlement s JOIN grant_account a ON a.grant_id = s.grant_id WHERE s.grant_id = ?")) {
      select.setObject(1, grantId);
      try (ResultSet rs = select.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        UUID settlementId = rs.getObject(1, UUID.class);
        String program = rs.getString(2);
        long[] figures = {
          rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getLong(6), rs.getLong(7)
        };
        UUID entryId = rs.getObject(8, UUID.class);
        String actor = rs.getString(9);
        OffsetDateTime at =
            rs.getObject(10, OffsetDateTime.class).withOffsetSameInstant(ZoneOffset.UTC);
        List<FiscalYearAmount> byYear = new ArrayList<>();
        try (PreparedStatement years =
            c.prepareStatement(
                "SELECT fiscal_year, amount_yen FROM settlement_year"
                    + " WHERE settlement_id = ? ORDER BY fiscal_year")) {
          years.setObject(1, settlementId);
          try (ResultSet y = years.executeQuery()) {
            while (y.next()) {
              byYear.add(new FiscalYearAmount(y.getInt(1), y.getLong(2)));
            }
          }
        }
        return Optional.of(
            new SettlementView(
                settlementId,
                grantId,
                program,
                figures[0],
                figures[1],
                figures[2],
                figures[3],
                figures[4],
                byYear,
                entryId,
                actor,
                at));
      }
    }
  }
}
