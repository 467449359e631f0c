-- Signed checkpoints of the ledger-service (README, "Checkpoints"): platform's checkpoint log
-- (jp.grants.platform.audit) over every journal chain head (journal_chain_head, V11: a grant's chain
-- by its grant id, a budget pool's as 'pool:<code>'), with the ledger-service's own key and log id.
-- The same tables as grant-service's V9 and review-service's V6 (platform's CheckpointLog writes them
-- alike), each in its own service's database; grant_id holds the chain id. The table is also the
-- outbox of ledger-checkpoints (published_at set after Kafka acknowledged).
CREATE TABLE audit_checkpoint (
    checkpoint_index BIGINT      PRIMARY KEY CHECK (checkpoint_index >= 0),
    taken_at         TEXT        NOT NULL, -- ISO-8601 UTC, signed as it stands
    tree_size        BIGINT      NOT NULL CHECK (tree_size >= 0),
    root_hash        TEXT        NOT NULL,
    log_size         BIGINT      NOT NULL CHECK (log_size = checkpoint_index + 1),
    log_root         TEXT        NOT NULL,
    record_hash      BYTEA       NOT NULL, -- the checkpoint's leaf hash in the log
    key_id           TEXT        NOT NULL,
    signature        TEXT        NOT NULL,
    anchor           TEXT,
    reason           TEXT        NOT NULL, -- scheduled, requested (by an auditor), export
    requested_by     TEXT,
    published_at     TIMESTAMPTZ
);

CREATE INDEX audit_checkpoint_unpublished ON audit_checkpoint (checkpoint_index) WHERE published_at IS NULL;

CREATE TABLE audit_checkpoint_head (
    checkpoint_index BIGINT NOT NULL REFERENCES audit_checkpoint (checkpoint_index),
    leaf_index       BIGINT NOT NULL,
    grant_id         TEXT   NOT NULL, -- the chain id: a grant id or 'pool:<code>'
    sequence_number  BIGINT NOT NULL,
    event_hash       TEXT   NOT NULL,
    PRIMARY KEY (checkpoint_index, leaf_index),
    UNIQUE (checkpoint_index, grant_id)
);

-- The heads as platform's CheckpointLog reads them (ChainHeads#table: aggregate_identifier,
-- sequence_number, event_hash).
CREATE VIEW journal_checkpoint_head AS
    SELECT chain_id AS aggregate_identifier, chain_seq AS sequence_number, entry_hash AS event_hash
    FROM journal_chain_head;
