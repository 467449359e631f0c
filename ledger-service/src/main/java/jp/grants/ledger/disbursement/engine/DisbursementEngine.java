package jp.grants.ledger.disbursement.engine;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import jp.grants.ledger.LedgerConfig;
import jp.grants.ledger.disbursement.persistence.Disbursement;
import jp.grants.platform.schema.SchemaReady;
import org.jboss.logging.Logger;

/**
 * Group commit for disbursements. Requests wait in a bounded queue; one writer takes whatever has
 * gathered (up to {@code max-batch}) and answers it in one transaction ({@link DisbursementBatch}),
 * so a burst costs a few round trips and one commit per batch instead of a dozen round trips, a
 * commit and a pooled connection per request — and a lock on the pool's budget row is held once per
 * batch, not once per payment. The writer uses one connection; a full queue is answered at once
 * with {@link Unavailable} (503, Retry-After), never by waiting for a connection that will not
 * come.
 *
 * <p>A batch that fails for a reason a new attempt resolves (a deadlock with another instance, a
 * key released meanwhile, a concurrent insert of the same event's disbursement) is tried again; a
 * failed connection is tried once more (a pooled connection goes stale when the database restarts),
 * and with the database away every request of the batch is then answered {@link Unavailable},
 * nothing having been written; any other failure is narrowed down by answering the batch's requests
 * one at a time, so that one bad request cannot fail the others.
 */
@ApplicationScoped
public class DisbursementEngine {
  private static final Logger LOG = Logger.getLogger(DisbursementEngine.class);
  private static final int ATTEMPTS = 5;

  /** Why a request was not carried out; nothing was written for it. */
  public static final class Unavailable extends RuntimeException {
    private final int retryAfterSeconds;

    Unavailable(String message, int retryAfterSeconds, Throwable cause) {
      super(message, cause, false, false);
      this.retryAfterSeconds = retryAfterSeconds;
    }

    public int retryAfterSeconds() {
      return retryAfterSeconds;
    }
  }

  private record Pending(
      EngineRequest request, CompletableFuture<Outcome> answer, long enqueuedNanos) {}

  @Inject DataSource dataSource;
  @Inject DisbursementBatch batch;
  @Inject LedgerConfig config;
  @Inject MeterRegistry registry;

  private BlockingQueue<Pending> queue;
  private final Map<String, Counter> counters = new ConcurrentHashMap<>();
  private volatile boolean running;
  private volatile boolean schemaReady;
  private Thread writer;

  void start(@Observes StartupEvent event) {
    queue = new ArrayBlockingQueue<>(config.engine().queueCapacity());
    registry.gaugeCollectionSize("ledger_engine_queue_size", List.of(), queue);
    running = true;
    writer = new Thread(this::run, "disbursement-engine");
    writer.setDaemon(true);
    writer.start();
  }

  /** Until the schema is migrated (the database may still be away), requests are answered 503. */
  void onSchemaReady(@Observes SchemaReady ready) {
    schemaReady = true;
  }

