package jp.grants.grant.command;

/** The two program evaluations of a running grant. */
public enum EvaluationKind {
  /** 中間評価 */
  INTERIM,
  /** 最終評価 */
  FINAL
}
