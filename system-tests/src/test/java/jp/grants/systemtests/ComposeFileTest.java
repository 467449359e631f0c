package jp.grants.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jp.grants.launcher.Service;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * docker-compose.yml (no Docker here to run it) checked against what the services themselves
 * declare: ports, configuration names, databases, topics, images.
 */
class ComposeFileTest {
  private static Map<String, Object> compose;
  private static Map<String, Object> services;

  @BeforeAll
  static void readComposeFile() {
    compose = new Yaml().load(ProjectFiles.read(ProjectFiles.file("docker-compose.yml")));
    services = map(compose, "services");
  }

  @Test
  void shouldRunTheThreeServicesPostgresAndKafka() {
    Set<String> expected = new TreeSet<>(Set.of("postgres", "kafka", "kafka-topics"));
    for (Service service : Service.values()) {
      expected.add(service.moduleName());
    }
    assertThat(services.keySet()).containsExactlyInAnyOrderElementsOf(expected);
  }

  @Test
  void shouldPublishEachServiceOnItsOwnHttpPort() {
    for (Service service : Service.values()) {
      int port = ProjectFiles.httpPort(service);
      Map<String, Object> definition = map(services, service.moduleName());
      assertThat(list(definition, "ports"))
          .as(service + " ports")
          .containsExactly(port + ":" + port);
      assertThat(String.valueOf(map(definition, "healthcheck").get("test")))
          .as(service + " health check")
          .contains("http://localhost:" + port + "/q/health/ready");
      Path dockerfile =
          ProjectFiles.root()
              .resolve(String.valueOf(map(definition, "build").get("context")))
              .resolve(String.valueOf(map(definition, "build").get("dockerfile")))
              .normalize();
      assertThat(dockerfile)
          .as(service + " Dockerfile")
          .isEqualTo(ProjectFiles.file(service.moduleName() + "/src/main/docker/Dockerfile.jvm"));
      String text = ProjectFiles.read(dockerfile);
      assertThat(text)
          .as(dockerfile.toString())
          .contains("EXPOSE " + port + "\n")
          .contains("COPY --chown=185 target/quarkus-app/lib/ /deployments/lib/")
          .contains("JAVA_APP_JAR=\"/deployments/quarkus-run.jar\"");
      assertThat(String.valueOf(definition.get("image")))
          .startsWith("ghcr.io/jp-grants/" + service.moduleName() + ":");
      assertThat(map(definition, "depends_on")).containsKeys("postgres", "kafka-topics");
    }
  }

  @Test
  void shouldConfigureEachServiceOnlyThroughPropertiesItDefines() {
    for (Service service : Service.values()) {
      Map<String, Object> environment = map(map(services, service.moduleName()), "environment");
      assertThat(environment)
          .as(service + " environment")
          .containsKeys(
              "QUARKUS_DATASOURCE_JDBC_URL",
              "QUARKUS_DATASOURCE_USERNAME",
              "QUARKUS_DATASOURCE_PASSWORD",
              "KAFKA_BOOTSTRAP_SERVERS",
              "MP_JWT_VERIFY_PUBLICKEY_LOCATION",
              "MP_JWT_VERIFY_ISSUER");
      assertThat(ProjectFiles.environmentNames(service))
          .as(service + " application.properties, as environment names")
          .containsAll(environment.keySet());
    }
  }

  @Test
  void shouldMountThePublicKeyWhereTheServicesLookForIt() {
    for (Service service : Service.values()) {
      Map<String, Object> definition = map(services, service.moduleName());
      String location =
          String.valueOf(map(definition, "environment").get("MP_JWT_VERIFY_PUBLICKEY_LOCATION"));
      assertThat(location).startsWith("file:");
      List<String> targets = new ArrayList<>();
      for (Object volume : list(definition, "volumes")) {
        targets.add(String.valueOf(((Map<?, ?>) volume).get("target")));
      }
      assertThat(targets).as(service + " volumes").contains(location.substring("file:".length()));
    }
  }

  @Test
  void shouldCreateExactlyTheDatabasesTheServicesUse() {
    Set<String> created = new TreeSet<>();
    Matcher matcher =
        Pattern.compile("(?i)CREATE DATABASE\\s+(\\w+)")
            .matcher(
                ProjectFiles.read(ProjectFiles.file("deploy/compose/initdb/01-databases.sql")));
    while (matcher.find()) {
      created.add(matcher.group(1));
    }
    Map<String, Object> postgres = map(services, "postgres");
    assertThat(String.valueOf(postgres.get("image"))).isEqualTo("postgres:17");
    assertThat(list(postgres, "volumes"))
        .contains("./deploy/compose/initdb:/docker-entrypoint-initdb.d:ro");
    Set<String> used = new TreeSet<>();
    for (Service service : Service.values()) {
      Map<String, Object> environment = map(map(services, service.moduleName()), "environment");
      URI url =
          URI.create(
              String.valueOf(environment.get("QUARKUS_DATASOURCE_JDBC_URL"))
                  .substring("jdbc:".length()));
      assertThat(url.getHost()).as(service + " database host").isEqualTo("postgres");
      assertThat(url.getPath()).isEqualTo("/" + service.database());
      assertThat(environment.get("QUARKUS_DATASOURCE_USERNAME"))
          .isEqualTo(map(postgres, "environment").get("POSTGRES_USER"));
      used.add(service.database());
    }
    assertThat(created).isEqualTo(used);
  }

  @Test
  void shouldRunApacheKafkaInKRaftModeWithTheContractTopics() {
    Map<String, Object> kafka = map(services, "kafka");
    assertThat(String.valueOf(kafka.get("image"))).isEqualTo("apache/kafka:4.1.1");
    Map<String, Object> environment = map(kafka, "environment");
    assertThat(String.valueOf(environment.get("KAFKA_PROCESS_ROLES")))
        .isEqualTo("broker,controller");
    assertThat(String.valueOf(environment.get("KAFKA_CONTROLLER_QUORUM_VOTERS")))
        .startsWith(environment.get("KAFKA_NODE_ID") + "@kafka:");
    assertThat(environment).doesNotContainKey("KAFKA_ZOOKEEPER_CONNECT");
    assertThat(String.valueOf(environment.get("CLUSTER_ID"))).matches("[A-Za-z0-9_-]{22}");
    String advertised = String.valueOf(environment.get("KAFKA_ADVERTISED_LISTENERS"));
    for (Service service : Service.values()) {
      String servers =
          String.valueOf(
              map(map(services, service.moduleName()), "environment")
                  .get("KAFKA_BOOTSTRAP_SERVERS"));
      assertThat(advertised)
          .as(service + " bootstrap servers among the advertised listeners")
          .contains("://" + servers);
    }

    Map<String, Object> topics = map(services, "kafka-topics");
    assertThat(topics.get("image")).isEqualTo(kafka.get("image"));
    Set<String> created = new TreeSet<>();
    Matcher matcher =
        Pattern.compile("--topic\\s+(\\S+)").matcher(String.valueOf(topics.get("command")));
    while (matcher.find()) {
      created.add(matcher.group(1));
    }
    assertThat(created).isEqualTo(ProjectFiles.contractTopics());
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Map<String, Object> parent, String key) {
    Object value = parent.get(key);
    assertThat(value).as(key).isInstanceOf(Map.class);
    return (Map<String, Object>) value;
  }

  @SuppressWarnings("unchecked")
  static List<Object> list(Map<String, Object> parent, String key) {
    Object value = parent.get(key);
    assertThat(value).as(key).isInstanceOf(List.class);
    return (List<Object>) value;
  }
}
