package jp.grants.platform.idempotency;

import jp.grants.contracts.rule.Rule;

/** The rules the platform refuses a request by, whatever the service. */
public enum PlatformRule implements Rule {
  /** A key used before by the same caller for a different request: 422. */
  IDEMPOTENCY_KEY_REUSED("IDEMPOTENCY-KEY-REUSED", Kind.UNPROCESSABLE);

  private final String code;
  private final Kind kind;

  PlatformRule(String code, Kind kind) {
    this.code = code;
    this.kind = kind;
  }

  @Override
  public String code() {
    return code;
  }

  @Override
  public Kind kind() {
    return kind;
  }
}
