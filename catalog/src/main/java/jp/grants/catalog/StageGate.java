package jp.grants.catalog;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A stage gate: a review that decides whether a grant steps up from one phase to the next.
 *
 * @param latestYear the grant year by which the gate must have been held (WPI CORE: 5)
 * @param windDownYears after a failed gate, how many fiscal years after the gate's the grant may
 *     still run (WPI CORE: 1, to the end of the following fiscal year); null: up to the grant's end
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StageGate(String fromPhase, String toPhase, int latestYear, Integer windDownYears) {

  /** The last fiscal year a grant may run after failing this gate in {@code gateYear}. */
  public int latestWindDownEnd(int gateYear, int grantEnd) {
    return windDownYears == null ? grantEnd : Math.min(grantEnd, gateYear + windDownYears);
  }
}
