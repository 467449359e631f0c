-- Tamper evidence: every event appended to a grant's stream carries a SHA-256 hash over its
-- canonical form and over the previous event's hash (a per-grant hash chain); grant_chain_head
-- keeps the newest hash of every grant. The database computes it, so no writer can skip it.
--
-- hash(n) = SHA-256( previous_hash (32 zero bytes before the first event)
--                    || event_identifier || 0x00 || aggregate_identifier || 0x00
--                    || sequence_number (decimal) || 0x00 || time_stamp || 0x00
--                    || payload_type || 0x00 || payload_revision (or empty) || 0x00
--                    || SHA-256(payload) || SHA-256(meta_data, or empty) )
-- Strings are UTF-8. jp.grants.contracts.audit.ChainHash computes the same, for verification
-- in the service and offline.

ALTER TABLE domain_event_entry ADD COLUMN previous_hash BYTEA;
ALTER TABLE domain_event_entry ADD COLUMN event_hash BYTEA;

CREATE TABLE grant_chain_head (
    aggregate_identifier VARCHAR(255) PRIMARY KEY,
    sequence_number      BIGINT       NOT NULL,
    event_hash           BYTEA        NOT NULL,
    updated_at           TIMESTAMPTZ  NOT NULL DEFAULT now()
);

CREATE FUNCTION chain_domain_event() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    head RECORD;
    prev BYTEA;
    sep  BYTEA := '\x00'::bytea;
BEGIN
    IF NEW.sequence_number = 0 THEN
        prev := decode(repeat('00', 32), 'hex');
    ELSE
        SELECT sequence_number, event_hash INTO head
          FROM grant_chain_head WHERE aggregate_identifier = NEW.aggregate_identifier FOR UPDATE;
        IF NOT FOUND OR head.sequence_number <> NEW.sequence_number - 1 THEN
            RAISE EXCEPTION 'event % of % does not follow the chain head', NEW.sequence_number, NEW.aggregate_identifier
                USING ERRCODE = 'unique_violation';
        END IF;
        prev := head.event_hash;
    END IF;
    NEW.previous_hash := prev;
    NEW.event_hash := sha256(prev
        || convert_to(NEW.event_identifier, 'UTF8') || sep
        || convert_to(NEW.aggregate_identifier, 'UTF8') || sep
        || convert_to(NEW.sequence_number::text, 'UTF8') || sep
        || convert_to(NEW.time_stamp, 'UTF8') || sep
        || convert_to(NEW.payload_type, 'UTF8') || sep
        || convert_to(coalesce(NEW.payload_revision, ''), 'UTF8') || sep
        || sha256(NEW.payload)
        || sha256(coalesce(NEW.meta_data, ''::bytea)));
    INSERT INTO grant_chain_head (aggregate_identifier, sequence_number, event_hash)
        VALUES (NEW.aggregate_identifier, NEW.sequence_number, NEW.event_hash)
        ON CONFLICT (aggregate_identifier) DO UPDATE
        SET sequence_number = EXCLUDED.sequence_number, event_hash = EXCLUDED.event_hash, updated_at = now();
    RETURN NEW;
END
$$;

CREATE TRIGGER domain_event_chain BEFORE INSERT ON domain_event_entry
    FOR EACH ROW EXECUTE FUNCTION chain_domain_event();
