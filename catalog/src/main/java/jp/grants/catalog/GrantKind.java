package jp.grants.catalog;

/** Who a grant funds. */
public enum GrantKind {
  /** A research center (拠点) at one or more host institutions. */
  CENTER,
  /** A research project of a team. */
  PROJECT,
  /** One person (fellowships, exchanges). */
  PERSON
}
