-- The ledger: three levels of caps, the disbursements made against them, and an append-only,
-- double-entry journal of every movement. Money is whole yen (BIGINT). Every cap row carries the
-- invariant "disbursed <= cap" as a CHECK: the conditional updates of the disbursement flow keep it,
-- and the database refuses any write that would break it anyway.

-- Level 2: one row per grant, with its total cap (the award over the whole grant).
CREATE TABLE grant_account (
    grant_id          UUID         PRIMARY KEY,
    program_code      VARCHAR(64)  NOT NULL,
    budget_pool       VARCHAR(64)  NOT NULL,
    phase             VARCHAR(64),
    status            VARCHAR(16)  NOT NULL CHECK (status IN ('ACTIVE', 'TERMINATED', 'CLOSED')),
    start_fiscal_year INT          NOT NULL,
    end_fiscal_year   INT          NOT NULL,
    -- set by GrantTerminated: nothing may be disbursed for a later fiscal year
    last_fiscal_year  INT,
    total_cap_yen     BIGINT       NOT NULL CHECK (total_cap_yen >= 0),
    disbursed_yen     BIGINT       NOT NULL DEFAULT 0 CHECK (disbursed_yen >= 0),
    eligible_expenses VARCHAR(400) NOT NULL,
    created_at        TIMESTAMPTZ  NOT NULL DEFAULT now(),
    updated_at        TIMESTAMPTZ  NOT NULL DEFAULT now(),
    CONSTRAINT grant_total_cap_kept CHECK (disbursed_yen <= total_cap_yen)
);

-- Level 1: the grant's allocation for one fiscal year.
CREATE TABLE grant_year (
    grant_id       UUID    NOT NULL REFERENCES grant_account (grant_id),
    fiscal_year    INT     NOT NULL,
    allocation_yen BIGINT  NOT NULL CHECK (allocation_yen >= 0),
    disbursed_yen  BIGINT  NOT NULL DEFAULT 0 CHECK (disbursed_yen >= 0),
    PRIMARY KEY (grant_id, fiscal_year),
    CONSTRAINT grant_year_cap_kept CHECK (disbursed_yen <= allocation_yen)
);

-- Level 3: a budget pool's budget for one fiscal year (WPI, WPI-CORE and WPI-MULTI share WPI).
-- A missing row means the pool has no budget that year: nothing can be disbursed from it.
CREATE TABLE program_year (
    budget_pool   VARCHAR(64) NOT NULL,
    fiscal_year   INT         NOT NULL,
    budget_yen    BIGINT      NOT NULL CHECK (budget_yen >= 0),
    disbursed_yen BIGINT      NOT NULL DEFAULT 0 CHECK (disbursed_yen >= 0),
    budget_source VARCHAR(16) NOT NULL CHECK (budget_source IN ('CATALOG', 'OVERRIDE')),
    updated_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (budget_pool, fiscal_year),
    CONSTRAINT program_year_cap_kept CHECK (disbursed_yen <= budget_yen)
);

-- Every disbursement asked for, paid or refused. The id is the client's (DisbursementRequested)
-- or the ledger's (REST) idempotency key: a second request with the same id has no effect.
CREATE TABLE disbursement (
    disbursement_id          UUID         PRIMARY KEY,
    grant_id                 UUID         NOT NULL,
    program_code             VARCHAR(64),
    budget_pool              VARCHAR(64),
    fiscal_year              INT          NOT NULL,
    amount_yen               BIGINT       NOT NULL,
    expense_category         VARCHAR(32),
    purpose                  VARCHAR(500),
    status                   VARCHAR(16)  NOT NULL CHECK (status IN ('ACCEPTED', 'REJECTED')),
    rule                     VARCHAR(64),
    cap_level                VARCHAR(32),
    headroom_yen             BIGINT,
    reason                   VARCHAR(1000),
    journal_entry_id         UUID,
    grant_year_headroom_yen  BIGINT,
    grant_total_headroom_yen BIGINT,
    program_year_headroom_yen BIGINT,
    channel                  VARCHAR(16)  NOT NULL CHECK (channel IN ('KAFKA', 'REST')),
    requested_by             VARCHAR(200),
    actor                    VARCHAR(200) NOT NULL,
    actor_role               VARCHAR(64)  NOT NULL,
    correlation_id           VARCHAR(100),
    causation_id             VARCHAR(200),
    answer_event_id          VARCHAR(100) NOT NULL UNIQUE,
    recorded_at              TIMESTAMPTZ  NOT NULL,
    CHECK (status = 'REJECTED' OR (amount_yen > 0 AND journal_entry_id IS NOT NULL)),
    CHECK (status = 'ACCEPTED' OR rule IS NOT NULL)
);
CREATE INDEX disbursement_by_grant ON disbursement (grant_id, fiscal_year);

