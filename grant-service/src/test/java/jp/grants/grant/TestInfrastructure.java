package jp.grants.grant;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import jp.grants.infra.PostgresAndKafkaResource;

/**
 * Every test of this module runs against the JVM's real PostgreSQL server (a database of its own)
 * and real Kafka broker.
 */
@QuarkusTestResource(
    value = PostgresAndKafkaResource.class,
    restrictToAnnotatedClass = false,
    initArgs = @ResourceArg(name = "database", value = "grant"))
public final class TestInfrastructure {
  private TestInfrastructure() {}
}
