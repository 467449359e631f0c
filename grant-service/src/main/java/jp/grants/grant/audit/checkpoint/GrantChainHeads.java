package jp.grants.grant.audit.checkpoint;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import jp.grants.contracts.Topics;
import jp.grants.platform.audit.ChainHeads;

/**
 * The grant-service's checkpoint log (platform's {@code jp.grants.platform.audit}) covers every
 * grant's event chain: the heads in {@code grant_chain_head} (V4), published on {@code
 * audit-checkpoints}.
 */
@ApplicationScoped
public class GrantChainHeads implements ChainHeads {
  /** The id of the grant-service's checkpoint log: the subject and key of its Kafka records. */
  public static final UUID LOG_ID = ChainHeads.logIdOf("grant-service");

  @Override
  public String service() {
    return "grant-service";
  }

  @Override
  public String table() {
    return "grant_chain_head";
  }

  @Override
  public String topic() {
    return Topics.AUDIT_CHECKPOINTS;
  }
}