-- REST idempotency: the first answer to (caller, Idempotency-Key), with a fingerprint of the
-- request so that a reused key with another body is refused instead of answered wrongly.
CREATE TABLE idempotency_key (
    subject         VARCHAR(200) NOT NULL,
    idempotency_key VARCHAR(200) NOT NULL,
    fingerprint     CHAR(64)     NOT NULL,
    response_status INT,
    response_type   VARCHAR(100),
    response_body   TEXT,
    disbursement_id UUID,
    created_at      TIMESTAMPTZ  NOT NULL DEFAULT now(),
    PRIMARY KEY (subject, idempotency_key)
);

-- The journal: append-only and double-entry. Each entry's lines balance (sum of debits = sum of
-- credits); the balance of an account is its debits minus its credits. Corrections are new
-- entries; rows are never updated or deleted (the triggers below refuse it).
CREATE SEQUENCE journal_position;
CREATE TABLE journal_entry (
    entry_id        UUID         PRIMARY KEY,
    position        BIGINT       NOT NULL UNIQUE DEFAULT nextval('journal_position'),
    kind            VARCHAR(40)  NOT NULL,
    grant_id        UUID,
    budget_pool     VARCHAR(64),
    fiscal_year     INT,
    disbursement_id UUID,
    amount_yen      BIGINT       NOT NULL CHECK (amount_yen >= 0),
    actor           VARCHAR(200) NOT NULL,
    actor_role      VARCHAR(64)  NOT NULL,
    correlation_id  VARCHAR(100),
    causation_id    VARCHAR(200),
    memo            VARCHAR(1000),
    recorded_at     TIMESTAMPTZ  NOT NULL
);
CREATE INDEX journal_entry_by_grant ON journal_entry (grant_id, position);
CREATE UNIQUE INDEX journal_entry_one_per_disbursement ON journal_entry (disbursement_id)
    WHERE disbursement_id IS NOT NULL;

CREATE TABLE journal_line (
    entry_id   UUID         NOT NULL REFERENCES journal_entry (entry_id) DEFERRABLE INITIALLY DEFERRED,
    line_no    INT          NOT NULL,
    account    VARCHAR(200) NOT NULL,
    debit_yen  BIGINT       NOT NULL CHECK (debit_yen >= 0),
    credit_yen BIGINT       NOT NULL CHECK (credit_yen >= 0),
    PRIMARY KEY (entry_id, line_no),
    CONSTRAINT journal_line_one_side CHECK ((debit_yen = 0) <> (credit_yen = 0))
);
CREATE INDEX journal_line_by_account ON journal_line (account);

CREATE FUNCTION journal_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the journal is append-only: % on % refused; record a reversing entry instead',
        TG_OP, TG_TABLE_NAME USING ERRCODE = 'integrity_constraint_violation';
END
$$;

CREATE TRIGGER journal_entry_append_only BEFORE UPDATE OR DELETE ON journal_entry
    FOR EACH ROW EXECUTE FUNCTION journal_refuse_change();
CREATE TRIGGER journal_entry_no_truncate BEFORE TRUNCATE ON journal_entry
    FOR EACH STATEMENT EXECUTE FUNCTION journal_refuse_change();
CREATE TRIGGER journal_line_append_only BEFORE UPDATE OR DELETE ON journal_line
    FOR EACH ROW EXECUTE FUNCTION journal_refuse_change();
CREATE TRIGGER journal_line_no_truncate BEFORE TRUNCATE ON journal_line
    FOR EACH STATEMENT EXECUTE FUNCTION journal_refuse_change();

-- Checked at commit (deferred), when all lines of the entry are written: an entry whose lines do
-- not balance, or that has fewer than two, makes the whole transaction fail.
CREATE FUNCTION journal_check_balanced() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    debits  BIGINT;
    credits BIGINT;
    lines   INT;
BEGIN
    SELECT coalesce(sum(debit_yen), 0), coalesce(sum(credit_yen), 0), count(*)
      INTO debits, credits, lines
      FROM journal_line WHERE entry_id = NEW.entry_id;
    IF debits <> credits OR lines < 2 THEN
        RAISE EXCEPTION 'journal entry % does not balance: debits %, credits %, % line(s)',
            NEW.entry_id, debits, credits, lines USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN NULL;
END
$$;

CREATE CONSTRAINT TRIGGER journal_line_balanced AFTER INSERT ON journal_line
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION journal_check_balanced();
