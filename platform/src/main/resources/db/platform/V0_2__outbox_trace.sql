-- The W3C traceparent of the transaction that wrote an outbox row: the relay continues that trace
-- in the Kafka record's headers, so one trace follows a request across services.
ALTER TABLE outbox ADD COLUMN trace_parent VARCHAR(64);
