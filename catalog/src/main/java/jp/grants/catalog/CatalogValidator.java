package jp.grants.catalog;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** The rules a catalog must keep before any service may run on it. */
final class CatalogValidator {
  private static final Pattern CODE = Pattern.compile("[A-Z][A-Z0-9]*(-[A-Z0-9]+)*");

  private CatalogValidator() {}

  static void validate(ProgramCatalog catalog) {
    require(
        "(catalog)",
        "CATALOG-VERSION",
        catalog.version() != null && !catalog.version().isBlank(),
        "the catalog has no version");
    require(
        "(catalog)",
        "CATALOG-NOT-EMPTY",
        catalog.programs() != null && !catalog.programs().isEmpty(),
        "the catalog lists no program");
    require(
        "(catalog)",
        "BUDGET-POOLS",
        catalog.budgetPools() != null && !catalog.budgetPools().isEmpty(),
        "the catalog lists no budget pool");
    Set<String> pools = new HashSet<>();
    for (BudgetPool pool : catalog.budgetPools()) {
      String entry = pool.code() == null ? "(unnamed pool)" : pool.code();
      require(
          entry,
          "CODE-FORMAT",
          pool.code() != null && CODE.matcher(pool.code()).matches(),
          "code must be upper-case words joined by hyphens");
      require(entry, "POOL-UNIQUE", pools.add(pool.code()), "pool appears twice");
      validatePool(entry, pool);
    }
    Set<String> codes = new HashSet<>();
    for (Program program : catalog.programs()) {
      String entry = program.code() == null ? "(unnamed)" : program.code();
      require(
          entry,
          "CODE-FORMAT",
          program.code() != null && CODE.matcher(program.code()).matches(),
          "code must be upper-case words joined by hyphens");
      require(entry, "CODE-UNIQUE", codes.add(program.code()), "code appears twice");
      validateProgram(entry, program);
      validateDeciders(entry, program, catalog.version());
      require(
          entry,
          "BUDGET-POOL-KNOWN",
          pools.contains(program.budgetPool()),
          "budgetPool " + program.budgetPool() + " is not one of the catalog's budget pools");
    }
  }

  private static void validatePool(String entry, BudgetPool pool) {
    require(entry, "NAME", notBlank(pool.name()), "name is required");
    require(entry, "POOL-KIND", pool.kind() != null, "kind is YEARLY or FUND");
    require(
        entry,
        "SOURCES",
        pool.sources() != null && !pool.sources().isEmpty(),
        "every entry names the seed documents it comes from");
    if (pool.isFund()) {
      require(
          entry,
          "FUND-TERM",
          pool.firstFiscalYear() != null
              && pool.lastFiscalYear() != null
              && pool.firstFiscalYear() >= 2000
              && pool.firstFiscalYear() <= pool.lastFiscalYear()
              && pool.lastFiscalYear() <= 2100,
          "a fund needs 2000 <= firstFiscalYear <= lastFiscalYear <= 2100");
      require(
          entry,
          "FUND-CONTRIBUTIONS",
          pool.contributions() != null
              && !pool.contributions().isEmpty()
              && (pool.budgets() == null || pool.budgets().isEmpty()),
          "a fund lists the budgets that filled it as contributions, and no yearly budgets");
      for (BudgetPool.Contribution c : pool.contributions()) {
        require(
            entry,
            "FUND-CONTRIBUTION",
            c.amountYen() > 0 && c.fiscalYear() >= 2000 && c.fiscalYear() <= 2100,
            "every contribution is a positive amount of a fiscal year 2000-2100");
      }
    } else {
      require(
          entry,
          "BUDGETS",
          pool.budgets() != null
              && (pool.contributions() == null || pool.contributions().isEmpty())
              && pool.firstFiscalYear() == null
              && pool.lastFiscalYear() == null,
          "a yearly pool lists budgets per fiscal year (may be empty), no contributions and no term");
      for (Map.Entry<Integer, Long> budget : pool.budgets().entrySet()) {
        require(
            entry,
            "BUDGET-AMOUNT",
            budget.getKey() >= 2000 && budget.getKey() <= 2100 && budget.getValue() > 0,
            "budget for FY"
                + budget.getKey()
                + " must be a positive amount for a fiscal year 2000-2100");
      }
    }
  }

