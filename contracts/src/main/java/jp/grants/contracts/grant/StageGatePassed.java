package jp.grants.contracts.grant;

import java.util.List;
import java.util.UUID;
import jp.grants.contracts.FiscalYearAmount;
import jp.grants.contracts.Nullable;
import jp.grants.contracts.SchemaVersion;

/**
 * The grant passed its stage gate and steps up to the next phase. The allocations replace the plan
 * for every fiscal year after the gate's.
 */
@SchemaVersion(1)
public record StageGatePassed(
    UUID grantId,
    int fiscalYear,
    String fromPhase,
    String toPhase,
    List<FiscalYearAmount> allocations,
    long totalAwardedYen,
    @Nullable UUID reviewId,
    @Nullable String reason)
    implements GrantEvent {

  /** A passed gate without a direct decision's reason (a committee's). */
  public StageGatePassed(
      UUID grantId,
      int fiscalYear,
      String fromPhase,
      String toPhase,
      List<FiscalYearAmount> allocations,
      long totalAwardedYen,
      UUID reviewId) {
    this(grantId, fiscalYear, fromPhase, toPhase, allocations, totalAwardedYen, reviewId, null);
  }
}
