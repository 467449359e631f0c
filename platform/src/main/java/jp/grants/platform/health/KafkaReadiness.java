package jp.grants.platform.health;

import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness of the Kafka broker, answered within a few seconds even while the broker is away (the
 * stock check waits for the admin client's 60 s default, longer than any probe timeout).
 */
@Readiness
@ApplicationScoped
public class KafkaReadiness implements HealthCheck {
  static final int TIMEOUT_MS = 3000;

  @Inject
  @Identifier("default-kafka-broker")
  Map<String, Object> config;

  private volatile Admin admin;

  @Override
  public HealthCheckResponse call() {
    var response = HealthCheckResponse.named("Kafka broker");
    try {
      int nodes =
          admin()
              .describeCluster(new DescribeClusterOptions().timeoutMs(TIMEOUT_MS))
              .nodes()
              .get(TIMEOUT_MS + 1000L, TimeUnit.MILLISECONDS)
              .size();
      return response.up().withData("nodes", nodes).build();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return response.down().withData("reason", "interrupted").build();
    } catch (Exception e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      return response
          .down()
          .withData(
              "reason",
              "Kafka unavailable: " + cause.getClass().getSimpleName() + ": " + cause.getMessage())
          .build();
    }
  }

  private Admin admin() {
    Admin current = admin;
    if (current == null) {
      synchronized (this) {
        if (admin == null) {
          Map<String, Object> properties = new HashMap<>();
          properties.put(
              AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.get("bootstrap.servers"));
          properties.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, TIMEOUT_MS);
          properties.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, TIMEOUT_MS);
          properties.put(AdminClientConfig.CLIENT_ID_CONFIG, "readiness");
          admin = Admin.create(properties);
        }
        current = admin;
      }
    }
    return current;
  }

  void close(@Observes ShutdownEvent event) {
    if (admin != null) {
      admin.close(java.time.Duration.ofSeconds(2));
    }
  }
}
