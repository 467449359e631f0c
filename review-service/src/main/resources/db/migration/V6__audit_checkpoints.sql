-- Signed checkpoints of the review-service (README, "Checkpoints"): platform's checkpoint log
-- (jp.grants.platform.audit) over every grant's decision chain head (review_chain_head, V5), with the
-- review-service's own key and log id. The same tables as grant-service's V9__audit_checkpoints.sql
-- (platform's CheckpointLog writes both alike), each in its own service's database. The table is
-- also the outbox of review-checkpoints (published_at set after Kafka acknowledged).
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
    grant_id         TEXT   NOT NULL,
    sequence_number  BIGINT NOT NULL,
    event_hash       TEXT   NOT NULL,
    PRIMARY KEY (checkpoint_index, leaf_index),
    UNIQUE (checkpoint_index, grant_id)
);
