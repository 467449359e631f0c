package jp.grants.bench.harness;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Drives operations from a number of client threads and counts what came of them. Closed loop:
 * each client starts its next operation when the last one answered (throughput). Paced: operations
 * start on a fixed schedule whatever the answers (latency at a given rate).
 */
public final class Load {
  private static final int ERROR_SAMPLES = 5;

  private Load() {}

  /** What an operation's answer was; an exception is an error. */
  public enum Outcome {
    /** Done as asked (e.g. 201). */
    OK,
    /** Refused by a rule, as designed (e.g. a cap's 409): a decision, not a failure. */
    REFUSED
  }

  @FunctionalInterface
  public interface Operation {
    /**
     * @param client the client thread, 0 to clients - 1
     * @param index the operation's number in this run, from 0
     */
    Outcome run(int client, long index) throws Exception;
  }

  /** Counts, the time the run took and the latency of every answered operation. */
  public record Result(long ok, long refused, long errors, Duration elapsed, Latencies latencies, List<String> errorSamples) {
    public long answered() {
      return ok + refused;
    }

    /** Answered operations per second. */
    public double rate() {
      return answered() / seconds();
    }

    public double okRate() {
      return ok / seconds();
    }

    public double seconds() {
      return Math.max(1e-9, elapsed.toNanos() / 1e9);
    }
  }

  /** Runs until the duration is over or {@code maxOperations} were started, whichever comes first. */
  public static Result closed(int clients, Duration duration, long maxOperations, Operation operation) {
    Counters counters = new Counters();
    AtomicLong started = new AtomicLong();
    long deadline = System.nanoTime() + duration.toNanos();
    return runClients(clients, counters, client -> {
      while (System.nanoTime() < deadline) {
        long index = started.getAndIncrement();
        if (index >= maxOperations) {
          return;
        }
        counters.time(operation, client, index);
      }
    });
  }

  /** Starts {@code perSecond} operations a second for the duration, spread over the clients. */
  public static Result paced(int clients, double perSecond, Duration duration, Operation operation) {
    Counters counters = new Counters();
    AtomicLong next = new AtomicLong();
    long total = Math.max(1, Math.round(perSecond * duration.toNanos() / 1e9));
    double intervalNanos = 1e9 / perSecond;
    long start = System.nanoTime();
    return runClients(clients, counters, client -> {
      for (long index = next.getAndIncrement(); index < total; index = next.getAndIncrement()) {
        long due = start + Math.round(index * intervalNanos);
        for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
          LockSupport.parkNanos(wait);
        }
        counters.time(operation, client, index);
      }
    });
  }

  private interface Client {
    void run(int client) throws InterruptedException;
  }

  private static Result runClients(int clients, Counters counters, Client body) {
    CountDownLatch done = new CountDownLatch(clients);
    List<Thread> threads = new ArrayList<>();
    long began = System.nanoTime();
    for (int i = 0; i < clients; i++) {
      int client = i;
      Thread thread = new Thread(() -> {
        try {
          body.run(client);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        } finally {
          done.countDown();
        }
      }, "bench-client-" + i);
      thread.setDaemon(true);
      threads.add(thread);
      thread.start();
    }
    try {
      if (!done.await(2, TimeUnit.HOURS)) {
        throw new IllegalStateException("the clients did not finish in two hours");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      threads.forEach(Thread::interrupt);
      throw new IllegalStateException("interrupted", e);
    }
    Duration elapsed = Duration.ofNanos(System.nanoTime() - began);
    return new Result(counters.ok.get(), counters.refused.get(), counters.errors.get(), elapsed, counters.latencies,
        List.copyOf(counters.samples));
  }

  private static final class Counters {
    final AtomicLong ok = new AtomicLong();
    final AtomicLong refused = new AtomicLong();
    final AtomicLong errors = new AtomicLong();
    final Latencies latencies = new Latencies();
    final List<String> samples = Collections.synchronizedList(new ArrayList<>());

    void time(Operation operation, int client, long index) throws InterruptedException {
      long t0 = System.nanoTime();
      try {
        Outcome outcome = operation.run(client, index);
        latencies.recordNanos(System.nanoTime() - t0);
        (outcome == Outcome.OK ? ok : refused).incrementAndGet();
      } catch (InterruptedException e) {
        throw e;
      } catch (Exception e) {
        if (errors.incrementAndGet() <= ERROR_SAMPLES) {
          samples.add(e.toString());
        }
      }
    }
  }
}
