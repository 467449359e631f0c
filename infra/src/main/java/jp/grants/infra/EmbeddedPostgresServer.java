package jp.grants.infra;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A real PostgreSQL 17 server process, from the embedded binaries on Maven Central. Its data lives
 * in a folder of its own; it can be stopped and started again on the same port and data, which the
 * outage tests use.
 */
public final class EmbeddedPostgresServer implements Postgres {
  private final Path dataDirectory;
  private final int port;
  private final boolean deleteOnClose;
  private EmbeddedPostgres server;

  private EmbeddedPostgresServer(Path dataDirectory, int port, boolean deleteOnClose) {
    this.dataDirectory = dataDirectory;
    this.port = port;
    this.deleteOnClose = deleteOnClose;
  }

  /** Starts a server on a free port with its data in a new temporary folder. */
  public static EmbeddedPostgresServer startTemporary() {
    try {
      Path directory = Files.createTempDirectory("grants-pg-");
      return start(directory, FreePorts.next(), true);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static EmbeddedPostgresServer start(Path dataDirectory, int port, boolean deleteOnClose) {
    EmbeddedPostgresServer server = new EmbeddedPostgresServer(dataDirectory, port, deleteOnClose);
    server.start();
    return server;
  }

  public synchronized void start() {
    if (server != null) {
      return;
    }
    try {
      server =
          EmbeddedPostgres.builder()
              .setDataDirectory(dataDirectory)
              .setCleanDataDirectory(false)
              .setPort(port)
              .setPGStartupWait(Duration.ofSeconds(60))
              // Enough connections for three services, their tests and the benchmarks.
              .setServerConfig("max_connections", "300")
              .setServerConfig("fsync", "on")
              .start();
    } catch (IOException e) {
      throw new UncheckedIOException("PostgreSQL did not start in " + dataDirectory, e);
    }
  }

  /** Stops the server process, keeping its data, as an outage would. */
  public synchronized void stop() {
    if (server == null) {
      return;
    }
    try {
      server.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      server = null;
    }
  }

  public synchronized boolean isRunning() {
    return server != null;
  }

  @Override
  public String host() {
    return "127.0.0.1";
  }

  @Override
  public int port() {
    return port;
  }

  @Override
  public String username() {
    return "postgres";
  }

  @Override
  public String password() {
    return "postgres";
  }

  public Path dataDirectory() {
    return dataDirectory;
  }

  @Override
  public synchronized void close() {
    stop();
    if (deleteOnClose) {
      Directories.deleteRecursively(dataDirectory);
    }
  }

  @Override
  public String toString() {
    return "PostgreSQL 17 at 127.0.0.1:" + port + " (data in " + dataDirectory + ")";
  }
}
