package jp.grants.infra;

import java.util.HashMap;
import java.util.Map;

/** The Quarkus configuration that points a service at a database and a broker. */
public final class InfrastructureProperties {
  private InfrastructureProperties() {}

  public static Map<String, String> of(
      Postgres postgres, String database, String bootstrapServers) {
    Map<String, String> properties = new HashMap<>();
    properties.put("quarkus.datasource.jdbc.url", postgres.jdbcUrl(database));
    properties.put("quarkus.datasource.username", postgres.username());
    properties.put("quarkus.datasource.password", postgres.password());
    properties.put("kafka.bootstrap.servers", bootstrapServers);
    properties.put(
        "mp.jwt.verify.publickey.location", JwtKeys.shared().publicKey().toUri().toString());
    return properties;
  }
}
