package jp.grants.ledger.report;

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
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import jp.grants.catalog.CatalogRule;
import jp.grants.catalog.Program;
import jp.grants.catalog.ProgramCatalog;
import jp.grants.catalog.Rules;
import jp.grants.contracts.CategoryAmount;
import jp.grants.contracts.ExpenseCategory;
import jp.grants.contracts.ledger.AnnualReportAccepted;
import jp.grants.ledger.disbursement.domain.GrantTerms;
import jp.grants.ledger.journal.Provenance;
import jp.grants.ledger.report.domain.PaidByCategory;
import jp.grants.ledger.report.domain.ReportAssessment;
import jp.grants.ledger.report.operation.GrantRows;
import jp.grants.ledger.report.operation.LedgerEvents;
import jp.grants.ledger.report.operation.Operations;
import jp.grants.ledger.report.operation.RuleProblem;
import jp.grants.ledger.rule.LedgerRule;
import jp.grants.platform.persistence.StatementBatch;
import jp.grants.platform.persistence.StatementBatch.ArrayParam;

/**
 * Annual financial reports (実績報告): one per grant and fiscal year, checked against the year's money
 * in the transaction that records it, with the grant's rows locked in the engine's order. An
 * accepted report is published as AnnualReportAccepted through the outbox in that transaction.
 */
@ApplicationScoped
public class AnnualReports {
  public static final String ACCEPTED = "ACCEPTED";
  public static final String AWAITING_APPROVAL = "AWAITING_APPROVAL";

  @Inject Operations operations;
  @Inject LedgerEvents events;
  @Inject DataSource dataSource;

  private final ProgramCatalog catalog = ProgramCatalog.load();

  /** A report as submitted: the spending per category (each category once). */
  public record Submission(UUID grantId, int fiscalYear, Map<ExpenseCategory, Long> spending) {}

  public Operations.Answer submit(
      Submission submission, Provenance provenance, String subject, String key, Object request) {
    return operations.run(
        subject,
        key,
        "POST annual-report " + submission.grantId(),
        request,
        c -> submit(c, submission, provenance));
  }

  public Operations.Answer approve(
      UUID grantId,
      int fiscalYear,
      String reason,
      Provenance provenance,
      String subject,
      String key,
      Object request) {
    return operations.run(
        subject,
        key,
        "POST annual-report approval " + grantId + " " + fiscalYear,
        request,
        c -> approve(c, grantId, fiscalYear, reason, provenance));
  }

