package jp.grants.platform.audit;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * What makes a service's checkpoint log its own: the service whose hash chains it covers, the table
 * that keeps their heads and the topic its checkpoints go to. A service that keeps hash chains
 * provides one bean of this; {@link CheckpointLog} and the rest of this package do the same work
 * for every such service (each with its own database, key and log). A service without one keeps no
 * checkpoint log.
 */
public interface ChainHeads {
  /** The service's name, e.g. {@code grant-service}: it names the log and the events' source. */
  String service();

  /**
   * The table of the chain heads, one row per chain: {@code aggregate_identifier}, {@code
   * sequence_number}, {@code event_hash} (BYTEA), e.g. grant-service's {@code grant_chain_head}.
   */
  String table();

  /** The Kafka topic of this log's CheckpointSigned events (one partition: one ordered log). */
  String topic();

  /** The id of this service's checkpoint log: the subject and key of its Kafka records. */
  default UUID logId() {
    return logIdOf(service());
  }

  /** {@code UUID.nameUUIDFromBytes("jp.grants <service> checkpoint log")}. */
  static UUID logIdOf(String service) {
    return UUID.nameUUIDFromBytes(
        ("jp.grants " + service + " checkpoint log").getBytes(StandardCharsets.UTF_8));
  }
}
