package jp.grants.infra;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Quarkus test resource: points the application under test at the JVM's shared PostgreSQL server (a
 * new database of its own) and the shared Kafka broker. Use it with {@code restrictToAnnotatedClass
 * = false} once per module.
 *
 * <p>Init arg {@code database}: the database name prefix (default {@code test}).
 */
public class PostgresAndKafkaResource implements QuarkusTestResourceLifecycleManager {
  private String prefix = "test";

  @Override
  public void init(Map<String, String> initArgs) {
    prefix = initArgs.getOrDefault("database", prefix);
  }

  @Override
  public Map<String, String> start() {
    SharedInfrastructure infrastructure = SharedInfrastructure.get();
    String database = infrastructure.newDatabase(prefix);
    return InfrastructureProperties.of(
        infrastructure.postgres(), database, infrastructure.bootstrapServers());
  }

  @Override
  public void stop() {
    // The shared server and broker outlive each application; they stop when the JVM exits.
  }
}
