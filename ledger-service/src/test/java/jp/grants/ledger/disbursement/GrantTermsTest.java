package jp.grants.ledger.disbursement;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;
import jp.grants.catalog.Program;
import jp.grants.catalog.ProgramCatalog;
import jp.grants.contracts.ExpenseCategory;
import jp.grants.ledger.disbursement.domain.GrantTerms;
import jp.grants.ledger.grant.domain.GrantStatus;
import org.junit.jupiter.api.Test;

/** What a disbursement must keep before any cap is looked at. */
class GrantTermsTest {
  private static final Program WPI = ProgramCatalog.load().require("WPI");
  private static final Program ASPIRE = ProgramCatalog.load().require("ASPIRE");

  private static GrantTerms grant(
      GrantStatus status, Integer lastFiscalYear, Set<ExpenseCategory> awarded) {
    return new GrantTerms(UUID.randomUUID(), "WPI", status, 2025, 2034, lastFiscalYear, awarded);
  }

  private static String rule(
      GrantTerms terms, Program program, int fiscalYear, ExpenseCategory category) {
    return terms
        .check(program, fiscalYear, 1_000L, category)
        .map(r -> r.rule().code())
        .orElse("OK");
  }

  @Test
  void shouldRefuseResearchProjectCostsUnderWpiButNotUnderAProjectProgram() {
    GrantTerms terms = grant(GrantStatus.ACTIVE, null, Set.of());

    assertThat(rule(terms, WPI, 2025, ExpenseCategory.RESEARCH_PROJECT))
        .isEqualTo("EXPENSE-ELIGIBLE");
    assertThat(rule(terms, WPI, 2025, ExpenseCategory.PERSONNEL)).isEqualTo("OK");
    assertThat(rule(terms, ASPIRE, 2025, ExpenseCategory.RESEARCH_PROJECT)).isEqualTo("OK");
  }

  @Test
  void shouldNarrowTheProgramsCategoriesToTheAwardsOwn() {
    GrantTerms terms = grant(GrantStatus.ACTIVE, null, EnumSet.of(ExpenseCategory.TRAVEL));

    assertThat(rule(terms, WPI, 2025, ExpenseCategory.PERSONNEL)).isEqualTo("EXPENSE-ELIGIBLE");
    assertThat(rule(terms, WPI, 2025, ExpenseCategory.TRAVEL)).isEqualTo("OK");
  }

  @Test
  void shouldRefuseYearsOutsideTheGrantAndAfterATermination() {
    assertThat(rule(grant(GrantStatus.ACTIVE, null, Set.of()), WPI, 2024, ExpenseCategory.TRAVEL))
        .isEqualTo("FISCAL-YEAR-OUTSIDE-GRANT");
    assertThat(rule(grant(GrantStatus.ACTIVE, null, Set.of()), WPI, 2035, ExpenseCategory.TRAVEL))
        .isEqualTo("FISCAL-YEAR-OUTSIDE-GRANT");
    assertThat(
            rule(grant(GrantStatus.TERMINATED, 2027, Set.of()), WPI, 2028, ExpenseCategory.TRAVEL))
        .isEqualTo("GRANT-NOT-ACTIVE");
    assertThat(
            rule(grant(GrantStatus.TERMINATED, 2027, Set.of()), WPI, 2027, ExpenseCategory.TRAVEL))
        .isEqualTo("OK");
    assertThat(rule(grant(GrantStatus.CLOSED, null, Set.of()), WPI, 2025, ExpenseCategory.TRAVEL))
        .isEqualTo("GRANT-NOT-ACTIVE");
  }

  @Test
  void shouldRefuseAnAmountThatIsNotPositive() {
    GrantTerms terms = grant(GrantStatus.ACTIVE, null, Set.of());

    assertThat(terms.check(WPI, 2025, 0L, ExpenseCategory.TRAVEL).map(r -> r.rule().code()))
        .contains("DISBURSEMENT-AMOUNT-POSITIVE");
  }
}