  private static void validateProgram(String entry, Program p) {
    require(
        entry, "NAME", notBlank(p.name()) && notBlank(p.agency()), "name and agency are required");
    require(entry, "GRANT-KIND", p.grantKind() != null, "grantKind is required");
    require(
        entry,
        "DURATION",
        p.duration() != null
            && p.duration().minYears() >= 1
            && p.duration().minYears() <= p.duration().maxYears(),
        "duration needs 1 <= minYears <= maxYears");
    require(
        entry,
        "PHASES",
        p.phases() != null && !p.phases().isEmpty(),
        "at least one phase is required");
    Set<String> phaseCodes = new HashSet<>();
    for (Phase phase : p.phases()) {
      validatePhase(entry, phase);
      require(
          entry,
          "PHASE-UNIQUE",
          phaseCodes.add(phase.code()),
          "phase " + phase.code() + " appears twice");
    }
    boolean annualCapped = p.phases().stream().allMatch(ph -> ph.annualCapYen() != null);
    require(
        entry,
        "SOME-CAP",
        annualCapped || p.totalCapYen() != null,
        "a program without annual caps must state a total cap");
    require(
        entry,
        "TOTAL-CAP",
        p.totalCapYen() == null || p.totalCapYen() > 0,
        "totalCapYen must be positive");
    validateGates(entry, p, phaseCodes);
    validateExtension(entry, p, phaseCodes);
    require(
        entry,
        "HOSTS",
        p.hosts() != null && p.hosts().min() >= 1 && p.hosts().min() <= p.hosts().max(),
        "hosts needs 1 <= min <= max");
    require(
        entry,
        "ELIGIBLE-EXPENSES",
        p.eligibleExpenses() != null && !p.eligibleExpenses().isEmpty(),
        "at least one eligible expense category is required");
    require(
        entry,
        "CO-FUNDING",
        p.coFunding() == null
            || (notBlank(p.coFunding().funder()) && p.coFunding().annualCapYen() > 0),
        "co-funding needs a funder and a positive annual cap");
    validateBudgets(entry, p);
    validateEvaluation(entry, p);
    require(
        entry,
        "SOURCES",
        p.sources() != null && !p.sources().isEmpty(),
        "every entry names the seed documents it comes from");
  }

  private static void validatePhase(String entry, Phase phase) {
    require(
        entry,
        "PHASE-CODE",
        phase.code() != null && CODE.matcher(phase.code()).matches(),
        "phase code must be upper-case words joined by hyphens");
    require(
        entry,
        "ANNUAL-CAP",
        phase.annualCapYen() == null || phase.annualCapYen() > 0,
        "phase " + phase.code() + " annualCapYen must be positive");
    require(
        entry,
        "ANNUAL-FLOOR",
        phase.annualFloorYen() == null
            || (phase.annualCapYen() != null
                && phase.annualFloorYen() > 0
                && phase.annualFloorYen() <= phase.annualCapYen()),
        "phase " + phase.code() + " annualFloorYen must be positive and at most its annual cap");
    require(
        entry,
        "PHASE-YEARS",
        phase.maxYears() == null || phase.maxYears() >= 1,
        "phase " + phase.code() + " maxYears must be at least 1");
    Requirements r = phase.requirementsOrNone();
    require(
        entry,
        "REQUIREMENTS",
        r.minPrincipalInvestigators() >= 0
            && r.minTotalStaff() >= 0
            && r.minForeignResearcherPercent() >= 0
            && r.minForeignResearcherPercent() <= 100,
        "phase " + phase.code() + " requirements must be non-negative, percent at most 100");
  }

  private static void validateGates(String entry, Program p, Set<String> phaseCodes) {
    require(
        entry, "STAGE-GATES", p.stageGates() != null, "stageGates must be listed (may be empty)");
    for (StageGate gate : p.stageGates()) {
      require(
          entry,
          "GATE-PHASES",
          phaseCodes.contains(gate.fromPhase())
              && phaseCodes.contains(gate.toPhase())
              && !gate.fromPhase().equals(gate.toPhase()),
          "stage gate "
              + gate.fromPhase()
              + " -> "
              + gate.toPhase()
              + " must join two different phases of the program");
      require(
          entry,
          "GATE-YEAR",
          gate.latestYear() >= 1 && gate.latestYear() <= p.duration().maxYears(),
          "stage gate latestYear must lie within the grant's duration");
    }
  }

