package jp.grants.bench.system;

import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import jp.grants.bench.system.Http.Reply;
import jp.grants.launcher.Service;

/**
 * The ledger-service's disbursement endpoint, as a finance front end calls it, through the load
 * client. A {@code 503} with {@code Retry-After} (the ledger's queue was full and it wrote nothing)
 * is sent again, with the same key and body, after the delay it asks for.
 */
public final class LedgerApi {
  public static final String PATH = "/api/v1/ledger/disbursements";

  /** A 503 with Retry-After asks to come back later; after this many, give up. */
  private static final int MAX_RETRIES_AFTER_503 = 1_000;

  private final BenchSystem system;

  public LedgerApi(BenchSystem system) {
    this.system = system;
  }

  /** The body of a payment of {@code yen} for PERSONNEL. */
  public static String body(UUID grant, int fiscalYear, long yen) {
    return "{\"grantId\":\""
        + grant
        + "\",\"fiscalYear\":"
        + fiscalYear
        + ",\"amountYen\":"
        + yen
        + ",\"expenseCategory\":\"PERSONNEL\",\"purpose\":\"salaries of the center's staff\"}";
  }

  /**
   * 201 when paid, 409 when a cap refused; every call has a fresh Idempotency-Key; a 503 is
   * retried, not counted.
   */
  public Reply disburse(UUID grant, int fiscalYear, long yen) throws InterruptedException {
    return disburse(grant, fiscalYear, yen, null);
  }

  /** The same, counting in {@code retried503} the 503 answers that were sent again. */
  public Reply disburse(UUID grant, int fiscalYear, long yen, AtomicLong retried503)
      throws InterruptedException {
    return untilAnswered(
        prepare(body(grant, fiscalYear, yen), UUID.randomUUID().toString()), retried503);
  }

  /**
   * A disbursement request rendered once: a retry (or replay) sends the same bytes, key and body.
   */
  public RestClient.Prepared prepare(String body, String idempotencyKey) {
    return system
        .load()
        .preparePost(
            Service.LEDGER, PATH, system.token("finance"), body, "Idempotency-Key", idempotencyKey);
  }

  /** One attempt, whatever it answers. */
  public Reply send(RestClient.Prepared request) throws InterruptedException {
    return system.load().send(request);
  }

  /**
   * Sends until the answer is not a 503 with Retry-After, waiting as long as each such answer asks.
   */
  public Reply untilAnswered(RestClient.Prepared request, AtomicLong retried503)
      throws InterruptedException {
    for (int retries = 0; ; retries++) {
      Reply reply = send(request);
      OptionalLong wait = reply.status() == 503 ? reply.retryAfterMillis() : OptionalLong.empty();
      if (wait.isEmpty() || retries >= MAX_RETRIES_AFTER_503) {
        return reply;
      }
      if (retried503 != null) {
        retried503.incrementAndGet();
      }
      Thread.sleep(wait.getAsLong());
    }
  }
}
