package jp.grants.infra;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Quarkus test resource for outage tests: a PostgreSQL server and a Kafka broker of the test's
 * own, which the test may stop and start again through {@link #postgres()} and {@link #kafka()}
 * without disturbing the shared ones. Use with {@code restrictToAnnotatedClass = true}.
 */
public class DedicatedInfrastructureResource implements QuarkusTestResourceLifecycleManager {
  private static volatile EmbeddedPostgresServer postgres;
  private static volatile KafkaBroker kafka;

  @Override
  public Map<String, String> start() {
    postgres = EmbeddedPostgresServer.startTemporary();
    kafka = KafkaBroker.startTemporary();
    kafka.createTopics(SharedInfrastructure.TOPICS);
    postgres.createDatabase("outage");
    return InfrastructureProperties.of(postgres, "outage", kafka.bootstrapServers());
  }

  @Override
  public void stop() {
    if (kafka != null) {
      kafka.close();
    }
    if (postgres != null) {
      postgres.close();
    }
  }

  public static EmbeddedPostgresServer postgres() {
    return postgres;
  }

  public static KafkaBroker kafka() {
    return kafka;
  }
}
