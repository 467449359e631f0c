package jp.grants.ledger.audit;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import jp.grants.contracts.Topics;
import jp.grants.platform.audit.ChainHeads;

/**
 * The ledger-service's checkpoint log (platform's {@code jp.grants.platform.audit}) covers every
 * journal chain: the heads in {@code journal_chain_head} (V11; a grant's chain by its grant id, a
 * budget pool's as {@code pool:<code>}), read through the view {@code journal_checkpoint_head}
 * (V12), signed with the ledger-service's own key and published on {@code ledger-checkpoints}.
 */
@ApplicationScoped
public class LedgerChainHeads implements ChainHeads {
  /** The id of the ledger-service's checkpoint log: the subject and key of its Kafka records. */
  public static final UUID LOG_ID = ChainHeads.logIdOf("ledger-service");

  @Override
  public String service() {
    return "ledger-service";
  }

  @Override
  public String table() {
    return "journal_checkpoint_head";
  }

  @Override
  public String topic() {
    return Topics.LEDGER_CHECKPOINTS;
  }
}
