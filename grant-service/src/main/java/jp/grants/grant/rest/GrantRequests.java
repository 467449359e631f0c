package jp.grants.grant.rest;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import jp.grants.contracts.ExpenseCategory;
import jp.grants.contracts.FiscalYearAmount;
import jp.grants.contracts.grant.CenterFigures;
import jp.grants.contracts.grant.Investigator;
import jp.grants.grant.command.Commands.AwardGrantCommand;
import jp.grants.grant.command.Commands.ChangeHostInstitutionsCommand;
import jp.grants.grant.command.Commands.ChangePrincipalInvestigatorCommand;
import jp.grants.grant.command.Commands.CloseGrantCommand;
import jp.grants.grant.command.Commands.CompleteEvaluationCommand;
import jp.grants.grant.command.Commands.DeclineProposalCommand;
import jp.grants.grant.command.Commands.ExtendGrantCommand;
import jp.grants.grant.command.Commands.FailStageGateCommand;
import jp.grants.grant.command.Commands.GrantNoCostExtensionCommand;
import jp.grants.grant.command.Commands.GrantWorldPremierStatusCommand;
import jp.grants.grant.command.Commands.PassStageGateCommand;
import jp.grants.grant.command.Commands.ReportAnnualFollowUpCommand;
import jp.grants.grant.command.Commands.RequestDisbursementCommand;
import jp.grants.grant.command.Commands.ResumeGrantCommand;
import jp.grants.grant.command.Commands.ScheduleEvaluationCommand;
import jp.grants.grant.command.Commands.ScheduleStageGateCommand;
import jp.grants.grant.command.Commands.ScreenProposalCommand;
import jp.grants.grant.command.Commands.SubmitAcademyReportCommand;
import jp.grants.grant.command.Commands.SuspendGrantCommand;
import jp.grants.grant.command.Commands.TerminateGrantCommand;
import jp.grants.grant.command.Commands.WithdrawWorldPremierStatusCommand;
import jp.grants.grant.command.EvaluationKind;
import jp.grants.grant.command.GrantView;
import jp.grants.platform.validation.CountryCode;
import jp.grants.platform.web.FreeText;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Request bodies of the grant API, validated before any command is sent. */
public final class GrantRequests {
  /** The most yen one figure may state: a trillion, far above any program's budget. */
  static final long MAX_YEN = 1_000_000_000_000L;

  private GrantRequests() {}

  /** A body that is one command on a grant: the command for the grant's version (null: any). */
  public interface Step {
    Object command(UUID grant, Long version);
  }

  public record Amount(
      @NotNull @Min(2000) @Max(2100) Integer fiscalYear,
      @NotNull @PositiveOrZero @Max(MAX_YEN) Long amountYen) {
    FiscalYearAmount toAmount() {
      return new FiscalYearAmount(fiscalYear, amountYen);
    }

    static List<FiscalYearAmount> all(List<Amount> amounts) {
      return amounts == null ? List.of() : amounts.stream().map(Amount::toAmount).toList();
    }
  }

  public record Person(
      @NotBlank @Size(max = 200) String name,
      @NotBlank @Size(max = 300) String institution,
      @NotNull @CountryCode @Schema(ref = CountryCode.OPENAPI, required = true) String country) {
    Investigator toInvestigator() {
      return new Investigator(name, institution, country);
    }
  }

  public record SubmitProposal(
      @NotBlank @Size(max = 50) String programCode,
      @NotBlank @Size(max = 500) String title,
      @Size(max = 10_000) @FreeText String summary,
      @NotNull @Valid Person principalInvestigator,
      @NotEmpty @Size(max = 20) List<@NotBlank @Size(max = 300) String> hostInstitutions,
      @NotNull @Min(2000) @Max(2100) Integer startFiscalYear,
      @NotNull @Min(1) @Max(20) Integer durationYears,
      @NotEmpty @Size(max = 30) List<@NotNull @Valid Amount> requestedPlan,
      @Valid Figures plannedFigures,
      @Schema(
              nullable = true,
              description =
                  "The open call for proposals (公募) it answers: of the same program, for grants"
                      + " starting in its fiscal year (GET /api/v1/calls?status=OPEN)")
          java.util.UUID callId) {

    CenterFigures planned() {
      return plannedFigures == null ? null : plannedFigures.toFigures();
    }
  }

  /**
   * A center's planned size: what WPI, WPI CORE and Multiple Host WPI check at award against their
   * requirements (WPI: at least 7 PIs, 70 staff, 30 % of the researchers from abroad).
   */
  @Schema(name = "FiguresRequest")
  public record Figures(
      @NotNull @PositiveOrZero @Max(100_000) Integer principalInvestigators,
      @NotNull @PositiveOrZero @Max(100_000) Integer totalStaff,
      @NotNull @PositiveOrZero @Max(100_000) Integer researchers,
      @NotNull @PositiveOrZero @Max(100_000) Integer researchersFromAbroad) {
    CenterFigures toFigures() {
      return new CenterFigures(
          principalInvestigators, totalStaff, researchers, researchersFromAbroad);
    }
  }

