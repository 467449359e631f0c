package jp.grants.contracts;

/** What a disbursement pays for. Each program of the catalog lists the categories it funds. */
public enum ExpenseCategory {
  /** 人件費 */
  PERSONNEL,
  /** 事業推進費 */
  PROJECT_PROMOTION,
  /** 旅費 */
  TRAVEL,
  /** 設備備品費 */
  EQUIPMENT,
  /** 研究プロジェクト費: not eligible under WPI. */
  RESEARCH_PROJECT,
  /** 滞在費 (fellowships) */
  STAY,
  /** 手当 / 生活費 (fellowships) */
  ALLOWANCE,
  /** 研究費 (fellowships, exchanges) */
  RESEARCH_COSTS
}
