-- The money as the funders run it (issue 14): funds beside yearly budgets, indirect costs,
-- carry-over, refunds, annual financial reports and the final settlement. Money is whole yen
-- (BIGINT); every cap row keeps "disbursed <= cap" as a CHECK, so no write can break a cap.

-- 1. Funds (基金): one row per fund pool of the catalog, its total over its term. A grant drawing
--    on a fund takes from this row instead of a program_year row. A yearly pool keeps program_year.
CREATE TABLE budget_fund (
    budget_pool       VARCHAR(64) PRIMARY KEY,
    total_yen         BIGINT      NOT NULL CHECK (total_yen >= 0),
    disbursed_yen     BIGINT      NOT NULL DEFAULT 0 CHECK (disbursed_yen >= 0),
    first_fiscal_year INT         NOT NULL,
    last_fiscal_year  INT         NOT NULL,
    budget_source     VARCHAR(16) NOT NULL CHECK (budget_source IN ('CATALOG', 'OVERRIDE')),
    updated_at        TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT budget_fund_term CHECK (first_fiscal_year <= last_fiscal_year),
    CONSTRAINT budget_fund_cap_kept CHECK (disbursed_yen <= total_yen)
);

-- 2. A grant's year beside its payments. allocation_yen stays the year's cap (carry-overs move it);
--    disbursed_yen stays the direct money the year holds now (paid, less refunded, less paid money
--    carried out, plus paid money carried in), so "disbursed <= allocation" still holds.
ALTER TABLE grant_year
    ADD COLUMN carried_in_yen        BIGINT NOT NULL DEFAULT 0 CHECK (carried_in_yen >= 0),
    ADD COLUMN carried_out_yen       BIGINT NOT NULL DEFAULT 0 CHECK (carried_out_yen >= 0),
    ADD COLUMN paid_carried_in_yen   BIGINT NOT NULL DEFAULT 0 CHECK (paid_carried_in_yen >= 0),
    ADD COLUMN paid_carried_out_yen  BIGINT NOT NULL DEFAULT 0 CHECK (paid_carried_out_yen >= 0),
    ADD COLUMN indirect_yen          BIGINT NOT NULL DEFAULT 0 CHECK (indirect_yen >= 0),
    ADD COLUMN refunded_yen          BIGINT NOT NULL DEFAULT 0 CHECK (refunded_yen >= 0),
    ADD COLUMN indirect_refunded_yen BIGINT NOT NULL DEFAULT 0 CHECK (indirect_refunded_yen >= 0),
    ADD COLUMN additional_charge_yen BIGINT NOT NULL DEFAULT 0 CHECK (additional_charge_yen >= 0),
    ADD CONSTRAINT grant_year_indirect_kept CHECK (indirect_refunded_yen <= indirect_yen);
COMMENT ON COLUMN grant_year.indirect_yen IS 'indirect costs paid with the year''s direct payments (gross)';
COMMENT ON COLUMN grant_year.refunded_yen IS 'direct costs of the year returned (gross); disbursed_yen is already net of them';

-- The grant's settlement (額の確定): set once, after which no money of the grant moves.
ALTER TABLE grant_account
    ADD COLUMN indirect_yen     BIGINT NOT NULL DEFAULT 0 CHECK (indirect_yen >= 0),
    ADD COLUMN settled_at       TIMESTAMPTZ,
    ADD COLUMN final_amount_yen BIGINT CHECK (final_amount_yen >= 0),
    ADD COLUMN final_indirect_yen BIGINT CHECK (final_indirect_yen >= 0),
    ADD CONSTRAINT grant_account_settled_whole CHECK ((settled_at IS NULL) = (final_amount_yen IS NULL));

-- What each payment paid in indirect costs; null for payments made before indirect costs were paid.
ALTER TABLE disbursement ADD COLUMN indirect_cost_yen BIGINT CHECK (indirect_cost_yen >= 0);

-- 3. Carry-overs (繰越): the unspent allocation of a year moved to the grant's next year.
CREATE TABLE carry_over (
    carry_over_id    UUID         PRIMARY KEY,
    grant_id         UUID         NOT NULL REFERENCES grant_account (grant_id),
    from_fiscal_year INT          NOT NULL,
    to_fiscal_year   INT          NOT NULL,
    amount_yen       BIGINT       NOT NULL CHECK (amount_yen > 0),
    paid_moved_yen   BIGINT       NOT NULL CHECK (paid_moved_yen >= 0 AND paid_moved_yen <= amount_yen),
    approved         BOOLEAN      NOT NULL,
    reason           VARCHAR(1000),
    journal_entry_id UUID         NOT NULL,
    actor            VARCHAR(200) NOT NULL,
    actor_role       VARCHAR(64)  NOT NULL,
    correlation_id   VARCHAR(100),
    causation_id     VARCHAR(200),
    recorded_at      TIMESTAMPTZ  NOT NULL,
    CONSTRAINT carry_over_to_next_year CHECK (to_fiscal_year = from_fiscal_year + 1)
);
CREATE INDEX carry_over_by_grant ON carry_over (grant_id, from_fiscal_year);

