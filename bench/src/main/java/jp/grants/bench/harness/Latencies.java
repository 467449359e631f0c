package jp.grants.bench.harness;

import java.util.concurrent.TimeUnit;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/** Latencies of one run, recorded from many threads, in microseconds (HdrHistogram, 3 digits). */
public final class Latencies {
  /** An hour: nothing the benchmarks time takes longer. */
  private static final long HIGHEST_MICROS = TimeUnit.HOURS.toMicros(1);

  private final Histogram histogram = new ConcurrentHistogram(HIGHEST_MICROS, 3);

  public void recordNanos(long nanos) {
    recordMicros(Math.max(1, TimeUnit.NANOSECONDS.toMicros(nanos)));
  }

  public void recordMicros(long micros) {
    histogram.recordValue(Math.min(HIGHEST_MICROS, Math.max(1, micros)));
  }

  /** Both runs' latencies together (e.g. the raw baseline measured before and after the system). */
  public static Latencies merged(Latencies first, Latencies second) {
    Latencies merged = new Latencies();
    merged.histogram.add(first.histogram);
    merged.histogram.add(second.histogram);
    return merged;
  }

  public long count() {
    return histogram.getTotalCount();
  }

  public double percentileMillis(double percentile) {
    return count() == 0 ? Double.NaN : histogram.getValueAtPercentile(percentile) / 1000.0;
  }

  public double meanMillis() {
    return count() == 0 ? Double.NaN : histogram.getMean() / 1000.0;
  }

  /** p50 and p99 in milliseconds, for a report. */
  public Latency summary() {
    return count() == 0 ? null : new Latency(percentileMillis(50), percentileMillis(99), count());
  }

  /** The p50 and p99 of a run, in milliseconds. */
  public record Latency(double p50Ms, double p99Ms, long samples) {}
}
