package jp.grants.contracts;

/** Why money came back from a grant. */
public enum RefundKind {
  /** The recipient returned money it did not spend (or could not use). */
  VOLUNTARY,
  /**
   * A program officer ordered the return (返還命令), with a reason; where the program is a subsidy
   * under the Subsidies Act, an additional charge (加算金) is due on top.
   */
  ORDERED
}
