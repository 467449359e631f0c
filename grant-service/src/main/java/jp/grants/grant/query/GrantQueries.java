package jp.grants.grant.query;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import jp.grants.grant.command.GrantView;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Searches of the grant list read model, and the disbursements of a grant. */
@ApplicationScoped
public class GrantQueries {
  @Inject EntityManager entityManager;

  /** What to look for; null fields do not filter. */
  public record Filter(
      String program,
      String status,
      Integer fiscalYear,
      String institution,
      String applicantId,
      String pi,
      UUID callId) {
    /** A filter that names no call. */
    public Filter(
        String program,
        String status,
        Integer fiscalYear,
        String institution,
        String applicantId,
        String pi) {
      this(program, status, fiscalYear, institution, applicantId, pi, null);
    }
  }

  /** How many grants of a program have a status, what they were awarded and paid. */
  public record PortfolioRow(
      String programCode, String status, long grants, long totalAwardedYen, long disbursedYen) {}

  public List<PortfolioRow> portfolio(String program, Integer fiscalYear) {
    return portfolio(program, fiscalYear, null);
  }

  /** The portfolio, of the grants submitted to one call where {@code callId} names one. */
  public List<PortfolioRow> portfolio(String program, Integer fiscalYear, UUID callId) {
    StringBuilder sql =
        new StringBuilder(
            "SELECT program_code, status, count(*), COALESCE(sum(total_awarded_yen), 0),"
                + " COALESCE(sum(disbursed_yen), 0) FROM grant_summary WHERE 1 = 1");
    if (program != null) {
      sql.append(" AND program_code = :program");
    }
    if (fiscalYear != null) {
      sql.append(" AND start_fiscal_year <= :fy AND end_fiscal_year >= :fy");
    }
    if (callId != null) {
      sql.append(" AND call_id = :call");
    }
    sql.append(" GROUP BY program_code, status ORDER BY program_code, status");
    Query query = entityManager.createNativeQuery(sql.toString());
    if (program != null) {
      query.setParameter("program", program);
    }
    if (fiscalYear != null) {
      query.setParameter("fy", fiscalYear);
    }
    if (callId != null) {
      query.setParameter("call", callId);
    }
    @SuppressWarnings("unchecked")
    List<Object[]> rows = query.getResultList();
    return rows.stream()
        .map(
            r ->
                new PortfolioRow(
                    (String) r[0],
                    (String) r[1],
                    ((Number) r[2]).longValue(),
                    ((Number) r[3]).longValue(),
                    ((Number) r[4]).longValue()))
        .toList();
  }

  @Schema(name = "GrantPage")
  public record Page(List<GrantSummary> items, int page, int size, long total) {}

  public Page find(Filter filter, int page, int size) {
    StringBuilder where = new StringBuilder(" WHERE 1 = 1");
    Map<String, Object> parameters = new LinkedHashMap<>();
    if (filter.program() != null) {
      where.append(" AND g.program_code = :program");
      parameters.put("program", filter.program());
    }
    if (filter.status() != null) {
      where.append(" AND g.status = :status");
      parameters.put("status", filter.status());
    }
    if (filter.fiscalYear() != null) {
      where.append(" AND g.start_fiscal_year <= :fy AND g.end_fiscal_year >= :fy");
      parameters.put("fy", filter.fiscalYear());
    }
    if (filter.institution() != null) {
      where.append(
          " AND EXISTS (SELECT 1 FROM grant_institution i WHERE i.grant_id = g.grant_id"
              + " AND lower(i.institution) = lower(:institution))");
      parameters.put("institution", filter.institution());
    }
    if (filter.pi() != null) {
      where.append(" AND lower(g.pi_name) = lower(:pi)");
      parameters.put("pi", filter.pi());
    }
    if (filter.callId() != null) {
      where.append(" AND g.call_id = :call");
      parameters.put("call", filter.callId());
    }
    if (filter.applicantId() != null) {
      where.append(" AND g.applicant_id = :applicant");
      parameters.put("applicant", filter.applicantId());
    }
    Query count = entityManager.createNativeQuery("SELECT count(*) FROM grant_summary g" + where);
    Query select =
        entityManager.createNativeQuery(
            "SELECT g.* FROM grant_summary g"
                + where
                + " ORDER BY g.submitted_at DESC, g.grant_id LIMIT :limit OFFSET :offset",
            GrantSummary.class);
    parameters.forEach(
        (name, value) -> {
          count.setParameter(name, value);
          select.setParameter(name, value);
        });
    select.setParameter("limit", size);
    select.setParameter("offset", (long) page * size);
    @SuppressWarnings("unchecked")
    List<GrantSummary> items = select.getResultList();
    long total = ((Number) count.getSingleResult()).longValue();
    return new Page(items, page, size, total);
  }

