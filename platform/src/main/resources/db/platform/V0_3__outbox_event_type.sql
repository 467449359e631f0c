-- The event type of an outbox row, sent as the record header "event-type" so that consumers can pass
-- over the types they do not handle without parsing the payload (null for rows written before).
ALTER TABLE outbox ADD COLUMN event_type VARCHAR(200);
