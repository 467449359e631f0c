package jp.grants.contracts.review;

/** What a review decides on. */
public enum ReviewKind {
  /** 採択審査: award or decline a screened proposal. */
  SELECTION,
  /** 年度ごとのフォローアップ: comments on an annual follow-up report. */
  FOLLOW_UP,
  /** Stage gate (step-up) of WPI CORE: pass or fail. */
  STAGE_GATE,
  /** 中間評価 */
  INTERIM_EVALUATION,
  /** 最終評価 */
  FINAL_EVALUATION
}