  private Operations.Result submit(Connection c, Submission s, Provenance provenance)
      throws SQLException {
    OffsetDateTime now = now();
    GrantRows.Grant grant =
        GrantRows.lock(c, s.grantId()).orElseThrow(() -> unknownGrant(s.grantId()));
    if (grant.settled()) {
      throw settled(grant).year(s.fiscalYear()).refused();
    }
    int last =
        grant.lastFiscalYear() == null
            ? grant.endFiscalYear()
            : Math.min(grant.endFiscalYear(), grant.lastFiscalYear());
    if (s.fiscalYear() < grant.startFiscalYear() || s.fiscalYear() > grant.endFiscalYear()) {
      throw RuleProblem.refused(
              CatalogRule.FISCAL_YEAR_OUTSIDE_GRANT,
              "FY"
                  + s.fiscalYear()
                  + " is not a year of grant "
                  + grant.grantId()
                  + " (FY"
                  + grant.startFiscalYear()
                  + " to FY"
                  + last
                  + ")",
              grant.grantId())
          .year(s.fiscalYear())
          .refused();
    }
    Map<Integer, GrantRows.Year> years = GrantRows.lockYears(c, grant.grantId());
    Optional<Stored> existing = find(c, grant.grantId(), s.fiscalYear());
    if (existing.isPresent()) {
      throw RuleProblem.refused(
              LedgerRule.REPORT_ALREADY_SUBMITTED,
              "grant "
                  + grant.grantId()
                  + " has a report for FY"
                  + s.fiscalYear()
                  + " already ("
                  + existing.get().status
                  + "); one report per grant and fiscal year",
              grant.grantId())
          .year(s.fiscalYear())
          .report(existing.get().reportId)
          .refused();
    }
    Program program = catalog.require(grant.programCode());
    GrantRows.Year year = years.get(s.fiscalYear());
    long held = year == null ? 0 : year.heldYen();
    Map<Integer, Map<ExpenseCategory, Long>> gross = GrantRows.grossPaid(c, grant.grantId());
    Map<ExpenseCategory, Long> paid =
        year == null
            ? Map.of()
            : PaidByCategory.net(
                gross.getOrDefault(s.fiscalYear(), Map.of()),
                gross.getOrDefault(s.fiscalYear() - 1, Map.of()),
                year.paidCarriedInYen(),
                year.refundedYen() + year.paidCarriedOutYen());
    var terms =
        new GrantTerms(
            grant.grantId(),
            grant.programCode(),
            grant.status(),
            grant.startFiscalYear(),
            grant.endFiscalYear(),
            grant.lastFiscalYear(),
            grant.awardedExpenses());
    ReportAssessment.Result result =
        ReportAssessment.assess(
            grant.programCode(),
            s.fiscalYear(),
            s.spending(),
            terms.eligible(program),
            paid,
            held,
            program.expenseTransfers());
    if (result.refusal().isPresent()) {
      ReportAssessment.Refusal refusal = result.refusal().get();
      throw RuleProblem.refused(refusal.rule(), refusal.reason(), grant.grantId())
          .year(s.fiscalYear())
          .amounts(
              LedgerRule.REPORT_EXCEEDS_PAID.equals(refusal.rule())
                  ? Map.of(
                      "reportedYen",
                      s.spending().values().stream().mapToLong(Long::longValue).sum(),
                      "heldYen",
                      held)
                  : null)
          .refused();
    }
    ReportAssessment a = result.assessment().orElseThrow();
    Stored report = new Stored();
    report.reportId = UUID.randomUUID();
    report.grantId = grant.grantId();
    report.programCode = grant.programCode();
    report.fiscalYear = s.fiscalYear();
    report.status = a.needsApproval() ? AWAITING_APPROVAL : ACCEPTED;
    report.reportedYen = a.reportedYen();
    report.paidYen = a.heldYen();
    report.unspentYen = a.unspentYen();
    report.transferredYen = a.transferredYen();
    report.freeLimitYen = a.freeLimitYen();
    report.submittedBy = provenance.actor();
    report.submittedAt = now;
    report.acceptedAt = a.needsApproval() ? null : now;
    for (ReportAssessment.Line line : a.lines()) {
      report.lines.add(
          new AnnualReportView.Line(line.category(), line.amountYen(), line.paidYen()));
    }
    report.spending.putAll(s.spending());
    StatementBatch writes = new StatementBatch();
    writes.add(
        "INSERT INTO annual_report (report_id, grant_id, fiscal_year, status, reported_yen, paid_yen, unspent_yen,"
            + " transferred_yen, free_limit_yen, submitted_by, submitted_role, submitted_at, accepted_at, correlation_id,"
            + " causation_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        report.reportId,
        report.grantId,
        report.fiscalYear,
        report.status,
        report.reportedYen,
        report.paidYen,
        report.unspentYen,
        report.transferredYen,
        report.freeLimitYen,
        report.submittedBy,
        provenance.actorRole(),
        now,
        report.acceptedAt,
        provenance.correlationId(),
        provenance.causationId());
    if (!report.lines.isEmpty()) {
      writes.add(
          "INSERT INTO annual_report_line (report_id, category, amount_yen, paid_yen)"
              + " SELECT ?, c, a, p FROM unnest(?::varchar[], ?::int8[], ?::int8[]) AS r(c, a, p)",
          report.reportId,
          ArrayParam.of("varchar", report.lines.stream().map(l -> l.category().name()).toList()),
          ArrayParam.of(
              "int8", report.lines.stream().map(AnnualReportView.Line::amountYen).toList()),
          ArrayParam.of(
              "int8", report.lines.stream().map(AnnualReportView.Line::paidYen).toList()));
    }
    if (!a.needsApproval()) {
      events.addTo(writes, "annual-report", accepted(report), provenance, now);
    }
    writes.execute(c);
    return new Operations.Result(a.needsApproval() ? 202 : 201, report.view());
  }