  public record Screening(@NotNull Boolean eligible, @Size(max = 5000) @FreeText String note)
      implements Step {
    @Override
    public Object command(UUID grant, Long version) {
      return new ScreenProposalCommand(grant, version, eligible, note);
    }
  }

  /**
   * @param reason why the program officer awards directly (required where the catalog allows a
   *     direct award)
   */
  public record Award(
      @Size(max = 30) List<@NotNull @Valid Amount> allocations,
      @Size(max = 5000) @FreeText String reason)
      implements Step {
    @Override
    public Object command(UUID grant, Long version) {
      return new AwardGrantCommand(grant, version, Amount.all(allocations), null, reason);
    }
  }

  public record Decline(@NotBlank @Size(max = 5000) @FreeText String reason) implements Step {
    @Override
    public Object command(UUID grant, Long version) {
      return new DeclineProposalCommand(grant, version, reason, null);
    }
  }

  @Schema(name = "FollowUpRequest")
  public record FollowUp(
      @NotNull @Min(2000) @Max(2100) Integer fiscalYear,
      @NotNull @PositiveOrZero @Max(100_000) Integer principalInvestigators,
      @NotNull @PositiveOrZero @Max(100_000) Integer totalStaff,
      @NotNull @PositiveOrZero @Max(100_000) Integer researchers,
      @NotNull @PositiveOrZero @Max(100_000) Integer researchersFromAbroad,
      @Size(max = 20_000) @FreeText String narrative)
      implements Step {
    @Override
    public Object command(UUID grant, Long version) {
      return new ReportAnnualFollowUpCommand(
          grant,
          version,
          fiscalYear,
          principalInvestigators,
          totalStaff,
          researchers,
          researchersFromAbroad,
          narrative);
    }
  }

  public record ScheduleStageGate(
      @NotNull @Min(2000) @Max(2100) Integer fiscalYear, @NotNull LocalDate scheduledOn)
      implements Step {
    @Override
    public Object command(UUID grant, Long version) {
      return new ScheduleStageGateCommand(grant, version, fiscalYear, scheduledOn);
    }

    /** A gate is held in the fiscal year it is scheduled for (1 April to 31 March). */
    @com.fasterxml.jackson.annotation.JsonIgnore
    @jakarta.validation.constraints.AssertTrue(
        message = "scheduledOn must fall within fiscalYear (1 April to 31 March)")
    public boolean isScheduledOnInFiscalYear() {
      return fiscalYear == null
          || scheduledOn == null
          || jp.grants.contracts.FiscalYears.of(scheduledOn) == fiscalYear;
    }
  }

  public record StageGateDecision(
      @NotNull GrantView.GateOutcome outcome,
      @Size(max = 5000) @FreeText String reason,
      @Min(2000) @Max(2100) Integer endFiscalYear,
      @Size(max = 30) List<@NotNull @Valid Amount> allocations)
      implements Step {
    @Override
    public Object command(UUID grant, Long version) {
      return outcome == GrantView.GateOutcome.PASSED
          ? new PassStageGateCommand(grant, version, Amount.all(allocations), null, reason)
          : new FailStageGateCommand(
              grant, version, reason, endFiscalYear, Amount.all(allocations), null);
    }
  }

  public record ScheduleEvaluation(@NotNull @Min(2000) @Max(2100) Integer fiscalYear) {
    Object command(UUID grant, Long version, EvaluationKind kind) {
      return new ScheduleEvaluationCommand(grant, version, kind, fiscalYear);
    }
  }

  public record EvaluationResult(
      @NotBlank @Size(max = 1) String grade, @Size(max = 20_000) @FreeText String summary) {
    Object command(UUID grant, Long version, EvaluationKind kind) {
      return new CompleteEvaluationCommand(grant, version, kind, grade, summary, null);
    }
  }

  @Schema(name = "ExtensionRequest")
  public record Extension(
      @NotNull @Min(1) @Max(10) Integer additionalYears,
      @NotEmpty @Size(max = 10) List<@NotNull @Valid Amount> allocations)
      implements Step {
    @Override
    public Object command(UUID grant, Long version) {
      return new ExtendGrantCommand(grant, version, additionalYears, Amount.all(allocations));
    }
  }

  public record Termination(
      @NotNull @Min(2000) @Max(2100) Integer lastFiscalYear,
      @NotBlank @Size(max = 5000) @FreeText String reason)
      implements Step {
    @Override
    public Object command(UUID grant, Long version) {
      return new TerminateGrantCommand(grant, version, lastFiscalYear, reason);
    }
  }

