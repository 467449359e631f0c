package jp.grants.ledger.report.operation;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import jp.grants.contracts.rule.Rule;

/**
 * An RFC 9457 problem for a refused report, approval or settlement, with the rule that refused it
 * and the figures it was refused on.
 *
 * @param fiscalYears the years the refusal is about (a settlement names every unreported or
 *     unsettled year)
 * @param amountsYen figures by name (e.g. {@code reportedYen}, {@code heldYen}, or a year's unspent
 *     money)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RuleProblem(
    URI type,
    String title,
    int status,
    String detail,
    String instance,
    String rule,
    UUID grantId,
    Integer fiscalYear,
    UUID reportId,
    List<Integer> fiscalYears,
    Map<String, Long> amountsYen) {

  public static final String MEDIA_TYPE = "application/problem+json";

  /** A refusal by the rule, answered with its kind's status and title. */
  public static RuleProblem refused(Rule rule, String detail, UUID grantId) {
    return of(rule.kind().status(), rule.kind().title(), rule.code(), detail, grantId);
  }

  /**
   * A refusal by the rule as a conflict (409), whatever the rule's kind: for a rule whose status
   * differs by use (REPORT-EXCEEDS-PAID is unprocessable for a report submitted, a conflict for one
   * approved after money left the year).
   */
  public static RuleProblem conflict(Rule rule, String detail, UUID grantId) {
    return of(409, Rule.Kind.CONFLICT.title(), rule.code(), detail, grantId);
  }

  /**
   * A read of a resource that does not exist (404), whatever the rule's kind: UNKNOWN-GRANT is a
   * conflict for money asked to move, but a 404 for the grant's reports, settlement or
   * reconciliation read by its id.
   */
  public static RuleProblem notFound(Rule rule, String detail, UUID grantId) {
    return of(404, Rule.Kind.NOT_FOUND.title(), rule.code(), detail, grantId);
  }

  private static RuleProblem of(
      int status, String title, String rule, String detail, UUID grantId) {
    return new RuleProblem(
        URI.create("urn:jp-grants:problem:rule:" + rule),
        title,
        status,
        detail,
        null,
        rule,
        grantId,
        null,
        null,
        null,
        null);
  }

  public RuleProblem year(int fy) {
    return new RuleProblem(
        type,
        title,
        status,
        detail,
        instance,
        rule,
        grantId,
        fy,
        reportId,
        fiscalYears,
        amountsYen);
  }

  public RuleProblem report(UUID id) {
    return new RuleProblem(
        type,
        title,
        status,
        detail,
        instance,
        rule,
        grantId,
        fiscalYear,
        id,
        fiscalYears,
        amountsYen);
  }

  public RuleProblem years(List<Integer> fys) {
    return new RuleProblem(
        type,
        title,
        status,
        detail,
        instance,
        rule,
        grantId,
        fiscalYear,
        reportId,
        List.copyOf(fys),
        amountsYen);
  }

  public RuleProblem amounts(Map<String, Long> amounts) {
    return new RuleProblem(
        type,
        title,
        status,
        detail,
        instance,
        rule,
        grantId,
        fiscalYear,
        reportId,
        fiscalYears,
        amounts);
  }

  public RuleProblem at(String path) {
    return new RuleProblem(
        type,
        title,
        status,
        detail,
        path,
        rule,
        grantId,
        fiscalYear,
        reportId,
        fiscalYears,
        amountsYen);
  }

  /**
   * Thrown inside an operation's transaction: it rolls back (nothing written, the key released).
   */
  public static final class Refused extends RuntimeException {
    private final transient RuleProblem problem;

    public Refused(RuleProblem problem) {
      super(problem.rule() + ": " + problem.detail(), null, false, false);
      this.problem = problem;
    }

    public RuleProblem problem() {
      return problem;
    }
  }

  public Refused refused() {
    return new Refused(this);
  }
}
