package jp.grants.bench.system;

import java.util.UUID;
import jp.grants.bench.system.Http.Reply;
import jp.grants.launcher.Service;

/** The ledger-service's disbursement endpoint, as a finance front end calls it. */
public final class LedgerApi {
  private final BenchSystem system;

  public LedgerApi(BenchSystem system) {
    this.system = system;
  }

  /** 201 when paid, 409 when a cap refused; every call has a fresh Idempotency-Key. */
  public Reply disburse(UUID grant, int fiscalYear, long yen) throws InterruptedException {
    return system.http().post(system.url(Service.LEDGER, "/api/v1/ledger/disbursements"), system.token("finance"),
        "{\"grantId\":\"" + grant + "\",\"fiscalYear\":" + fiscalYear + ",\"amountYen\":" + yen
            + ",\"expenseCategory\":\"PERSONNEL\",\"purpose\":\"salaries of the center's staff\"}",
        "Idempotency-Key", UUID.randomUUID().toString());
  }
}
