-- The one storage shape of Idempotency-Keys (platform jp.grants.platform.idempotency,
-- IdempotencyRecords), the same DDL in grant-service, ledger-service and review-service: the first
-- answer to (scope, key), with the request's fingerprint so that a reused key with another request
-- is refused instead of answered wrongly. Written in the request's own transaction: the row exists
-- exactly when the request's effect does.
CREATE TABLE idempotency_record (
    scope           VARCHAR(200) NOT NULL,  -- whose key: the caller's subject
    idempotency_key VARCHAR(200) NOT NULL,  -- 1 to 200 visible ASCII characters
    fingerprint     CHAR(64)     NOT NULL,  -- SHA-256 (hex) of the request
    operation       VARCHAR(32),            -- what the request created, when the answer is rendered from it
    resource_id     UUID,                   -- ... and its id
    status          INT,                    -- the answer: status, media type, body, ETag, Location
    media_type      VARCHAR(100),
    response_body   TEXT,
    etag            VARCHAR(50),
    location        TEXT,
    created_at      TIMESTAMPTZ  NOT NULL DEFAULT now(),
    PRIMARY KEY (scope, idempotency_key)
);

-- grant-service's own table until now (idempotent_request): its rows move over as they are.
INSERT INTO idempotency_record (scope, idempotency_key, fingerprint, status, media_type,
                                response_body, etag, location, created_at)
SELECT subject, idempotency_key, fingerprint, status,
       CASE WHEN status >= 400 THEN 'application/problem+json' ELSE 'application/json' END,
       response_body, etag, location, created_at
  FROM idempotent_request;
DROP TABLE idempotent_request;
