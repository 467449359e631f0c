package jp.grants.review.support;

import static org.awaitility.Awaitility.await;

import io.quarkus.arc.Arc;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import jp.grants.contracts.EventEnvelope;
import jp.grants.contracts.Topics;
import jp.grants.infra.kafka.TopicToEnd;

/**
 * Reads the real review-events topic with a consumer of our own, from the beginning to its end as
 * of the moment every outbox row was acknowledged by the broker: what it returns is everything the
 * service has published, so "exactly one" can be asserted without waiting for time to pass.
 */
public final class ReviewEventsTopic {
  private ReviewEventsTopic() {}

  /** A published record: its key and its envelope. */
  public record Published(String key, EventEnvelope envelope) {}

  public static List<Published> ofGrant(UUID grantId) {
    awaitOutboxRelayed();
    return readToEnd(Topics.REVIEW_EVENTS).stream()
        .filter(p -> grantId.toString().equals(p.envelope().subject()))
        .toList();
  }

  public static void awaitOutboxRelayed() {
    DataSource dataSource = Arc.container().instance(DataSource.class).get();
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () -> {
              try (Connection c = dataSource.getConnection();
                  ResultSet rs =
                      c.createStatement()
                          .executeQuery("SELECT count(*) FROM outbox WHERE published_at IS NULL")) {
                rs.next();
                return rs.getLong(1) == 0;
              }
            });
  }

  /** Every record on a topic from its beginning to its end as of now (review-checkpoints, too). */
  public static List<Published> readToEnd(String topic) {
    return TopicToEnd.records(topic).stream()
        .map(record -> new Published(record.key(), Envelopes.read(record.value())))
        .toList();
  }
}