  /** 中断: from when, and why (the reason is kept in the grant's history). */
  @Schema(name = "SuspensionRequest")
  public record Suspension(
      @NotNull LocalDate effectiveDate, @NotBlank @Size(max = 5000) @FreeText String reason)
      implements Step {
    @Override
    public Object command(UUID grant, Long version) {
      return new SuspendGrantCommand(grant, version, effectiveDate, reason);
    }
  }

  /** 再開: from when, and why. */
  public record Resumption(
      @NotNull LocalDate effectiveDate, @NotBlank @Size(max = 5000) @FreeText String reason)
      implements Step {
    @Override
    public Object command(UUID grant, Long version) {
      return new ResumeGrantCommand(grant, version, effectiveDate, reason);
    }
  }

  /** 代表者交替: the new principal investigator, from when, and why. */
  public record PrincipalInvestigatorChange(
      @NotNull @Valid Person principalInvestigator,
      @NotNull LocalDate effectiveDate,
      @NotBlank @Size(max = 5000) @FreeText String reason)
      implements Step {
    @Override
    public Object command(UUID grant, Long version) {
      return new ChangePrincipalInvestigatorCommand(
          grant, version, principalInvestigator.toInvestigator(), effectiveDate, reason);
    }
  }

  /** The whole new list of host institutions, from when, and why. */
  public record HostInstitutionsChange(
      @NotEmpty @Size(max = 20) List<@NotBlank @Size(max = 300) String> hostInstitutions,
      @NotNull LocalDate effectiveDate,
      @NotBlank @Size(max = 5000) @FreeText String reason)
      implements Step {
    @Override
    public Object command(UUID grant, Long version) {
      return new ChangeHostInstitutionsCommand(
          grant, version, hostInstitutions, effectiveDate, reason);
    }
  }

  /** Fiscal years the end moves without money, and why. */
  public record NoCostExtension(
      @NotNull @Min(1) @Max(10) Integer additionalYears,
      @NotBlank @Size(max = 5000) @FreeText String reason)
      implements Step {
    @Override
    public Object command(UUID grant, Long version) {
      return new GrantNoCostExtensionCommand(grant, version, additionalYears, reason);
    }
  }

  /**
   * World Premier Status granted or withdrawn: from when, and on what (the committee's finding).
   */
  public record WorldPremierStatus(
      @NotNull LocalDate effectiveDate, @NotBlank @Size(max = 5000) @FreeText String reason) {
    Object grant(UUID grant, Long version) {
      return new GrantWorldPremierStatusCommand(grant, version, effectiveDate, reason);
    }

    Object withdrawal(UUID grant, Long version) {
      return new WithdrawWorldPremierStatusCommand(grant, version, effectiveDate, reason);
    }
  }

  /** A WPI Academy center's annual report. */
  @Schema(name = "AcademyReportRequest")
  public record AcademyReport(
      @NotNull @Min(2000) @Max(2100) Integer fiscalYear,
      @NotNull @PositiveOrZero @Max(100_000) Integer principalInvestigators,
      @NotNull @PositiveOrZero @Max(100_000) Integer researchers,
      @NotBlank @Size(max = 20_000) @FreeText String narrative)
      implements Step {
    @Override
    public Object command(UUID grant, Long version) {
      return new SubmitAcademyReportCommand(
          grant, version, fiscalYear, principalInvestigators, researchers, narrative);
    }
  }

  public record Closure(@Size(max = 5000) @FreeText String note) implements Step {
    @Override
    public Object command(UUID grant, Long version) {
      return new CloseGrantCommand(grant, version, note);
    }
  }

  public record DisbursementRequest(
      @NotNull @Min(2000) @Max(2100) Integer fiscalYear,
      @NotNull @Positive @Max(MAX_YEN) Long amountYen,
      @NotNull ExpenseCategory expenseCategory,
      @Size(max = 2000) String purpose) {
    Object command(UUID grant, Long version, UUID disbursementId) {
      return new RequestDisbursementCommand(
          grant, version, disbursementId, fiscalYear, amountYen, expenseCategory, purpose);
    }
  }

  /**
   * The answer to every lifecycle command: the grant and its version after the command, and the id
   * of the disbursement a disbursement request created.
   */
  @com.fasterxml.jackson.annotation.JsonInclude(
      com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
  public record Accepted(java.util.UUID grantId, long version, java.util.UUID disbursementId) {}

  static EvaluationKind kind(String path) {
    return switch (path) {
      case "interim" -> EvaluationKind.INTERIM;
      case "final" -> EvaluationKind.FINAL;
      default ->
          throw new jakarta.ws.rs.NotFoundException(
              "no evaluation kind " + path + " (interim, final)");
    };
  }
}
