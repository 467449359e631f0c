package jp.grants.infra;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * A real single-node Apache Kafka broker (KRaft, combined broker and controller) in its own JVM,
 * built from the Apache Kafka artifacts on Maven Central. Its data lives in a folder of its own; it
 * can be killed and started again on the same ports and data, which the outage tests use.
 */
public final class KafkaBroker implements AutoCloseable {
  private static final String CLASSPATH_RESOURCE = "kafka-broker.classpath";
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);

  private final Path directory;
  private final int port;
  private final int controllerPort;
  private final boolean deleteOnClose;
  private Process process;
  private ProcessHandle adopted;

  private KafkaBroker(Path directory, int port, int controllerPort, boolean deleteOnClose) {
    this.directory = directory;
    this.port = port;
    this.controllerPort = controllerPort;
    this.deleteOnClose = deleteOnClose;
  }

  /**
   * A handle on a broker that another class loader of this JVM started (see {@link
   * SharedInfrastructure}): it can be killed through its process id and started again from its
   * folder, on its ports.
   */
  static KafkaBroker existing(Path directory, int port, int controllerPort, long pid) {
    KafkaBroker broker = new KafkaBroker(directory, port, controllerPort, false);
    broker.adopted = ProcessHandle.of(pid).orElse(null);
    return broker;
  }

  /** Formats a new broker on free ports with its data in a new temporary folder, and starts it. */
  public static KafkaBroker startTemporary() {
    try {
      Path directory = Files.createTempDirectory("grants-kafka-");
      KafkaBroker broker = new KafkaBroker(directory, FreePorts.next(), FreePorts.next(), true);
      broker.format();
      broker.start();
      return broker;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String bootstrapServers() {
    return "127.0.0.1:" + port;
  }

  public int port() {
    return port;
  }

  public Path directory() {
    return directory;
  }

  private void format() throws IOException {
    Files.writeString(directory.resolve("server.properties"), serverProperties());
    List<String> command = javaCommand("kafka.tools.StorageTool");
    command.addAll(
        List.of(
            "format",
            "-t",
            newClusterId(),
            "-c",
            directory.resolve("server.properties").toString()));
    Process formatting =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(directory.resolve("format.log").toFile())
            .start();
    try {
      if (!formatting.waitFor(120, TimeUnit.SECONDS) || formatting.exitValue() != 0) {
        formatting.destroyForcibly();
        throw new IllegalStateException(
            "formatting the Kafka storage failed: "
                + Files.readString(directory.resolve("format.log")));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while formatting Kafka storage", e);
    }
  }

  /**
   * Starts the broker process (again, after {@link #kill()} or {@link #stop()}) and waits until it
   * serves.
   */
  public synchronized void start() {
    if (isRunning()) {
      return;
    }
    try {
      List<String> command = javaCommand("kafka.Kafka");
      command.add(directory.resolve("server.properties").toString());
      process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(
                  ProcessBuilder.Redirect.appendTo(directory.resolve("broker.log").toFile()))
              .start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the Kafka broker", e);
    }
    awaitReady();
  }

  private void awaitReady() {
    Instant deadline = Instant.now().plus(READY_TIMEOUT);
    Exception last = null;
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "the Kafka broker exited: see " + directory.resolve("broker.log"));
      }
      try (Admin admin = admin()) {
        admin.describeCluster().nodes().get(5, TimeUnit.SECONDS);
        return;
      } catch (ExecutionException | TimeoutException e) {
        last = e;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    throw new IllegalStateException("the Kafka broker was not ready in " + READY_TIMEOUT, last);
  }

  /** Creates the topics unless they exist: name → number of partitions. */
  public void createTopics(Map<String, Integer> partitionsByTopic) {
    try (Admin admin = admin()) {
      List<NewTopic> topics = new ArrayList<>();
      partitionsByTopic.forEach(
          (name, partitions) -> topics.add(new NewTopic(name, partitions, (short) 1)));
      for (var result : admin.createTopics(topics).values().values()) {
        try {
          result.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
          if (!(e.getCause() instanceof TopicExistsException)) {
            throw new IllegalStateException(
                "cannot create topics " + partitionsByTopic.keySet(), e);
          }
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (TimeoutException e) {
      throw new IllegalStateException("topics not created in time", e);
    }
  }

  public Admin admin() {
    Properties properties = new Properties();
    properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    properties.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000);
    properties.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10000);
    return Admin.create(properties);
  }

  /** Kills the broker process at once, as a crash would. Its data stays. */
  public synchronized void kill() {
    if (adopted != null) {
      adopted.destroyForcibly();
      adopted.onExit().join();
      adopted = null;
    }
    if (process != null) {
      process.destroyForcibly();
      waitForExit();
    }
  }

  /** Stops the broker process in an orderly way. Its data stays. */
  public synchronized void stop() {
    if (process != null && process.isAlive()) {
      process.destroy();
      try {
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
          process.destroyForcibly();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        process.destroyForcibly();
      }
      waitForExit();
    }
  }

  private void waitForExit() {
    try {
      process.onExit().get(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("the Kafka broker did not exit", e);
    }
  }

  public synchronized boolean isRunning() {
    return (process != null && process.isAlive()) || (adopted != null && adopted.isAlive());
  }

  public synchronized long pid() {
    return process != null ? process.pid() : adopted.pid();
  }

  int controllerPort() {
    return controllerPort;
  }

  @Override
  public synchronized void close() {
    stop();
    if (deleteOnClose) {
      Directories.deleteRecursively(directory);
    }
  }

  private String serverProperties() {
    return String.join(
            "\n",
            "process.roles=broker,controller",
            "node.id=1",
            "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
            "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
            "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
            "inter.broker.listener.name=PLAINTEXT",
            "controller.listener.names=CONTROLLER",
            "listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT",
            "log.dirs=" + directory.resolve("data"),
            "num.partitions=3",
            "auto.create.topics.enable=true",
            "offsets.topic.replication.factor=1",
            "offsets.topic.num.partitions=6",
            "transaction.state.log.replication.factor=1",
            "transaction.state.log.min.isr=1",
            "transaction.state.log.num.partitions=6",
            "share.coordinator.state.topic.replication.factor=1",
            "share.coordinator.state.topic.min.isr=1",
            "group.initial.rebalance.delay.ms=0",
            "log.flush.interval.messages=9223372036854775807",
            "")
        + "\n";
  }

  private static String newClusterId() {
    byte[] bytes = new byte[16];
    new SecureRandom().nextBytes(bytes);
    bytes[0] &= 0x3f; // Kafka rejects ids whose text starts with '-'
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static List<String> javaCommand(String mainClass) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(
        List.of(
            "-Xms128m",
            "-Xmx768m",
            "-XX:+UseG1GC",
            "-Djava.awt.headless=true",
            "-Dlog4j2.level=WARN",
            "-cp",
            brokerClasspath(),
            mainClass));
    return command;
  }

  private static String brokerClasspath() {
    try (InputStream in = KafkaBroker.class.getResourceAsStream(CLASSPATH_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(
            CLASSPATH_RESOURCE
                + " is missing: build the kafka-broker module first (./mvnw install)");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public String toString() {
    return "Kafka broker at " + bootstrapServers() + " (data in " + directory + ")";
  }
}