  void stop(@Observes ShutdownEvent event) {
    running = false;
    if (writer != null) {
      try {
        writer.join(10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    List<Pending> left = new ArrayList<>();
    queue.drainTo(left);
    left.forEach(
        p -> p.answer().completeExceptionally(unavailable("the ledger is shutting down", null)));
  }

  /**
   * Queues a request; the answer completes when its batch has committed, or exceptionally with
   * {@link Unavailable} (queue full, waited too long, database away) and nothing written.
   */
  public CompletableFuture<Outcome> submit(EngineRequest request) {
    if (!schemaReady) {
      count("unavailable");
      return CompletableFuture.failedFuture(
          unavailable("the ledger's database is not ready yet", null));
    }
    Pending pending = new Pending(request, new CompletableFuture<>(), System.nanoTime());
    if (!running || !queue.offer(pending)) {
      count("saturated");
      return CompletableFuture.failedFuture(
          unavailable(
              "the ledger is at capacity ("
                  + config.engine().queueCapacity()
                  + " disbursements waiting); try again shortly",
              null));
    }
    return pending.answer();
  }

  /**
   * Answers requests in the caller's transaction (the grant-events consumer, whose inbox rows
   * commit with them), on the transaction's connection.
   */
  public List<Outcome> applyInTransaction(List<DisbursementRequest> requests) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      List<Outcome> outcomes = batch.apply(c, requests);
      // Counted before the commit: a rolled-back poll is applied (and counted) again.
      outcomes.forEach(this::count);
      return outcomes;
    }
  }

  private void run() {
    int max = config.engine().maxBatch();
    long maxWaitNanos = config.engine().maxWait().toNanos();
    List<Pending> taken = new ArrayList<>(max);
    while (running) {
      try {
        Pending first = queue.poll(250, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        taken.add(first);
        queue.drainTo(taken, max - 1);
        List<Pending> work = new ArrayList<>(taken.size());
        long now = System.nanoTime();
        for (Pending p : taken) {
          if (now - p.enqueuedNanos() > maxWaitNanos) {
            count("expired");
            p.answer()
                .completeExceptionally(
                    unavailable(
                        "the ledger is overloaded: the disbursement waited "
                            + TimeUnit.NANOSECONDS.toMillis(now - p.enqueuedNanos())
                            + " ms and was not carried out",
                        null));
          } else {
            work.add(p);
          }
        }
        if (!work.isEmpty()) {
          answer(work);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        LOG.errorf(e, "disbursement engine: unexpected failure; %d requests failed", taken.size());
        taken.forEach(p -> p.answer().completeExceptionally(e));
      } finally {
        taken.clear();
      }
    }
  }

  /** Answers the requests in one transaction, tried again when a new attempt can succeed. */
  private void answer(List<Pending> work) {
    List<EngineRequest> requests = work.stream().map(Pending::request).toList();
    for (int attempt = 1; ; attempt++) {
      try {
        List<Outcome> outcomes =
            QuarkusTransaction.requiringNew()
                .call(
                    () -> {
                      try (Connection c = dataSource.getConnection()) {
                        return batch.apply(c, requests);
                      }
                    });
        for (int i = 0; i < work.size(); i++) {
          count(outcomes.get(i));
          work.get(i).answer().complete(outcomes.get(i));
        }
        return;
      } catch (RuntimeException e) {
        Failure failure = Failure.of(e);
        if ((failure == Failure.RETRY && attempt < ATTEMPTS)
            || (failure == Failure.UNAVAILABLE && attempt == 1)) {
          // A deadlock or a key released meanwhile resolves itself; a pooled connection that went
          // stale when the database restarted is dropped by the pool, and the next one is fresh.
          LOG.debugf("disbursement batch of %d tried again (%s)", work.size(), e.getMessage());
          continue;
        }
        if (failure == Failure.UNAVAILABLE || failure == Failure.RETRY) {
          count("unavailable");
          LOG.warnf("disbursement batch of %d not carried out: %s", work.size(), rootMessage(e));
          Unavailable unavailable =
              unavailable("the ledger's database is unavailable; nothing was written", e);
          work.forEach(p -> p.answer().completeExceptionally(unavailable));
          return;
        }
        if (work.size() > 1) {
          // One request the database refuses must not fail the others: answer them one by one.
          work.forEach(p -> answer(List.of(p)));
          return;
        }
        LOG.errorf(
            e,
            "%s %s failed",
            work.get(0).request().operation(),
            work.get(0).request().operationId());
        work.get(0).answer().completeExceptionally(e);
        return;
      }
    }
  }

  private Unavailable unavailable(String message, Throwable cause) {
    return new Unavailable(message, config.engine().retryAfterSeconds(), cause);
  }

  /** How a failed batch is handled. */
  enum Failure {
    RETRY,
    UNAVAILABLE,
    OTHER;

    static Failure of(Throwable failure) {
      for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
        if (t instanceof DisbursementBatch.RetryBatchException) {
          return RETRY;
        }
        if (t instanceof SQLException sql) {
          String state = sql.getSQLState();
          if (state != null
              && (state.equals("40P01") || state.equals("40001") || state.equals("23505"))) {
            return RETRY;
          }
          if (state != null
              && (state.startsWith("08") || state.startsWith("57P") || state.startsWith("53"))) {
            return UNAVAILABLE;
          }
          String message = String.valueOf(sql.getMessage()).toLowerCase(Locale.ROOT);
          if (message.contains("acquisition timeout") || message.contains("connection")) {
            return UNAVAILABLE;
          }
        }
      }
      return OTHER;
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.toString();
  }

  /**
   * {@code ledger_disbursements_total{outcome,cap_level,rule}}: what was paid, what each cap (or
   * other rule) refused; {@code ledger_engine_requests_total{outcome}} for what was not carried
   * out.
   */
  private void count(Outcome outcome) {
    if (outcome instanceof Outcome.Answered answered && !answered.replayed()) {
      Disbursement d = answered.disbursement();
      String outcomeName = d.status.name().toLowerCase(Locale.ROOT);
      String capLevel = d.capLevel == null ? "" : d.capLevel.name();
      String rule = d.rule == null ? "" : d.rule;
      counters
          .computeIfAbsent(
              outcomeName + "|" + capLevel + "|" + rule,
              k ->
                  registry.counter(
                      "ledger_disbursements_total",
                      "outcome",
                      outcomeName,
                      "cap_level",
                      capLevel,
                      "rule",
                      rule))
          .increment();
    }
  }

  private void count(String notCarriedOut) {
    counters
        .computeIfAbsent(
            "engine|" + notCarriedOut,
            k -> registry.counter("ledger_engine_requests_total", "outcome", notCarriedOut))
        .increment();
  }
}
