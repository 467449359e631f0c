-- Inbox: one row per event a consumer has applied. The primary key makes a redelivered event a
-- no-op: its insert conflicts in the same transaction as the effect, so the effect happens once.
CREATE TABLE inbox (
    consumer     VARCHAR(100) NOT NULL,
    event_id     VARCHAR(100) NOT NULL,
    event_type   VARCHAR(200) NOT NULL,
    topic        VARCHAR(200) NOT NULL,
    kafka_partition INT       NOT NULL,
    kafka_offset BIGINT       NOT NULL,
    processed_at TIMESTAMPTZ  NOT NULL DEFAULT now(),
    PRIMARY KEY (consumer, event_id)
);

-- Records no consumer can read (not JSON, unknown type): kept, not retried, never silently lost.
CREATE TABLE inbox_dead_letter (
    id           BIGSERIAL PRIMARY KEY,
    consumer     VARCHAR(100) NOT NULL,
    topic        VARCHAR(200) NOT NULL,
    kafka_partition INT       NOT NULL,
    kafka_offset BIGINT       NOT NULL,
    record_key   TEXT,
    record_value TEXT,
    reason       TEXT         NOT NULL,
    received_at  TIMESTAMPTZ  NOT NULL DEFAULT now(),
    UNIQUE (consumer, topic, kafka_partition, kafka_offset)
);

-- Outbox: events written in the same transaction as the state they describe, and relayed to
-- Kafka afterwards; a row is marked published only after the broker acknowledged it.
CREATE TABLE outbox (
    id           BIGSERIAL PRIMARY KEY,
    event_id     VARCHAR(100) NOT NULL UNIQUE,
    topic        VARCHAR(200) NOT NULL,
    record_key   VARCHAR(200) NOT NULL,
    payload      TEXT         NOT NULL,
    created_at   TIMESTAMPTZ  NOT NULL DEFAULT now(),
    published_at TIMESTAMPTZ
);
CREATE INDEX outbox_unpublished ON outbox (id) WHERE published_at IS NULL;