  /**
   * One disbursement of a grant as its history tells it.
   *
   * @param sequence the grant's first event naming it (its request, or the ledger's answer to a
   *     request made on the ledger's own API)
   * @param requestedAt when grant-service recorded the request; null if the grant never requested
   *     it
   * @param state where it stands: requested (no answer of the ledger yet), disbursed or rejected
   * @param settledSequence the event that recorded the ledger's answer; null while open
   * @param rule the ledger's rule, for a refusal
   * @param indirectCostYen the indirect costs the ledger paid with it; null when not paid, or paid
   *     before the ledger paid indirect costs
   */
  public record Disbursement(
      UUID disbursementId,
      int fiscalYear,
      long amountYen,
      String expenseCategory,
      DisbursementState state,
      long sequence,
      @Schema(
              nullable = true,
              description =
                  "When the grant asked for it; none for a payment the ledger made directly")
          Instant requestedAt,
      @Schema(
              nullable = true,
              description = "The event that recorded the ledger's answer; none while open")
          Long settledSequence,
      @Schema(nullable = true, description = "When the ledger answered; none while open")
          Instant settledAt,
      @Schema(nullable = true, description = "The rule that refused it; none unless refused")
          String rule,
      @Schema(nullable = true, description = "The indirect costs paid with it; none unless paid")
          Long indirectCostYen) {}

  /**
   * A page of a grant's disbursements, in the order of its history.
   *
   * @param readModelVersion the grant's version that the list reflects (the read model follows the
   *     event store within moments; compare with the grant's ETag); null before it has the grant
   * @param version the grant's version that {@code moneyByFiscalYear} and {@code settlement}
   *     reflect: they are the grant's own (its aggregate, strongly consistent, as GET /grants/{id}
   *     shows them)
   * @param moneyByFiscalYear per fiscal year: allocation as awarded, carried in and out, cap, paid,
   *     indirect, refunded, reported and unspent, final
   * @param settlement the ledger's settlement (final amount); null before it
   */
  public record Disbursements(
      UUID grantId,
      @Schema(
              nullable = true,
              description =
                  "The grant's version the list reflects; none before the read model has the grant")
          Long readModelVersion,
      List<Disbursement> items,
      int page,
      int size,
      long total,
      Long version,
      Map<Integer, GrantView.FiscalYearMoney> moneyByFiscalYear,
      @Schema(nullable = true, description = "The final settlement, once there is one")
          GrantView.Settlement settlement) {

    /** The list with the grant's money per fiscal year, as the grant holds it. */
    public Disbursements withMoneyOf(GrantView grant) {
      return new Disbursements(
          grantId,
          readModelVersion,
          items,
          page,
          size,
          total,
          grant.version(),
          grant.moneyByFiscalYear(),
          grant.settlement());
    }
  }

  @Transactional
  public Disbursements disbursements(
      UUID grantId, DisbursementState state, Integer fiscalYear, int page, int size) {
    StringBuilder where = new StringBuilder(" WHERE d.grant_id = :grant");
    Map<String, Object> parameters = new LinkedHashMap<>();
    parameters.put("grant", grantId);
    if (state != null) {
      where.append(" AND d.state = :state");
      parameters.put("state", state.name());
    }
    if (fiscalYear != null) {
      where.append(" AND d.fiscal_year = :fy");
      parameters.put("fy", fiscalYear);
    }
    Query count =
        entityManager.createNativeQuery("SELECT count(*) FROM grant_disbursement d" + where);
    Query select =
        entityManager.createNativeQuery(
            "SELECT d.disbursement_id, d.fiscal_year, d.amount_yen,"
                + " d.expense_category, d.state, d.position, d.requested_at, d.settled_sequence, d.settled_at, d.rule,"
                + " d.indirect_cost_yen"
                + " FROM grant_disbursement d"
                + where
                + " ORDER BY d.position, d.disbursement_id LIMIT :limit OFFSET :offset");
    parameters.forEach(
        (name, value) -> {
          count.setParameter(name, value);
          select.setParameter(name, value);
        });
    select.setParameter("limit", size);
    select.setParameter("offset", (long) page * size);
    List<Disbursement> items = new ArrayList<>();
    for (Object row : select.getResultList()) {
      Object[] c = (Object[]) row;
      items.add(
          new Disbursement(
              (UUID) c[0],
              ((Number) c[1]).intValue(),
              ((Number) c[2]).longValue(),
              (String) c[3],
              DisbursementState.valueOf((String) c[4]),
              ((Number) c[5]).longValue(),
              instant(c[6]),
              c[7] == null ? null : ((Number) c[7]).longValue(),
              instant(c[8]),
              (String) c[9],
              c[10] == null ? null : ((Number) c[10]).longValue()));
    }
    long total = ((Number) count.getSingleResult()).longValue();
    @SuppressWarnings("unchecked")
    List<Object> version =
        entityManager
            .createNativeQuery("SELECT version FROM grant_summary WHERE grant_id = :grant")
            .setParameter("grant", grantId)
            .getResultList();
    Long readModelVersion = version.isEmpty() ? null : ((Number) version.get(0)).longValue();
    return new Disbursements(grantId, readModelVersion, items, page, size, total, null, null, null);
  }

  /**
   * A TIMESTAMPTZ column as Hibernate hands it over (the JDBC driver's type varies with the
   * version).
   */
  private static Instant instant(Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof Instant i) {
      return i;
    }
    if (value instanceof OffsetDateTime o) {
      return o.toInstant();
    }
    if (value instanceof java.sql.Timestamp t) {
      return t.toInstant();
    }
    if (value instanceof java.time.ZonedDateTime z) {
      return z.toInstant();
    }
    throw new IllegalStateException("unexpected timestamp type " + value.getClass());
  }
}
