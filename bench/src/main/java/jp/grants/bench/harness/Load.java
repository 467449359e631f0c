package jp.grants.bench.harness;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Drives operations from a number of client threads and counts what came of them. Closed loop: each
 * client starts its next operation when the last one answered (throughput). Paced: operations start
 * on a fixed schedule whatever the answers (latency at a given rate). Burst: every client makes
 * itself ready (e.g. opens its connection), then all are let go at once, closed loop.
 *
 * <p>Each client thread measures the CPU time it used itself ({@link Result#clientCpuNanos()}): the
 * load generator's own cost, apart from the rest of the benchmark JVM (JIT, GC, other threads).
 * What a client thread registered with {@link ThreadResources} (its sockets) is closed as it ends.
 */
public final class Load {
  private static final int ERROR_SAMPLES = 5;
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  /**
   * Enough for a client's calls (HTTP, JDBC); a burst of a thousand threads reserves a quarter of
   * the default.
   */
  private static final long BURST_STACK_BYTES = 256 * 1024;

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

  /** What a client does before the burst starts (e.g. open its connection), not timed. */
  @FunctionalInterface
  public interface Setup {
    void prepare(int client) throws Exception;
  }

  /**
   * Counts, the time the run took, the latency of every answered operation, and the CPU time the
   * client threads used (0 where the JVM cannot measure a thread's CPU time).
   */
  public record Result(
      long ok,
      long refused,
      long errors,
      Duration elapsed,
      Latencies latencies,
      List<String> errorSamples,
      long clientCpuNanos) {
    public Result(
        long ok,
        long refused,
        long errors,
        Duration elapsed,
        Latencies latencies,
        List<String> errorSamples) {
      this(ok, refused, errors, elapsed, latencies, errorSamples, 0);
    }

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

  /**
   * Runs until the duration is over or {@code maxOperations} were started, whichever comes first.
   */
  public static Result closed(
      int clients, Duration duration, long maxOperations, Operation operation) {
    Counters counters = new Counters();
    AtomicLong started = new AtomicLong();
    long deadline = System.nanoTime() + duration.toNanos();
    return runClients(
        clients,
        counters,
        client -> {
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
  public static Result paced(
      int clients, double perSecond, Duration duration, Operation operation) {
    Counters counters = new Counters();
    AtomicLong next = new AtomicLong();
    long total = Math.max(1, Math.round(perSecond * duration.toNanos() / 1e9));
    double intervalNanos = 1e9 / perSecond;
    long start = System.nanoTime();
    return runClients(
        clients,
        counters,
        client -> {
          for (long index = next.getAndIncrement(); index < total; index = next.getAndIncrement()) {
            long due = start + Math.round(index * intervalNanos);
            for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
              LockSupport.parkNanos(wait);
            }
            counters.time(operation, client, index);
          }
        });
  }

  /**
   * {@code operations} operations from {@code clients} threads (a thousand are fine): each client
   * runs {@code setup}, then waits until every client is ready; the clock starts when all are let
   * go at once, each taking the next operation until none is left. With as many clients as
   * operations, every operation is in flight at the same time.
   */
  public static Result burst(int clients, long operations, Setup setup, Operation operation) {
    Counters counters = new Counters();
    AtomicLong started = new AtomicLong();
    CountDownLatch ready = new CountDownLatch(clients);
    CountDownLatch go = new CountDownLatch(1);
    return runClients(
        clients,
        counters,
        BURST_STACK_BYTES,
        client -> {
          try {
            setup.prepare(client);
          } catch (InterruptedException e) {
            throw e;
          } catch (Exception e) {
            counters.error(
                new IllegalStateException("client " + client + " could not get ready: " + e, e));
          } finally {
            ready.countDown();
          }
          go.await();
          for (long index = started.getAndIncrement();
              index < operations;
              index = started.getAndIncrement()) {
            counters.time(operation, client, index);
          }
        },
        () -> {
          if (!ready.await(10, TimeUnit.MINUTES)) {
            throw new IllegalStateException("the clients were not ready in ten minutes");
          }
          long began = System.nanoTime();
          go.countDown();
          return began;
        });
  }

  private interface Client {
    void run(int client) throws InterruptedException;
  }

  /** When a burst's clock starts (null: as the first client thread is started). */
  private interface Start {
    long await() throws InterruptedException;
  }

  private static Result runClients(int clients, Counters counters, Client body) {
    return runClients(clients, counters, 0, body, null);
  }

  private static Result runClients(
      int clients, Counters counters, long stackBytes, Client body, Start start) {
    CountDownLatch done = new CountDownLatch(clients);
    List<Thread> threads = new ArrayList<>();
    AtomicLong cpuNanos = new AtomicLong();
    long began = System.nanoTime();
    for (int i = 0; i < clients; i++) {
      int client = i;
      Thread thread =
          new Thread(
              null,
              () -> {
                try {
                  body.run(client);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                } finally {
                  ThreadResources.closeAll();
                  cpuNanos.addAndGet(Math.max(0, threadCpuNanos()));
                  done.countDown();
                }
              },
              "bench-client-" + i,
              stackBytes);
      thread.setDaemon(true);
      threads.add(thread);
      thread.start();
    }
    try {
      if (start != null) {
        began = start.await();
      }
      if (!done.await(2, TimeUnit.HOURS)) {
        throw new IllegalStateException("the clients did not finish in two hours");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      threads.forEach(Thread::interrupt);
      throw new IllegalStateException("interrupted", e);
    }
    Duration elapsed = Duration.ofNanos(System.nanoTime() - began);
    return new Result(
        counters.ok.get(),
        counters.refused.get(),
        counters.errors.get(),
        elapsed,
        counters.latencies,
        List.copyOf(counters.samples),
        cpuNanos.get());
  }

  /** The calling thread's CPU time since it started; -1 where not supported. */
  private static long threadCpuNanos() {
    try {
      return THREADS.isCurrentThreadCpuTimeSupported() ? THREADS.getCurrentThreadCpuTime() : -1;
    } catch (UnsupportedOperationException e) {
      return -1;
    }
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
        error(e);
      }
    }

    void error(Exception e) {
      if (errors.incrementAndGet() <= ERROR_SAMPLES) {
        samples.add(e.toString());
      }
    }
  }
}
