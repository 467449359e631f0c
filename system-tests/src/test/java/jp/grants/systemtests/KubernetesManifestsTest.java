package jp.grants.systemtests;

import static jp.grants.systemtests.Manifests.at;
import static jp.grants.systemtests.Manifests.integer;
import static jp.grants.systemtests.Manifests.list;
import static jp.grants.systemtests.Manifests.map;
import static jp.grants.systemtests.Manifests.name;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import jp.grants.launcher.Service;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Kustomize overlays, rendered with {@code kubectl kustomize}, checked against the services'
 * own configuration (application.properties, contracts' Topics) and the availability each overlay
 * promises.
 */
class KubernetesManifestsTest {
  private static final Set<String> REQUIRED_ENVIRONMENT =
      Set.of(
          "QUARKUS_DATASOURCE_JDBC_URL",
          "QUARKUS_DATASOURCE_USERNAME",
          "QUARKUS_DATASOURCE_PASSWORD",
          "KAFKA_BOOTSTRAP_SERVERS",
          "MP_JWT_VERIFY_PUBLICKEY_LOCATION",
          "MP_JWT_VERIFY_ISSUER");

  @ParameterizedTest
  @ValueSource(strings = {"local", "production"})
  void shouldRunEachServiceOnItsImagePortAndHealthEndpoints(String overlay) {
    Manifests manifests = Manifests.of(overlay);
    for (Service service : Service.values()) {
      int port = ProjectFiles.httpPort(service);
      Map<String, Object> container = container(manifests, service);
      assertThat(String.valueOf(container.get("image")))
          .as(overlay + " " + service + " image")
          .matches("ghcr\\.io/jp-grants/" + service.moduleName() + ":[0-9][\\w.-]*");
      List<Map<String, Object>> ports = list(container, "ports");
      assertThat(ports).as(service + " container ports").hasSize(1);
      assertThat(integer(ports.get(0), "containerPort"))
          .as(service + " containerPort")
          .isEqualTo(port);
      assertProbe(container, "readinessProbe", "/q/health/ready", port);
      assertProbe(container, "livenessProbe", "/q/health/live", port);
      for (String kind : List.of("requests", "limits")) {
        assertThat(map(container, "resources", kind))
            .as(service + " resources." + kind)
            .containsKeys("cpu", "memory");
      }

      Map<String, Object> k8sService = manifests.get("Service", service.moduleName());
      assertThat(map(k8sService, "spec", "selector"))
          .as(service + " Service selector")
          .isNotEmpty();
      assertThat(podLabels(manifests, service))
          .as(service + " pods, selected by its Service")
          .containsAllEntriesOf(map(k8sService, "spec", "selector"));
      Map<String, Object> servicePort = list(k8sService, "spec", "ports").get(0);
      assertThat(integer(servicePort, "port")).isEqualTo(port);
      assertThat(resolvePort(container, servicePort.get("targetPort")))
          .as(service + " Service targetPort")
          .isEqualTo(port);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"local", "production"})
  void shouldConfigureEachServiceOnlyThroughPropertiesItDefines(String overlay) {
    Manifests manifests = Manifests.of(overlay);
    for (Service service : Service.values()) {
      Map<String, Object> container = container(manifests, service);
      Set<String> names = new TreeSet<>();
      for (Map<String, Object> variable : list(container, "env")) {
        names.add(String.valueOf(variable.get("name")));
        if (String.valueOf(variable.get("name")).matches(".*(PASSWORD|USERNAME|SECRET).*")) {
          assertThat(variable)
              .as(service + " takes " + variable.get("name") + " from a Secret")
              .doesNotContainKey("value");
          assertThat(map(variable, "valueFrom", "secretKeyRef")).isNotEmpty();
        }
      }
      names.addAll(configOf(manifests, container).keySet());
      assertThat(names)
          .as(overlay + " " + service + " environment")
          .containsAll(REQUIRED_ENVIRONMENT);
      assertThat(ProjectFiles.environmentNames(service))
          .as(service + " application.properties, as environment names")
          .containsAll(names);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"local", "production"})
  void shouldPointEachServiceAtItsDatabaseBrokerAndKey(String overlay) {
    Manifests manifests = Manifests.of(overlay);
    Map<String, Object> cluster = single(manifests, "Cluster");
    Map<String, Object> kafka = single(manifests, "Kafka");
    int plainPort =
        list(kafka, "spec", "kafka", "listeners").stream()
            .filter(listener -> Boolean.FALSE.equals(listener.get("tls")))
            .map(listener -> integer(listener, "port"))
            .findFirst()
            .orElseThrow();
    for (Service service : Service.values()) {
      Map<String, Object> container = container(manifests, service);
      Map<String, String> config = configOf(manifests, container);

      URI url = URI.create(config.get("QUARKUS_DATASOURCE_JDBC_URL").substring("jdbc:".length()));
      assertThat(url.getHost()).as(service + " database host").isEqualTo(name(cluster) + "-rw");
      assertThat(url.getPath()).isEqualTo("/" + service.database());
      Map<String, Object> database =
          manifests.ofKind("Database").stream()
              .filter(d -> service.database().equals(at(d, "spec", "name")))
              .findFirst()
              .orElseThrow(
                  () ->
                      new AssertionError(
                          overlay + ": no CloudNativePG Database " + service.database()));
      assertThat((String) at(database, "spec", "cluster", "name")).isEqualTo(name(cluster));
      Map<String, Object> owner =
          list(cluster, "spec", "managed", "roles").stream()
              .filter(role -> at(database, "spec", "owner").equals(role.get("name")))
              .findFirst()
              .orElseThrow(() -> new AssertionError("no managed role owns " + service.database()));
      assertThat((String) at(owner, "passwordSecret", "name"))
          .as(service + " credentials are its role's Secret")
          .isEqualTo(secretOf(container, "QUARKUS_DATASOURCE_USERNAME"))
          .isEqualTo(secretOf(container, "QUARKUS_DATASOURCE_PASSWORD"));

      assertThat(config.get("KAFKA_BOOTSTRAP_SERVERS"))
          .isEqualTo(name(kafka) + "-kafka-bootstrap:" + plainPort);
      assertThat(config.get("MP_JWT_VERIFY_PUBLICKEY_LOCATION"))
          .as(service + " public key")
          .isIn(mountedFiles(manifests, service));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"local", "production"})
  void shouldCreateTheContractTopicsOnAKRaftKafka(String overlay) {
    Manifests manifests = Manifests.of(overlay);
    Map<String, Object> kafka = single(manifests, "Kafka");
    assertThat(map(kafka, "metadata", "annotations"))
        .containsEntry("strimzi.io/kraft", "enabled")
        .containsEntry("strimzi.io/node-pools", "enabled");
    int brokers = nodes(manifests, name(kafka), "broker");
    assertThat(nodes(manifests, name(kafka), "controller")).as("controllers").isPositive().isOdd();
    assertThat(integer(kafka, "spec", "kafka", "config", "default.replication.factor"))
        .isLessThanOrEqualTo(brokers);

    Set<String> topics = new TreeSet<>();
    for (Map<String, Object> topic : manifests.ofKind("KafkaTopic")) {
      topics.add(name(topic));
      assertThat(map(topic, "metadata", "labels")).containsEntry("strimzi.io/cluster", name(kafka));
      int replicas = integer(topic, "spec", "replicas");
      assertThat(replicas).as(name(topic) + " replicas").isBetween(1, brokers);
      assertThat(integer(topic, "spec", "config", "min.insync.replicas")).isBetween(1, replicas);
      assertThat(integer(topic, "spec", "partitions")).isPositive();
    }
    assertThat(topics).isEqualTo(ProjectFiles.contractTopics());
  }

  @ParameterizedTest
  @ValueSource(strings = {"local", "production"})
  void shouldKeepSecretValuesOutOfTheRepository(String overlay) {
    Manifests manifests = Manifests.of(overlay);
    for (Map<String, Object> secret : manifests.ofKind("Secret")) {
      assertThat(secret).as("Secret " + name(secret)).doesNotContainKeys("data", "stringData");
    }
    for (Map<String, Object> configMap : manifests.ofKind("ConfigMap")) {
      assertThat(map(configMap, "data").keySet())
          .as("ConfigMap " + name(configMap))
          .noneMatch(key -> key.matches("(?i).*(password|secret|private).*"));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"local", "production"})
  void shouldPutEverythingInTheOverlaysNamespace(String overlay) {
    Manifests manifests = Manifests.of(overlay);
    Map<String, Object> namespace = single(manifests, "Namespace");
    for (Map<String, Object> object : manifests.all()) {
      if (!"Namespace".equals(object.get("kind"))) {
        assertThat((String) at(object, "metadata", "namespace"))
            .as(object.get("kind") + " " + name(object))
            .isEqualTo(name(namespace));
      }
    }
  }

  @Test
  void shouldRunProductionWithoutASinglePointOfFailure() {
    Manifests manifests = Manifests.of("production");
    for (Service service : Service.values()) {
      Map<String, Object> deployment = manifests.get("Deployment", service.moduleName());
      assertThat(integer(deployment, "spec", "replicas"))
          .as(service + " replicas")
          .isGreaterThanOrEqualTo(2);
      Map<String, Object> autoscaler =
          manifests.get("HorizontalPodAutoscaler", service.moduleName());
      assertThat((String) at(autoscaler, "apiVersion")).isEqualTo("autoscaling/v2");
      assertThat(map(autoscaler, "spec", "scaleTargetRef"))
          .containsEntry("kind", "Deployment")
          .containsEntry("name", service.moduleName());
      assertThat(integer(autoscaler, "spec", "minReplicas")).isGreaterThanOrEqualTo(2);
      assertThat(integer(autoscaler, "spec", "maxReplicas"))
          .isGreaterThan(integer(autoscaler, "spec", "minReplicas"));
      assertThat(list(autoscaler, "spec", "metrics"))
          .anyMatch(m -> "cpu".equals(at(m, "resource", "name")));
      Map<String, Object> budget = manifests.get("PodDisruptionBudget", service.moduleName());
      assertThat(map(budget, "spec", "selector", "matchLabels")).isNotEmpty();
      assertThat(podLabels(manifests, service))
          .as(service + " pods, covered by its budget")
          .containsAllEntriesOf(map(budget, "spec", "selector", "matchLabels"));
      assertThat(map(budget, "spec"))
          .containsAnyOf(Map.entry("maxUnavailable", 1), Map.entry("minAvailable", 1));
    }
    Map<String, Object> kafka = single(manifests, "Kafka");
    assertThat(nodes(manifests, name(kafka), "broker")).as("Kafka brokers").isEqualTo(3);
    assertThat(nodes(manifests, name(kafka), "controller")).as("KRaft controllers").isEqualTo(3);
    assertThat(integer(kafka, "spec", "kafka", "config", "min.insync.replicas")).isEqualTo(2);
    for (Map<String, Object> topic : manifests.ofKind("KafkaTopic")) {
      assertThat(integer(topic, "spec", "replicas")).as(name(topic) + " replicas").isEqualTo(3);
      assertThat(integer(topic, "spec", "config", "min.insync.replicas"))
          .as(name(topic) + " min.insync.replicas")
          .isEqualTo(2);
    }
    assertThat(integer(single(manifests, "Cluster"), "spec", "instances"))
        .as("PostgreSQL instances")
        .isEqualTo(3);
  }

  @Test
  void shouldRunLocallyOnOneOfEverything() {
    Manifests manifests = Manifests.of("local");
    for (Service service : Service.values()) {
      assertThat(integer(manifests.get("Deployment", service.moduleName()), "spec", "replicas"))
          .isEqualTo(1);
    }
    assertThat(nodes(manifests, name(single(manifests, "Kafka")), "broker")).isEqualTo(1);
    assertThat(integer(single(manifests, "Cluster"), "spec", "instances")).isEqualTo(1);
  }

  private static void assertProbe(
      Map<String, Object> container, String probe, String path, int port) {
    assertThat((String) at(container, probe, "httpGet", "path")).as(probe).isEqualTo(path);
    assertThat(resolvePort(container, at(container, probe, "httpGet", "port")))
        .as(probe + " port")
        .isEqualTo(port);
  }

  /** A port given by number or by the container port's name. */
  private static int resolvePort(Map<String, Object> container, Object port) {
    if (port instanceof Integer number) {
      return number;
    }
    return list(container, "ports").stream()
        .filter(p -> String.valueOf(port).equals(p.get("name")))
        .map(p -> integer(p, "containerPort"))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no container port named " + port));
  }

  private static Map<String, Object> container(Manifests manifests, Service service) {
    Map<String, Object> deployment = manifests.get("Deployment", service.moduleName());
    return list(deployment, "spec", "template", "spec", "containers").stream()
        .filter(c -> service.moduleName().equals(c.get("name")))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no container " + service.moduleName()));
  }

  private static Map<String, Object> podLabels(Manifests manifests, Service service) {
    return map(
        manifests.get("Deployment", service.moduleName()),
        "spec",
        "template",
        "metadata",
        "labels");
  }

  /**
   * The variables of the ConfigMaps the container takes its environment from (which must exist).
   */
  private static Map<String, String> configOf(Manifests manifests, Map<String, Object> container) {
    Map<String, String> config = new java.util.TreeMap<>();
    for (Map<String, Object> source : list(container, "envFrom")) {
      String name = at(source, "configMapRef", "name");
      assertThat(name)
          .as("envFrom names a ConfigMap (Secrets go through secretKeyRef)")
          .isNotNull();
      map(manifests.get("ConfigMap", name), "data")
          .forEach((key, value) -> config.put(key, String.valueOf(value)));
    }
    return config;
  }

  private static String secretOf(Map<String, Object> container, String variable) {
    return list(container, "env").stream()
        .filter(v -> variable.equals(v.get("name")))
        .map(v -> (String) at(v, "valueFrom", "secretKeyRef", "name"))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + variable));
  }

  /** {@code file:} locations of the files mounted from volumes into the service's container. */
  private static Set<String> mountedFiles(Manifests manifests, Service service) {
    Map<String, Object> pod =
        map(manifests.get("Deployment", service.moduleName()), "spec", "template", "spec");
    Set<String> files = new HashSet<>();
    for (Map<String, Object> mount : list(container(manifests, service), "volumeMounts")) {
      for (Map<String, Object> volume : list(pod, "volumes")) {
        if (volume.get("name").equals(mount.get("name"))) {
          for (Map<String, Object> item : list(volume, "secret", "items")) {
            files.add("file:" + mount.get("mountPath") + "/" + item.get("path"));
          }
        }
      }
    }
    return files;
  }

  private static Map<String, Object> single(Manifests manifests, String kind) {
    List<Map<String, Object>> objects = manifests.ofKind(kind);
    assertThat(objects).as(manifests.overlay() + " " + kind).hasSize(1);
    return objects.get(0);
  }

  /** Nodes of the Kafka cluster's node pools that have the role. */
  private static int nodes(Manifests manifests, String kafka, String role) {
    return manifests.ofKind("KafkaNodePool").stream()
        .filter(pool -> kafka.equals(map(pool, "metadata", "labels").get("strimzi.io/cluster")))
        .filter(pool -> ((List<?>) at(pool, "spec", "roles")).contains(role))
        .mapToInt(pool -> integer(pool, "spec", "replicas"))
        .sum();
  }
}
