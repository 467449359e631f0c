package jp.grants.bench;

import java.time.Duration;

/**
 * How much work each scenario does: the full run's sizes are the issue's; the smoke run's are tiny,
 * so that the test suite can run every scenario in a few seconds each.
 */
public record Sizes(
    String mode,
    // 1. command append
    int appendClients,
    int appendWarmup,
    int appendMeasured,
    Duration rawDuration,
    // 2. replay
    int replayEvents,
    int replaySmallEvents,
    int replayWarmup,
    int replayIterations,
    int replayBuildClients,
    // 3. publication
    Duration pacedDuration,
    double pacedMaxRate,
    int publicationBurst,
    // 4. cap-checked disbursements
    int capGrants,
    int capClients,
    Duration capWarmup,
    Duration capDuration,
    int capRaceAttempts,
    // 5. read model
    int readModelEvents,
    int readModelRawThreads,
    int readModelBatch,
    // 6. start-up: restarts per service, and the seconds over which the idle work is counted
    int restarts,
    int idleSeconds,
    // 7. disbursement storm: requests per storm, the payments the grant-year has room for, the
    // clients
    // of the first storm and of the second (all its requests in flight at once), raw JDBC clients
    // at most
    int stormRequests,
    int stormPayments,
    int stormClients,
    int stormBurstClients,
    int stormRawClients,
    // waiting
    Duration quietTimeout,
    Duration readyTimeout) {

  public static Sizes full() {
    return new Sizes(
        "full",
        16,
        300,
        8_000,
        Duration.ofSeconds(20),
        10_000,
        1_000,
        3,
        20,
        4,
        Duration.ofSeconds(30),
        100,
        30_000,
        1_000,
        32,
        Duration.ofSeconds(10),
        Duration.ofSeconds(20),
        4,
        100_000,
        4,
        100,
        3,
        30,
        1_000,
        106,
        150,
        1_000,
        150,
        Duration.ofMinutes(15),
        Duration.ofMinutes(3));
  }

  public static Sizes smoke() {
    return new Sizes(
        "smoke",
        16,
        32,
        160,
        Duration.ofSeconds(2),
        200,
        60,
        1,
        3,
        4,
        Duration.ofSeconds(4),
        25,
        1_000,
        32,
        32,
        Duration.ofSeconds(1),
        Duration.ofSeconds(2),
        2,
        3_000,
        4,
        100,
        1,
        3,
        60,
        7,
        20,
        60,
        60,
        Duration.ofMinutes(2),
        Duration.ofMinutes(3));
  }

  public boolean smokeMode() {
    return mode.equals("smoke");
  }
}
