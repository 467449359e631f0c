package jp.grants.infra;

import java.net.URI;

/** A PostgreSQL server that somebody else runs, named by a JDBC URL. It is never stopped here. */
public record ExternalPostgres(String host, int port, String username, String password)
    implements Postgres {

  /** From {@code jdbc:postgresql://host:port/anything}. */
  public static ExternalPostgres fromJdbcUrl(String jdbcUrl, String username, String password) {
    URI uri = URI.create(jdbcUrl.substring("jdbc:".length()));
    int port = uri.getPort() < 0 ? 5432 : uri.getPort();
    return new ExternalPostgres(uri.getHost(), port, username, password == null ? "" : password);
  }

  @Override
  public void close() {}

  @Override
  public String toString() {
    return "PostgreSQL at " + host + ":" + port + " (external)";
  }
}
