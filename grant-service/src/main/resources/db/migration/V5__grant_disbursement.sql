-- Every disbursement of every grant, as the grant's history tells it: requested through
-- grant-service, then paid or refused by the ledger (also payments and refusals of requests made on
-- the ledger's own REST API, which the grant never asked for). Part of the grant read model: kept by
-- the grant-read-model streaming processor (GrantProjection), rebuilt with it from the event store,
-- served by GET /api/v1/grants/{id}/disbursements.
--
-- The Grant aggregate keeps only the open disbursements and per-year sums (its state, and its
-- snapshot, stay the same size however many payments a grant sees); the one-by-one list lives here.
CREATE TABLE grant_disbursement (
    grant_id         UUID         NOT NULL REFERENCES grant_summary (grant_id) ON DELETE CASCADE,
    disbursement_id  UUID         NOT NULL,
    fiscal_year      INT          NOT NULL,
    amount_yen       BIGINT       NOT NULL,
    -- null for a refusal of a request the grant never saw (a refusal does not name the category)
    expense_category VARCHAR(50),
    -- REQUESTED (open: the ledger has not answered), DISBURSED or REJECTED
    state            VARCHAR(20)  NOT NULL,
    -- the sequence number of the grant's first event naming the disbursement: the list's order
    position         BIGINT       NOT NULL,
    -- when grant-service recorded the request; null when the grant never requested it
    requested_at     TIMESTAMPTZ,
    -- the event that recorded the ledger's answer (its sequence number and time)
    settled_sequence BIGINT,
    settled_at       TIMESTAMPTZ,
    -- the ledger's rule for a refusal
    rule             TEXT,
    PRIMARY KEY (grant_id, disbursement_id)
);
CREATE INDEX grant_disbursement_history ON grant_disbursement (grant_id, position);
