package jp.grants.ledger.budget.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jp.grants.ledger.budget.command.ProgramBudgets;
import jp.grants.ledger.budget.query.FiscalYearSummary;
import jp.grants.ledger.budget.query.PoolView;
import jp.grants.ledger.budget.query.ProgramLedgerQueries;
import jp.grants.ledger.budget.query.ProgramYearView;
import jp.grants.ledger.journal.Provenance;
import jp.grants.platform.security.CurrentActor;
import jp.grants.platform.security.Roles;
import jp.grants.platform.web.CorrelationIdFilter;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The budget pools per fiscal year: budget, allocated, disbursed, headroom; and setting a budget.
 */
@Path("/api/v1/ledger")
@Produces(MediaType.APPLICATION_JSON)
@Tag(
    name = "Program ledger",
    description =
        "A program's or a budget pool's money per fiscal year: budgets, funds, what is paid and what is left")
public class ProgramLedgerResource {
  @Inject ProgramLedgerQueries queries;
  @Inject ProgramBudgets budgets;
  @Inject CurrentActor actor;

  @GET
  @Path("/programs/{code}/fiscal-years/{fiscalYear}")
  @RolesAllowed({Roles.FINANCE, Roles.PROGRAM_OFFICER, Roles.AUDITOR})
  @Operation(
      summary =
          "The budget pool of a program (or the pool named) in one fiscal year: budget, allocated,"
              + " disbursed and headroom")
  @APIResponse(responseCode = "200", description = "The pool's money in the fiscal year")
  @APIResponse(responseCode = "404", description = "No program or pool with that code")
  public ProgramYearView programYear(
      @PathParam("code") String code,
      @PathParam("fiscalYear") @Min(2000) @Max(2100) int fiscalYear) {
    return queries.programYear(pool(code), fiscalYear);
  }

  @GET
  @Path("/programs/{code}")
  @RolesAllowed({Roles.FINANCE, Roles.PROGRAM_OFFICER, Roles.AUDITOR})
  @Operation(
      summary =
          "The budget pool of a program (or the pool named): a fund's kind, total, drawn, remaining and"
              + " term, or a yearly pool's budgets per fiscal year")
  @APIResponse(responseCode = "200", description = "The pool")
  @APIResponse(responseCode = "404", description = "No program or pool with that code")
  public PoolView poolView(@PathParam("code") String code) {
    return queries.pool(pool(code));
  }

  @PUT
  @Path("/programs/{code}/fund")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed(Roles.ADMIN)
  @Operation(summary = "Set (override) the total of a fund pool; the change is journalled")
  @APIResponse(responseCode = "200", description = "The fund with its new total")
  @APIResponse(responseCode = "400", description = "Invalid total")
  @APIResponse(responseCode = "404", description = "No program or pool with that code")
  @APIResponse(
      responseCode = "409",
      description =
          "LEDGER-BUDGET-BELOW-DISBURSED: more was drawn already;"
              + " LEDGER-POOL-IS-YEARLY: the pool has a budget per year")
  public PoolView setFund(
      @PathParam("code") String code,
      @Valid @NotNull FundRequest request,
      @Context ContainerRequestContext context) {
    String pool = pool(code);
    Provenance provenance =
        Provenance.ofRequest(actor.get(), CorrelationIdFilter.of(context), null);
    budgets.setFund(pool, request.totalYen(), request.reason(), provenance);
    return queries.pool(pool);
  }

  @PUT
  @Path("/programs/{code}/fiscal-years/{fiscalYear}/budget")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed(Roles.ADMIN)
  @Operation(
      summary =
          "Set (override) the budget of a program's pool for a fiscal year; the change is journalled")
  @APIResponse(
      responseCode = "200",
      description = "The pool's money in the fiscal year, with the new budget")
  @APIResponse(responseCode = "400", description = "Invalid budget or fiscal year")
  @APIResponse(responseCode = "404", description = "No program or pool with that code")
  @APIResponse(
      responseCode = "409",
      description =
          "LEDGER-BUDGET-BELOW-DISBURSED: more was disbursed already;"
              + " LEDGER-POOL-IS-FUND: the pool is a fund with one total (PUT /programs/{pool}/fund)")
  public ProgramYearView setBudget(
      @PathParam("code") String code,
      @PathParam("fiscalYear") @Min(2000) @Max(2100) int fiscalYear,
      @Valid @NotNull BudgetRequest request,
      @Context ContainerRequestContext context) {
    String pool = pool(code);
    Provenance provenance =
        Provenance.ofRequest(actor.get(), CorrelationIdFilter.of(context), null);
    budgets.set(pool, fiscalYear, request.budgetYen(), request.reason(), provenance);
    return queries.programYear(pool, fiscalYear);
  }

  @GET
  @Path("/fiscal-years/{fiscalYear}/summary")
  @RolesAllowed({Roles.FINANCE, Roles.PROGRAM_OFFICER, Roles.AUDITOR})
  @Operation(
      summary =
          "Every budget pool and program in one fiscal year: budget, allocated, disbursed, headroom")
  @APIResponse(responseCode = "200", description = "The fiscal year's summary")
  public FiscalYearSummary summary(@PathParam("fiscalYear") @Min(2000) @Max(2100) int fiscalYear) {
    return queries.summary(fiscalYear);
  }

  private String pool(String code) {
    return queries
        .poolOf(code)
        .orElseThrow(() -> new NotFoundException("no program or budget pool " + code));
  }
}