-- 4. Refunds (返還): money paid out of a grant's year that came back.
CREATE TABLE refund (
    refund_id             UUID         PRIMARY KEY,
    grant_id              UUID         NOT NULL REFERENCES grant_account (grant_id),
    fiscal_year           INT          NOT NULL,
    kind                  VARCHAR(16)  NOT NULL CHECK (kind IN ('VOLUNTARY', 'ORDERED')),
    amount_yen            BIGINT       NOT NULL CHECK (amount_yen > 0),
    indirect_cost_yen     BIGINT       NOT NULL CHECK (indirect_cost_yen >= 0),
    additional_charge_yen BIGINT       NOT NULL CHECK (additional_charge_yen >= 0),
    reason                VARCHAR(1000),
    journal_entry_id      UUID         NOT NULL,
    actor                 VARCHAR(200) NOT NULL,
    actor_role            VARCHAR(64)  NOT NULL,
    correlation_id        VARCHAR(100),
    causation_id          VARCHAR(200),
    recorded_at           TIMESTAMPTZ  NOT NULL,
    CHECK (kind = 'VOLUNTARY' OR reason IS NOT NULL)
);
CREATE INDEX refund_by_grant ON refund (grant_id, fiscal_year);

-- 5. Annual financial reports (実績報告): one per grant and fiscal year, with a line per category.
CREATE TABLE annual_report (
    report_id       UUID         PRIMARY KEY,
    grant_id        UUID         NOT NULL REFERENCES grant_account (grant_id),
    fiscal_year     INT          NOT NULL,
    status          VARCHAR(24)  NOT NULL CHECK (status IN ('AWAITING_APPROVAL', 'ACCEPTED')),
    reported_yen    BIGINT       NOT NULL CHECK (reported_yen >= 0),
    paid_yen        BIGINT       NOT NULL CHECK (paid_yen >= 0),
    unspent_yen     BIGINT       NOT NULL CHECK (unspent_yen >= 0),
    transferred_yen BIGINT       NOT NULL CHECK (transferred_yen >= 0),
    free_limit_yen  BIGINT       NOT NULL CHECK (free_limit_yen >= 0),
    approval_reason VARCHAR(1000),
    submitted_by    VARCHAR(200) NOT NULL,
    approved_by     VARCHAR(200),
    submitted_at    TIMESTAMPTZ  NOT NULL,
    accepted_at     TIMESTAMPTZ,
    UNIQUE (grant_id, fiscal_year),
    CHECK ((status = 'ACCEPTED') = (accepted_at IS NOT NULL))
);

CREATE TABLE annual_report_line (
    report_id  UUID        NOT NULL REFERENCES annual_report (report_id),
    category   VARCHAR(32) NOT NULL,
    amount_yen BIGINT      NOT NULL CHECK (amount_yen >= 0),
    paid_yen   BIGINT      NOT NULL CHECK (paid_yen >= 0),
    PRIMARY KEY (report_id, category)
);

-- 6. The final settlement (額の確定): one per grant.
CREATE TABLE settlement (
    settlement_id         UUID         PRIMARY KEY,
    grant_id              UUID         NOT NULL UNIQUE REFERENCES grant_account (grant_id),
    final_amount_yen      BIGINT       NOT NULL CHECK (final_amount_yen >= 0),
    final_indirect_yen    BIGINT       NOT NULL CHECK (final_indirect_yen >= 0),
    paid_yen              BIGINT       NOT NULL CHECK (paid_yen >= 0),
    refunded_yen          BIGINT       NOT NULL CHECK (refunded_yen >= 0),
    additional_charge_yen BIGINT       NOT NULL CHECK (additional_charge_yen >= 0),
    journal_entry_id      UUID,
    actor                 VARCHAR(200) NOT NULL,
    actor_role            VARCHAR(64)  NOT NULL,
    correlation_id        VARCHAR(100),
    causation_id          VARCHAR(200),
    recorded_at           TIMESTAMPTZ  NOT NULL
);
