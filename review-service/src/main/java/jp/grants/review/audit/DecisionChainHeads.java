package jp.grants.review.audit;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import jp.grants.contracts.Topics;
import jp.grants.platform.audit.ChainHeads;

/**
 * The review-service's checkpoint log (platform's {@code jp.grants.platform.audit}) covers every
 * grant's decision chain: the heads in {@code review_chain_head} (V5), signed with the
 * review-service's own key and published on {@code review-checkpoints}.
 */
@ApplicationScoped
public class DecisionChainHeads implements ChainHeads {
  /** The id of the review-service's checkpoint log: the subject and key of its Kafka records. */
  public static final UUID LOG_ID = ChainHeads.logIdOf("review-service");

  @Override
  public String service() {
    return "review-service";
  }

  @Override
  public String table() {
    return "review_chain_head";
  }

  @Override
  public String topic() {
    return Topics.REVIEW_CHECKPOINTS;
  }
}
