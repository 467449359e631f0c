package jp.grants.ledger.reconciliation.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;
import java.sql.SQLException;
import java.util.Optional;
import jp.grants.catalog.BudgetPool;
import jp.grants.catalog.Program;
import jp.grants.catalog.ProgramCatalog;
import jp.grants.ledger.reconciliation.ReconciliationCsv;
import jp.grants.ledger.reconciliation.Reconciliations;
import jp.grants.ledger.report.operation.RuleProblem;
import jp.grants.ledger.report.rest.OperationResponses;
import jp.grants.ledger.rule.LedgerRule;
import jp.grants.platform.problem.Problem;
import jp.grants.platform.security.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The reconciliation of a program's (or pool's) grants in one fiscal year, as CSV for finance. */
@Path("/api/v1/ledger/programs/{code}/fiscal-years/{fiscalYear}/reconciliation.csv")
@Tag(
    name = "Reconciliation",
    description =
        "The ledger's figures per grant and year checked against its rows and journal; CSV per program and fiscal year")
public class ReconciliationResource {

  @Inject Reconciliations reconciliations;

  private final ProgramCatalog catalog = ProgramCatalog.load();

  @GET
  @Produces({"text/csv", Problem.MEDIA_TYPE})
  @RolesAllowed({Roles.FINANCE, Roles.AUDITOR, Roles.ADMIN})
  @Operation(
      summary =
          "The reconciliation of every grant of a program (or budget pool) with the fiscal year, as CSV"
              + " (RFC 4180, UTF-8 with BOM, header row, one row per grant, totals row)")
  @APIResponse(responseCode = "200", description = "The CSV")
  @APIResponse(responseCode = "404", description = "UNKNOWN-PROGRAM")
  public Response csv(
      @PathParam("code") @Pattern(regexp = "[A-Z0-9-]{1,50}") String code,
      @PathParam("fiscalYear") @Min(2000) @Max(2100) int fiscalYear)
      throws SQLException {
    Optional<Program> program = catalog.find(code);
    Optional<BudgetPool> pool = catalog.findPool(code);
    if (program.isEmpty() && pool.isEmpty()) {
      return OperationResponses.problem(
          RuleProblem.refused(LedgerRule.UNKNOWN_PROGRAM, "no program or budget pool " + code, null)
              .at(
                  "/api/v1/ledger/programs/"
                      + code
                      + "/fiscal-years/"
                      + fiscalYear
                      + "/reconciliation.csv"));
    }
    String name =
        program.map(Program::nameJa).orElseGet(() -> pool.map(BudgetPool::nameJa).orElse(code));
    byte[] csv =
        ReconciliationCsv.write(
            name, fiscalYear, reconciliations.ofProgramYear(code, program.isEmpty(), fiscalYear));
    return Response.ok(csv, ReconciliationCsv.MEDIA_TYPE)
        .header(
            "Content-Disposition",
            "attachment; filename=\"reconciliation-" + code + "-FY" + fiscalYear + ".csv\"")
        .build();
  }
}