  private Operations.Result approve(
      Connection c, UUID grantId, int fiscalYear, String reason, Provenance provenance)
      throws SQLException {
    OffsetDateTime now = now();
    GrantRows.Grant grant = GrantRows.lock(c, grantId).orElseThrow(() -> unknownGrant(grantId));
    if (grant.settled()) {
      throw settled(grant).year(fiscalYear).refused();
    }
    Map<Integer, GrantRows.Year> years = GrantRows.lockYears(c, grantId);
    Stored report =
        find(c, grantId, fiscalYear)
            .orElseThrow(
                () ->
                    RuleProblem.refused(
                            LedgerRule.UNKNOWN_REPORT,
                            "grant " + grantId + " has no annual report for FY" + fiscalYear,
                            grantId)
                        .year(fiscalYear)
                        .refused());
    if (!AWAITING_APPROVAL.equals(report.status)) {
      throw RuleProblem.refused(
              LedgerRule.REPORT_NOT_AWAITING_APPROVAL,
              "the FY"
                  + fiscalYear
                  + " report of grant "
                  + grantId
                  + " is "
                  + report.status
                  + ", not awaiting approval",
              grantId)
          .year(fiscalYear)
          .report(report.reportId)
          .refused();
    }
    GrantRows.Year year = years.get(fiscalYear);
    long held = year == null ? 0 : year.heldYen();
    if (report.reportedYen > held) {
      // Money left the year (a refund, a carry-over) since the report came: it now claims more than
      // the year holds. The same rule as at submission (422 there), but a conflict here: the report
      // was fine when it came, the state of the year changed since.
      throw RuleProblem.conflict(
              LedgerRule.REPORT_EXCEEDS_PAID,
              "the FY"
                  + fiscalYear
                  + " report claims "
                  + Rules.yen(report.reportedYen)
                  + " yen, but the year now holds "
                  + Rules.yen(held)
                  + " yen",
              grantId)
          .year(fiscalYear)
          .report(report.reportId)
          .amounts(Map.of("reportedYen", report.reportedYen, "heldYen", held))
          .refused();
    }
    report.status = ACCEPTED;
    report.paidYen = held;
    report.unspentYen = held - report.reportedYen;
    report.approvalReason = reason;
    report.approvedBy = provenance.actor();
    report.acceptedAt = now;
    StatementBatch writes = new StatementBatch();
    writes.add(
        "UPDATE annual_report SET status = ?, paid_yen = ?, unspent_yen = ?, approval_reason = ?, approved_by = ?,"
            + " approved_role = ?, accepted_at = ? WHERE report_id = ?",
        ACCEPTED,
        report.paidYen,
        report.unspentYen,
        reason,
        report.approvedBy,
        provenance.actorRole(),
        now,
        report.reportId);
    events.addTo(writes, "annual-report", accepted(report), provenance, now);
    writes.execute(c);
    return new Operations.Result(200, report.view());
  }

