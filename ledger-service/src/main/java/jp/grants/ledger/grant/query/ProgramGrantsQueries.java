package jp.grants.ledger.grant.query;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Every grant of a program in one fiscal year as the ledger recorded it: its allocation, what was
 * paid, and each paid disbursement. What auditors reconcile with the grants' event histories.
 */
@ApplicationScoped
public class ProgramGrantsQueries {
  @Inject EntityManager entityManager;

  public record PaidDisbursement(UUID disbursementId, long amountYen) {}

  public record GrantYearRecord(
      UUID grantId,
      String status,
      long allocationYen,
      long disbursedYen,
      List<PaidDisbursement> disbursements) {}

  @SuppressWarnings("unchecked")
  public List<GrantYearRecord> grants(String programCode, int fiscalYear) {
    Map<UUID, GrantYearRecord> grants = new LinkedHashMap<>();
    List<Object[]> rows =
        entityManager
            .createNativeQuery(
                "SELECT a.grant_id, a.status, coalesce(y.allocation_yen, 0), coalesce(y.disbursed_yen, 0)"
                    + " FROM grant_account a LEFT JOIN grant_year y ON y.grant_id = a.grant_id AND y.fiscal_year = ?2"
                    + " WHERE a.program_code = ?1 AND (y.grant_id IS NOT NULL OR EXISTS (SELECT 1 FROM disbursement d"
                    + " WHERE d.grant_id = a.grant_id AND d.fiscal_year = ?2)) ORDER BY a.grant_id")
            .setParameter(1, programCode)
            .setParameter(2, fiscalYear)
            .getResultList();
    for (Object[] row : rows) {
      UUID id = (UUID) row[0];
      grants.put(
          id,
          new GrantYearRecord(
              id,
              (String) row[1],
              ((Number) row[2]).longValue(),
              ((Number) row[3]).longValue(),
              new ArrayList<>()));
    }
    List<Object[]> paid =
        entityManager
            .createNativeQuery(
                "SELECT d.grant_id, d.disbursement_id, d.amount_yen FROM disbursement d JOIN grant_account a"
                    + " ON a.grant_id = d.grant_id WHERE a.program_code = ?1 AND d.fiscal_year = ?2"
                    + " AND d.status = 'ACCEPTED' ORDER BY d.recorded_at, d.disbursement_id")
            .setParameter(1, programCode)
            .setParameter(2, fiscalYear)
            .getResultList();
    for (Object[] row : paid) {
      GrantYearRecord grant = grants.get((UUID) row[0]);
      if (grant != null) {
        grant
            .disbursements()
            .add(new PaidDisbursement((UUID) row[1], ((Number) row[2]).longValue()));
      }
    }
    return List.copyOf(grants.values());
  }
}
