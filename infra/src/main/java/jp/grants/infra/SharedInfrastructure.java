package jp.grants.infra;

import java.util.Map;
import java.util.UUID;
import jp.grants.contracts.Topics;

/**
 * One PostgreSQL server and one Kafka broker per JVM, started on first use and stopped when the JVM
 * exits. Every test class of a module shares them; each Quarkus application under test gets a
 * database of its own, so runs never disturb each other or a developer's data.
 *
 * <p>Quarkus loads test resources in more than one class loader, so the servers' coordinates are
 * kept in system properties: whichever loader comes second attaches to what the first started.
 *
 * <p>A PostgreSQL server named by {@code QUARKUS_DATASOURCE_JDBC_URL} (with {@code
 * QUARKUS_DATASOURCE_USERNAME} and {@code QUARKUS_DATASOURCE_PASSWORD}) is used as it is, with new
 * databases made on it; otherwise a real PostgreSQL 17 server is started from the embedded
 * binaries. The broker is always a real one of our own.
 */
public final class SharedInfrastructure {
  /** Partitions of each topic: enough to show that keys keep each grant's events in order. */
  public static final Map<String, Integer> TOPICS =
      Map.of(
          Topics.GRANT_EVENTS,
          3,
          Topics.LEDGER_EVENTS,
          3,
          Topics.REVIEW_EVENTS,
          3,
          Topics.AUDIT_CHECKPOINTS,
          1,
          Topics.REVIEW_CHECKPOINTS,
          1,
          Topics.LEDGER_CHECKPOINTS,
          1,
          Topics.CALL_EVENTS,
          3);

  private static final String POSTGRES = "jp.grants.infra.postgres";
  private static final String KAFKA = "jp.grants.infra.kafka";
  private static final String KAFKA_PROCESS = "jp.grants.infra.kafka.process";
  private static SharedInfrastructure instance;

  private final Postgres postgres;
  private final String bootstrapServers;

  private SharedInfrastructure(Postgres postgres, String bootstrapServers) {
    this.postgres = postgres;
    this.bootstrapServers = bootstrapServers;
  }

  public static SharedInfrastructure get() {
    synchronized (System.class) { // one lock for every class loader of this JVM
      if (instance == null) {
        instance = attach();
      }
      if (instance == null) {
        instance = startNew();
      }
      return instance;
    }
  }

  private static SharedInfrastructure attach() {
    String postgres = System.getProperty(POSTGRES);
    String kafka = System.getProperty(KAFKA);
    if (postgres == null || kafka == null) {
      return null;
    }
    String[] parts = postgres.split("\\|", 4);
    return new SharedInfrastructure(
        new ExternalPostgres(parts[0], Integer.parseInt(parts[1]), parts[2], parts[3]), kafka);
  }

  private static SharedInfrastructure startNew() {
    Postgres postgres = postgresFromEnvironment();
    KafkaBroker kafka = KafkaBroker.startTemporary();
    kafka.createTopics(TOPICS);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  brokerHandle()
                      .kill(); // the broker may have been restarted as another process since
                  kafka.close();
                  postgres.close();
                },
                "infra-shutdown"));
    System.setProperty(
        POSTGRES,
        String.join(
            "|",
            postgres.host(),
            String.valueOf(postgres.port()),
            postgres.username(),
            postgres.password()));
    System.setProperty(KAFKA, kafka.bootstrapServers());
    recordBroker(kafka);
    return new SharedInfrastructure(postgres, kafka.bootstrapServers());
  }

  static Postgres postgresFromEnvironment() {
    String url = System.getenv("QUARKUS_DATASOURCE_JDBC_URL");
    if (url != null && !url.isBlank()) {
      return ExternalPostgres.fromJdbcUrl(
          url,
          System.getenv("QUARKUS_DATASOURCE_USERNAME"),
          System.getenv("QUARKUS_DATASOURCE_PASSWORD"));
    }
    return EmbeddedPostgresServer.startTemporary();
  }

  private static void recordBroker(KafkaBroker kafka) {
    System.setProperty(
        KAFKA_PROCESS,
        String.join(
            "|",
            kafka.directory().toString(),
            String.valueOf(kafka.port()),
            String.valueOf(kafka.controllerPort()),
            String.valueOf(kafka.pid())));
  }

  /**
   * Kills the shared broker, as a crash would, until {@link #restartKafka()}: for tests that prove
   * nothing is lost while Kafka is away. Whichever class loader started it, this works.
   */
  public static void killKafka() {
    synchronized (System.class) {
      brokerHandle().kill();
    }
  }

  /** Starts the shared broker again on its ports and data, and waits until it serves. */
  public static void restartKafka() {
    synchronized (System.class) {
      KafkaBroker broker = brokerHandle();
      broker.start();
      recordBroker(broker);
    }
  }

  private static KafkaBroker brokerHandle() {
    String[] parts = System.getProperty(KAFKA_PROCESS).split("\\|");
    return KafkaBroker.existing(
        java.nio.file.Path.of(parts[0]),
        Integer.parseInt(parts[1]),
        Integer.parseInt(parts[2]),
        Long.parseLong(parts[3]));
  }

  public Postgres postgres() {
    return postgres;
  }

  public String bootstrapServers() {
    return bootstrapServers;
  }

  /** A new, empty database with a name no other run uses. */
  public String newDatabase(String prefix) {
    String name = prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    postgres.createDatabase(name);
    return name;
  }
}
