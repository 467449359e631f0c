package jp.grants.contracts.review;

/** A committee's decision. Which values fit depends on the review kind. */
public enum Recommendation {
  /** SELECTION: fund it. */
  AWARD,
  /** SELECTION: do not fund it. */
  DECLINE,
  /** STAGE_GATE: step up. */
  PASS,
  /** STAGE_GATE: wind down. */
  FAIL,
  /** FOLLOW_UP, INTERIM_EVALUATION, FINAL_EVALUATION: graded, no change of course. */
  GRADED;

  public boolean fits(ReviewKind kind) {
    return switch (kind) {
      case SELECTION -> this == AWARD || this == DECLINE;
      case STAGE_GATE -> this == PASS || this == FAIL;
      case FOLLOW_UP, INTERIM_EVALUATION, FINAL_EVALUATION -> this == GRADED;
    };
  }
}
