package jp.grants.grant.command;

import static jp.grants.grant.command.GrantFixtures.START;
import static jp.grants.grant.command.GrantFixtures.awardedHistory;
import static jp.grants.grant.command.GrantFixtures.fittingAnnual;
import static jp.grants.grant.command.GrantFixtures.hosts;
import static jp.grants.grant.command.GrantFixtures.plan;
import static jp.grants.grant.command.GrantFixtures.program;
import static jp.grants.grant.command.GrantFixtures.submit;
import static jp.grants.grant.command.GrantFixtures.submitted;
import static jp.grants.grant.command.GrantFixtures.validSubmit;
import static jp.grants.grant.command.RefusedBy.refusedBy;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import jp.grants.catalog.CatalogRule;
import jp.grants.catalog.Program;
import jp.grants.catalog.ProgramCatalog;
import jp.grants.contracts.ExpenseCategory;
import jp.grants.contracts.FiscalYearAmount;
import jp.grants.grant.command.Commands.ExtendGrantCommand;
import jp.grants.grant.command.Commands.RequestDisbursementCommand;
import jp.grants.grant.command.Commands.ScheduleStageGateCommand;
import jp.grants.grant.command.Commands.SubmitProposalCommand;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The catalog's rules, specified for every program it lists. */
class EveryProgramTest {
  private FixtureConfiguration<Grant> fixture;

  @BeforeEach
  void setUp() {
    fixture = GrantFixtures.fixture();
  }

  static Stream<String> programs() {
    return ProgramCatalog.load().programs().stream().map(Program::code);
  }

  @ParameterizedTest
  @MethodSource("programs")
  void shouldAcceptAProposalAtTheProgramsLimits(String code) {
    SubmitProposalCommand command = validSubmit(code);
    fixture
        .givenNoPriorActivity()
        .when(command)
        .expectSuccessfulHandlerExecution()
        .expectEvents(submitted(command));
  }

  @ParameterizedTest
  @MethodSource("programs")
  void shouldRefuseADurationBeyondTheProgram(String code) {
    Program program = program(code);
    int years = program.duration().maxYears() + 1;
    fixture
        .givenNoPriorActivity()
        .when(submit(code, years, plan(START, years, 1_000_000), hosts(program)))
        .expectNoEvents()
        .expectException(refusedBy(CatalogRule.DURATION.code(), code));
  }

  @ParameterizedTest
  @MethodSource("programs")
  void shouldRefuseOneYenOverTheAnnualOrTotalCap(String code) {
    Program program = program(code);
    int years = program.duration().minYears();
    List<FiscalYearAmount> over =
        new ArrayList<>(plan(START, years, fittingAnnual(program, years)));
    FiscalYearAmount first = over.get(0);
    boolean annual = program.initialPhase().annualCapYen() != null;
    long rest = FiscalYearAmount.total(over) - first.amountYen();
    long overAmount = annual ? first.amountYen() + 1 : program.totalCapYen() - rest + 1;
    over.set(0, new FiscalYearAmount(first.fiscalYear(), overAmount));
    String rule = annual ? CatalogRule.ANNUAL_CAP.code() : CatalogRule.TOTAL_CAP.code();
    if (program.gateFrom(program.initialPhase().code()).isPresent()) {
      rule =
          CatalogRule.STEP_UP_REQUIRES_PASSED_GATE
              .code(); // WPI CORE: more is allowed only after the gate
    }
    fixture
        .givenNoPriorActivity()
        .when(submit(code, years, over, hosts(program)))
        .expectNoEvents()
        .expectException(refusedBy(rule));
  }

  @ParameterizedTest
  @MethodSource("programs")
  void shouldRefuseTooManyOrTooFewHostInstitutions(String code) {
    Program program = program(code);
    int years = program.duration().minYears();
    List<String> tooFew = hosts(program).subList(0, program.hosts().min() - 1);
    List<String> tooMany = new ArrayList<>();
    for (int i = 0; i <= program.hosts().max(); i++) {
      tooMany.add("Institute " + i);
    }
    List<String> wrong = program.hosts().min() > 1 ? tooFew : tooMany;
    fixture
        .givenNoPriorActivity()
        .when(submit(code, years, plan(START, years, fittingAnnual(program, years)), wrong))
        .expectNoEvents()
        .expectException(refusedBy(CatalogRule.HOSTS.code()));
  }

  @ParameterizedTest
  @MethodSource("programs")
  void shouldRefuseExpensesTheProgramDoesNotFund(String code) {
    Program program = program(code);
    ExpenseCategory excluded =
        Stream.of(ExpenseCategory.values())
            .filter(c -> !program.isEligible(c))
            .findFirst()
            .orElseThrow();
    fixture
        .given(awardedHistory(code))
        .when(
            new RequestDisbursementCommand(
                GrantFixtures.GRANT, null, UUID.randomUUID(), START, 1_000_000, excluded, "x"))
        .expectNoEvents()
        .expectException(refusedBy(CatalogRule.EXPENSE_ELIGIBLE.code(), excluded.name()));
  }

  @ParameterizedTest
  @MethodSource("programs")
  void shouldRefuseAStageGateWhereTheProgramHasNone(String code) {
    Program program = program(code);
    if (!program.stageGates().isEmpty()) {
      return; // WPI CORE's stage gate has its own specification
    }
    fixture
        .given(awardedHistory(code))
        .when(
            new ScheduleStageGateCommand(
                GrantFixtures.GRANT, null, START, java.time.LocalDate.of(START, 10, 1)))
        .expectNoEvents()
        .expectException(refusedBy(CatalogRule.STAGE_GATE_IN_PROGRAM.code(), code));
  }

  @ParameterizedTest
  @MethodSource("programs")
  void shouldRefuseAnExtensionWhereTheProgramHasNone(String code) {
    Program program = program(code);
    if (program.extension() != null) {
      return; // extendable programs are specified in ExtensionTest
    }
    int end = START + validSubmit(code).durationYears() - 1;
    fixture
        .given(awardedHistory(code))
        .when(new ExtendGrantCommand(GrantFixtures.GRANT, null, 1, plan(end + 1, 1, 1)))
        .expectNoEvents()
        .expectException(refusedBy(GrantRule.EXTENSION_IN_PROGRAM.code(), code));
  }
}
