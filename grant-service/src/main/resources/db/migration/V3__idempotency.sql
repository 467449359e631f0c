-- Answers to commands sent with an Idempotency-Key: a retry gets the first answer and appends
-- nothing. The row is written in the command's transaction, so it exists iff the events do.
CREATE TABLE idempotent_request (
    idempotency_key VARCHAR(200) NOT NULL,
    subject         VARCHAR(200) NOT NULL,
    fingerprint     VARCHAR(64)  NOT NULL,
    status          INT,
    response_body   TEXT,
    etag            VARCHAR(50),
    location        TEXT,
    created_at      TIMESTAMPTZ  NOT NULL DEFAULT now(),
    PRIMARY KEY (subject, idempotency_key)
);
