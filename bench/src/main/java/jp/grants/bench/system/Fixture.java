package jp.grants.bench.system;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;
import jp.grants.bench.harness.Load;

/**
 * The grants the scenarios share: awarded WPI grants, made through the REST API on demand, and the
 * annual follow-ups still to be reported on them (one per grant and fiscal year).
 */
public final class Fixture {
  /** As many clients as scenario 1 uses. */
  private static final int CLIENTS = 16;

  private final GrantApi grants;
  private final Consumer<String> log;
  private final List<UUID> awarded = Collections.synchronizedList(new ArrayList<>());
  private final Queue<FollowUp> followUps = new ConcurrentLinkedQueue<>();

  /** A follow-up still to be reported. */
  public record FollowUp(UUID grant, int fiscalYear) {}

  public Fixture(GrantApi grants, Consumer<String> log) {
    this.grants = grants;
    this.log = log;
  }

  public GrantApi api() {
    return grants;
  }

  /** At least {@code count} awarded grants; the first {@code count} of them. */
  public List<UUID> awardedGrants(int count) {
    int missing = count - awarded.size();
    if (missing > 0) {
      create(missing);
    }
    synchronized (awarded) {
      return List.copyOf(awarded.subList(0, count));
    }
  }

  /**
   * Makes sure {@code count} follow-ups are waiting, awarding new grants (ten years each) if
   * needed.
   */
  public void ensureFollowUps(int count) {
    int missing = count - followUps.size();
    if (missing > 0) {
      create((missing + GrantApi.YEARS - 1) / GrantApi.YEARS);
    }
  }

  /** The next follow-up, or null when none is left; consecutive ones are for different grants. */
  public FollowUp nextFollowUp() {
    return followUps.poll();
  }

  public int awardedCount() {
    return awarded.size();
  }

  public int followUpsLeft() {
    return followUps.size();
  }

  private void create(int count) {
    log.accept(
        "awarding "
            + count
            + " WPI grants through the REST APIs (submit, screen; the committee's review"
            + " assigned, scored and decided in review-service) ...");
    // In three passes, so that the asynchronous hops (the screening opening the review, the
    // review's
    // decision reaching the grant) overlap across the batch instead of being waited for one by one.
    List<UUID> made = Collections.synchronizedList(new ArrayList<>());
    long started = System.nanoTime();
    Load.Result result =
        Load.closed(
            Math.min(CLIENTS, count),
            Duration.ofHours(1),
            count,
            (client, index) -> {
              made.add(grants.screenedGrant());
              return Load.Outcome.OK;
            });
    if (result.errors() > 0) {
      throw new IllegalStateException(
          "screening grants failed " + result.errors() + " times: " + result.errorSamples());
    }
    List<UUID> batch = List.copyOf(made);
    for (boolean decide : new boolean[] {true, false}) {
      Load.Result pass =
          Load.closed(
              Math.min(CLIENTS, count),
              Duration.ofHours(1),
              batch.size(),
              (client, index) -> {
                UUID grant = batch.get((int) index);
                if (decide) {
                  grants.decideAward(grant);
                } else {
                  grants.awaitAwarded(grant);
                }
                return Load.Outcome.OK;
              });
      if (pass.errors() > 0) {
        throw new IllegalStateException(
            "awarding grants failed " + pass.errors() + " times: " + pass.errorSamples());
      }
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    awarded.addAll(batch);
    // Year by year across the batch: clients taking follow-ups one after another work on different
    // grants.
    for (int year = 0; year < GrantApi.YEARS; year++) {
      for (UUID grant : batch) {
        followUps.add(new FollowUp(grant, GrantApi.START_FISCAL_YEAR + year));
      }
    }
    log.accept(
        String.format(
            "awarded %d grants in %.1f s (%.0f commands/s: submit, screen, assign, score, decide)",
            count, seconds, 5 * count / seconds));
  }
}
