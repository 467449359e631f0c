package jp.grants.catalog;

/**
 * A stage gate: a review that decides whether a grant steps up from one phase to the next.
 *
 * @param latestYear the grant year by which the gate must have been held (WPI CORE: 5)
 */
public record StageGate(String fromPhase, String toPhase, int latestYear) {}