  public List<AnnualReportView> ofGrant(UUID grantId) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      return reports(c, grantId, null).stream().map(Stored::view).toList();
    }
  }

  public Optional<AnnualReportView> ofGrantYear(UUID grantId, int fiscalYear) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      return find(c, grantId, fiscalYear).map(Stored::view);
    }
  }

  /** A report's status and reported sum, per fiscal year of the grant. */
  public record Reported(UUID reportId, String status, long reportedYen) {
    public boolean accepted() {
      return ACCEPTED.equals(status);
    }
  }

  public static Map<Integer, Reported> reported(Connection c, UUID grantId) throws SQLException {
    Map<Integer, Reported> reported = new java.util.TreeMap<>();
    for (Stored s : reports(c, grantId, null)) {
      reported.put(s.fiscalYear, new Reported(s.reportId, s.status, s.reportedYen));
    }
    return reported;
  }

  private static AnnualReportAccepted accepted(Stored report) {
    return new AnnualReportAccepted(
        report.grantId,
        report.reportId,
        report.programCode,
        report.fiscalYear,
        report.spending().entrySet().stream()
            .map(e -> new CategoryAmount(e.getKey(), e.getValue()))
            .toList(),
        report.reportedYen,
        report.paidYen,
        report.unspentYen,
        report.transferredYen,
        report.approvalReason);
  }

  static Optional<Stored> find(Connection c, UUID grantId, int fiscalYear) throws SQLException {
    return reports(c, grantId, fiscalYear).stream().findFirst();
  }

  /** The grant's reports (of one year, or all), with their lines. */
  static List<Stored> reports(Connection c, UUID grantId, Integer fiscalYear) throws SQLException {
    Map<UUID, Stored> reports = new LinkedHashMap<>();
    try (PreparedStatement select =
        c.prepareStatement(
            "SELECT r.report_id, r.grant_id, a.program_code, r.fiscal_year,"
                + " r.status, r.reported_yen, r.paid_yen, r.unspent_yen, r.transferred_yen, r.free_limit_yen, r.approval_reason,"
                + " r.submitted_by, r.submitted_at, r.approved_by, r.accepted_at FROM annual_report r"
                + " JOIN grant_account a ON a.grant_id = r.grant_id WHERE r.grant_id = ? AND (?::int IS NULL OR r.fiscal_year = ?)"
                + " ORDER BY r.fiscal_year")) {
      select.setObject(1, grantId);
      select.setObject(2, fiscalYear);
      select.setObject(3, fiscalYear);
      try (ResultSet rs = select.executeQuery()) {
        while (rs.next()) {
          Stored s = new Stored();
          s.reportId = rs.getObject(1, UUID.class);
          s.grantId = rs.getObject(2, UUID.class);
          s.programCode = rs.getString(3);
          s.fiscalYear = rs.getInt(4);
          s.status = rs.getString(5);
          s.reportedYen = rs.getLong(6);
          s.paidYen = rs.getLong(7);
          s.unspentYen = rs.getLong(8);
          s.transferredYen = rs.getLong(9);
          s.freeLimitYen = rs.getLong(10);
          s.approvalReason = rs.getString(11);
          s.submittedBy = rs.getString(12);
          s.submittedAt = utc(rs.getObject(13, OffsetDateTime.class));
          s.approvedBy = rs.getString(14);
          s.acceptedAt = utc(rs.getObject(15, OffsetDateTime.class));
          reports.put(s.reportId, s);
        }
      }
    }
    if (reports.isEmpty()) {
      return List.of();
    }
    try (PreparedStatement select =
        c.prepareStatement(
            "SELECT report_id, category, amount_yen, paid_yen"
                + " FROM annual_report_line WHERE report_id = ANY (?)")) {
      select.setArray(1, c.createArrayOf("uuid", reports.keySet().toArray()));
      List<Object[]> rows = new ArrayList<>();
      try (ResultSet rs = select.executeQuery()) {
        while (rs.next()) {
          rows.add(
              new Object[] {
                rs.getObject(1, UUID.class),
                ExpenseCategory.valueOf(rs.getString(2)),
                rs.getLong(3),
                rs.getLong(4)
              });
        }
      }
      rows.sort(java.util.Comparator.comparing(r -> (ExpenseCategory) r[1]));
      for (Object[] r : rows) {
        Stored s = reports.get((UUID) r[0]);
        ExpenseCategory category = (ExpenseCategory) r[1];
        s.lines.add(new AnnualReportView.Line(category, (Long) r[2], (Long) r[3]));
      }
    }
    return new ArrayList<>(reports.values());
  }

  /**
   * A report as stored. Its spending (the event's lines) is the lines with an amount; a category
   * reported at zero and one paid but not reported look alike once stored, and both are left out.
   */
  static final class Stored {
    UUID reportId;
    UUID grantId;
    String programCode;
    int fiscalYear;
    String status;
    long reportedYen;
    long paidYen;
    long unspentYen;
    long transferredYen;
    long freeLimitYen;
    String approvalReason;
    String submittedBy;
    OffsetDateTime submittedAt;
    String approvedBy;
    OffsetDateTime acceptedAt;
    final List<AnnualReportView.Line> lines = new ArrayList<>();
    final Map<ExpenseCategory, Long> spending = new EnumMap<>(ExpenseCategory.class);

    Map<ExpenseCategory, Long> spending() {
      if (spending.isEmpty()) {
        lines.stream()
            .filter(l -> l.amountYen() > 0)
            .forEach(l -> spending.put(l.category(), l.amountYen()));
      }
      return spending;
    }

    AnnualReportView view() {
      return new AnnualReportView(
          reportId,
          grantId,
          programCode,
          fiscalYear,
          status,
          List.copyOf(lines),
          reportedYen,
          paidYen,
          unspentYen,
          transferredYen,
          freeLimitYen,
          approvalReason,
          submittedBy,
          submittedAt,
          approvedBy,
          acceptedAt);
    }
  }

  static RuleProblem.Refused unknownGrant(UUID grantId) {
    return RuleProblem.notFound(
            LedgerRule.UNKNOWN_GRANT, "the ledger has no award for grant " + grantId, grantId)
        .refused();
  }

  public static RuleProblem settled(GrantRows.Grant grant) {
    return RuleProblem.refused(
        CatalogRule.GRANT_SETTLED,
        "grant "
            + grant.grantId()
            + " was settled at "
            + grant.settledAt()
            + " (final amount "
            + Rules.yen(grant.finalAmountYen())
            + " yen); nothing of it changes",
        grant.grantId());
  }

  static OffsetDateTime now() {
    return OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
  }

  static OffsetDateTime utc(OffsetDateTime t) {
    return t == null ? null : t.withOffsetSameInstant(ZoneOffset.UTC);
  }
}
