package jp.grants.ledger.report.operation;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;

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

  public static RuleProblem conflict(String rule, String detail, UUID grantId) {
    return of(409, "Refused by the resource's state", rule, detail, grantId);
  }

  public static RuleProblem unprocessable(String rule, String detail, UUID grantId) {
    return of(422, "Refused by a program rule", rule, detail, grantId);
  }

  public static RuleProblem notFound(String rule, String detail, UUID grantId) {
    return of(404, "Not Found", rule, detail, grantId);
  }

  public static RuleProblem of(int status, String title, String rule, String detail, UUID grantId) {
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
