package jp.grants.grant.query;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Searches of the grant list read model. */
@ApplicationScoped
public class GrantQueries {
  @Inject EntityManager entityManager;

  /** What to look for; null fields do not filter. */
  public record Filter(String program, String status, Integer fiscalYear, String institution, String applicantId) {}

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
      where.append(" AND EXISTS (SELECT 1 FROM grant_institution i WHERE i.grant_id = g.grant_id"
          + " AND lower(i.institution) = lower(:institution))");
      parameters.put("institution", filter.institution());
    }
    if (filter.applicantId() != null) {
      where.append(" AND g.applicant_id = :applicant");
      parameters.put("applicant", filter.applicantId());
    }
    Query count = entityManager.createNativeQuery("SELECT count(*) FROM grant_summary g" + where);
    Query select = entityManager.createNativeQuery(
        "SELECT g.* FROM grant_summary g" + where + " ORDER BY g.submitted_at DESC, g.grant_id LIMIT :limit OFFSET :offset",
        GrantSummary.class);
    parameters.forEach((name, value) -> {
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
}
