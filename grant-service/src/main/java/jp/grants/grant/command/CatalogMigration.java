package jp.grants.grant.command;

import java.util.List;
import jp.grants.catalog.Phase;
import jp.grants.catalog.Program;
import jp.grants.catalog.Rules;
import jp.grants.contracts.FiscalYearAmount;
import jp.grants.grant.command.GrantView.StageGateState;

/**
 * What a grant must keep to move to another catalog version: the target's rules hold for the grant
 * as it stands. A proposal: its duration, hosts and requested plan within the target's initial
 * phase and total cap. A running grant: its phase exists in the target, its hosts, and every
 * awarded year within the caps and floors of the phase the year belongs to (before a passed gate
 * the initial phase, after it the gate's target phase, extension years the extension), and its
 * total within the target's total cap. A refusal names the target's rule that the grant breaks.
 */
final class CatalogMigration {

  private CatalogMigration() {}

  static void check(
      Program target,
      GrantStatus status,
      String phase,
      int start,
      int end,
      int extensionYears,
      List<String> hosts,
      List<FiscalYearAmount> requestedPlan,
      List<FiscalYearAmount> awardedPlan,
      StageGateState gate,
      long totalAwardedYen) {
    Rules.checkHosts(target, hosts);
    if (status == GrantStatus.PROPOSED || status == GrantStatus.SCREENED) {
      Rules.checkDuration(target, end - start + 1);
      Rules.checkPlanInPhase(target, target.initialPhase(), requestedPlan, start, end);
      Rules.checkTotal(target, FiscalYearAmount.total(requestedPlan));
      return;
    }
    phaseOf(target, phase);
    for (FiscalYearAmount year : awardedPlan) {
      Phase of;
      if (extensionYears > 0 && year.fiscalYear() > end - extensionYears) {
        of = phaseOf(target, target.extension() == null ? "EXTENSION" : target.extension().phase());
      } else if (gate != null
          && gate.outcome() == GrantView.GateOutcome.PASSED
          && year.fiscalYear() > gate.fiscalYear()) {
        of = phaseOf(target, gate.targetPhase());
      } else {
        of = target.initialPhase();
      }
      Rules.checkPlanInPhase(target, of, List.of(year), year.fiscalYear(), year.fiscalYear());
    }
    Rules.checkTotal(target, totalAwardedYen);
  }

  private static Phase phaseOf(Program target, String code) {
    return target
        .phase(code)
        .orElseThrow(
            () ->
                GrantRule.CATALOG_MIGRATION_PHASE.violation(
                    target.code() + " has no phase " + code + " in the target catalog version"));
  }
}