  private static void validateExtension(String entry, Program p, Set<String> phaseCodes) {
    Extension extension = p.extension();
    if (extension == null) {
      return;
    }
    require(
        entry,
        "EXTENSION",
        extension.maxYears() >= 1
            && notBlank(extension.phase())
            && !phaseCodes.contains(extension.phase())
            && (extension.annualCapYen() == null || extension.annualCapYen() > 0),
        "an extension needs maxYears >= 1, its own phase code and a positive annual cap if any");
    require(
        entry,
        "EXTENSION-GRADE",
        extension.minGrade() == null
            || (Extension.GRADES.contains(extension.minGrade())
                && extension.source() != null
                && !extension.source().isBlank()),
        "an extension's minGrade is one of " + Extension.GRADES + " and names its source");
    require(
        entry,
        "EXTENSION-CAPPED",
        extension.annualCapYen() != null || p.totalCapYen() != null,
        "an extension without an annual cap needs the program's total cap");
  }

  private static void validateBudgets(String entry, Program p) {
    require(
        entry,
        "BUDGET-POOL",
        CODE.matcher(String.valueOf(p.budgetPool())).matches(),
        "budgetPool must be a code");
    IndirectCosts indirect = p.indirectCosts();
    require(
        entry,
        "INDIRECT-COSTS",
        indirect != null
            && indirect.ratePercent() >= 0
            && indirect.ratePercent() <= 100
            && notBlank(indirect.source()),
        "indirectCosts needs a rate of 0-100 percent and its source");
    ExpenseTransfers transfers = p.expenseTransfers();
    require(
        entry,
        "EXPENSE-TRANSFERS",
        transfers != null
            && transfers.freePercent() >= 0
            && transfers.freePercent() <= 100
            && transfers.freeFloorYen() >= 0
            && notBlank(transfers.source()),
        "expenseTransfers needs a free percent of 0-100, a floor of at least 0 yen and its source");
    RefundRules refunds = p.refunds();
    require(
        entry,
        "REFUNDS",
        refunds != null
            && refunds.additionalChargeBasisPointsPerYear() >= 0
            && refunds.additionalChargeBasisPointsPerYear() <= 10_000
            && notBlank(refunds.source()),
        "refunds needs an additional charge of 0-10000 basis points a year and its source");
  }

  private static void validateEvaluation(String entry, Program p) {
    EvaluationSchedule schedule = p.evaluationsOrAny();
    require(
        entry,
        "INTERIM-YEAR",
        schedule.interimYear() == null
            || (schedule.interimYear() >= 1
                && schedule.interimYear() <= p.duration().maxYears()
                && notBlank(schedule.source())),
        "the interim evaluation's year lies within the grant and names its source");
    require(
        entry,
        "EVALUATION-AXES",
        p.evaluationAxes() != null && !p.evaluationAxes().isEmpty(),
        "at least one evaluation axis is required");
    Set<String> axes = new HashSet<>();
    for (EvaluationAxis axis : p.evaluationAxes()) {
      require(
          entry,
          "AXIS-UNIQUE",
          axis.code() != null && axes.add(axis.code()) && notBlank(axis.name()),
          "every axis needs a unique code and a name");
    }
    Committee c = p.committee();
    require(
        entry,
        "COMMITTEE",
        c != null
            && c.minForeignMemberPercent() >= 0
            && c.minForeignMemberPercent() <= 100
            && c.minVotingMembers() >= 1
            && c.quorumPercent() > 0
            && c.quorumPercent() <= 100,
        "committee needs 0-100 foreign percent, at least one voting member and a quorum of 1-100 percent");
  }

  /**
   * Every decision kind the program has names its decider — from catalog version {@value
   * Decisions#DECIDERS_SINCE} on. The versions published before it name none (their grants keep the
   * rule they had: a program officer may record any decision, see {@link Program#decider}).
   */
  private static void validateDeciders(String entry, Program p, String version) {
    if (p.deciders() == null && Decisions.predatesDeciders(version)) {
      return;
    }
    java.util.List<jp.grants.contracts.review.ReviewKind> kinds = Decisions.kindsOf(p);
    require(
        entry,
        "DECIDERS",
        p.deciders() != null
            && p.deciders().keySet().containsAll(kinds)
            && kinds.containsAll(p.deciders().keySet())
            && !p.deciders().containsValue(null),
        "deciders names who decides each of "
            + kinds
            + " (STAGE_GATE only with a stage gate), and nothing else; "
            + (p.deciders() == null ? "none named" : p.deciders().keySet() + " named"));
  }

  private static boolean notBlank(String s) {
    return s != null && !s.isBlank();
  }

  private static void require(String entry, String rule, boolean holds, String message) {
    if (!holds) {
      throw new CatalogException(entry, rule, message);
    }
  }
}
