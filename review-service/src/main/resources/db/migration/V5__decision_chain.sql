-- Tamper evidence for the committee's decisions (issue 18): every decision, with the committee's
-- composition, its members' countries and conflicts and the scorecards at that instant, and every
-- refusal of a decided round, is a record of a per-grant hash chain. The columns that enter the hash
-- are those of grant-service's domain_event_entry, hashed exactly as its V4__event_hash_chain.sql
-- does, so jp.grants.contracts.audit.ChainHash and ChainVerifier verify both chains unchanged:
--
-- hash(n) = SHA-256( previous_hash (32 zero bytes before the first record)
--                    || event_identifier || 0x00 || aggregate_identifier || 0x00
--                    || sequence_number (decimal) || 0x00 || time_stamp || 0x00
--                    || payload_type || 0x00 || payload_revision (or empty) || 0x00
--                    || SHA-256(payload) || SHA-256(meta_data, or empty) )
--
-- The database assigns the sequence (from the head row, locked) and computes the hash, so no writer
-- can skip or forge a link; the records cannot be updated or deleted.

CREATE TABLE review_audit_record (
    global_index         BIGSERIAL    PRIMARY KEY,
    event_identifier     VARCHAR(255) NOT NULL UNIQUE,  -- the decision's ReviewCompleted id, or the refusal's
    aggregate_identifier VARCHAR(255) NOT NULL,         -- the grant id: one chain per grant
    sequence_number      BIGINT       NOT NULL,
    time_stamp           VARCHAR(255) NOT NULL,         -- ISO-8601 instant, as written
    payload_type         VARCHAR(255) NOT NULL,         -- the contracts record's class name
    payload_revision     VARCHAR(255),                  -- its @SchemaVersion
    payload              BYTEA        NOT NULL,         -- its JSON, byte for byte
    meta_data            BYTEA,                         -- who and why (actor, correlation), JSON
    previous_hash        BYTEA        NOT NULL,
    event_hash           BYTEA        NOT NULL,
    UNIQUE (aggregate_identifier, sequence_number)
);

CREATE TABLE review_chain_head (
    aggregate_identifier VARCHAR(255) PRIMARY KEY,
    sequence_number      BIGINT       NOT NULL,  -- -1 only inside the transaction of the first record
    event_hash           BYTEA        NOT NULL,
    updated_at           TIMESTAMPTZ  NOT NULL DEFAULT now()
);

CREATE FUNCTION chain_review_audit_record() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    head RECORD;
    sep  BYTEA := '\x00'::bytea;
BEGIN
    -- The head row exists before it is locked, so two first records of a grant queue on it too.
    INSERT INTO review_chain_head (aggregate_identifier, sequence_number, event_hash)
        VALUES (NEW.aggregate_identifier, -1, decode(repeat('00', 32), 'hex'))
        ON CONFLICT (aggregate_identifier) DO NOTHING;
    SELECT sequence_number, event_hash INTO STRICT head
      FROM review_chain_head WHERE aggregate_identifier = NEW.aggregate_identifier FOR UPDATE;
    NEW.sequence_number := head.sequence_number + 1;
    NEW.previous_hash := head.event_hash;
    NEW.event_hash := sha256(NEW.previous_hash
        || convert_to(NEW.event_identifier, 'UTF8') || sep
        || convert_to(NEW.aggregate_identifier, 'UTF8') || sep
        || convert_to(NEW.sequence_number::text, 'UTF8') || sep
        || convert_to(NEW.time_stamp, 'UTF8') || sep
        || convert_to(NEW.payload_type, 'UTF8') || sep
        || convert_to(coalesce(NEW.payload_revision, ''), 'UTF8') || sep
        || sha256(NEW.payload)
        || sha256(coalesce(NEW.meta_data, ''::bytea)));
    UPDATE review_chain_head
       SET sequence_number = NEW.sequence_number, event_hash = NEW.event_hash, updated_at = now()
     WHERE aggregate_identifier = NEW.aggregate_identifier;
    RETURN NEW;
END
$$;

CREATE TRIGGER review_audit_record_chain BEFORE INSERT ON review_audit_record
    FOR EACH ROW EXECUTE FUNCTION chain_review_audit_record();

CREATE FUNCTION review_audit_record_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the decision chain is append-only: % on % refused; append a new record instead',
        TG_OP, TG_TABLE_NAME USING ERRCODE = 'integrity_constraint_violation';
END
$$;

CREATE TRIGGER review_audit_record_append_only BEFORE UPDATE OR DELETE ON review_audit_record
    FOR EACH ROW EXECUTE FUNCTION review_audit_record_refuse_change();
CREATE TRIGGER review_audit_record_no_truncate BEFORE TRUNCATE ON review_audit_record
    FOR EACH STATEMENT EXECUTE FUNCTION review_audit_record_refuse_change();
