-- Annual reports, settlement and reconciliation (issue 14, ledger-reports): what V3 did not hold.

-- 1. The final amount of each fiscal year of a settled grant (GrantSettled.finalByFiscalYear), so that
--    the reconciliation shows it per year and compares it with what the year holds now.
CREATE TABLE settlement_year (
    settlement_id UUID   NOT NULL REFERENCES settlement (settlement_id),
    fiscal_year   INT    NOT NULL,
    amount_yen    BIGINT NOT NULL CHECK (amount_yen >= 0),
    indirect_yen  BIGINT NOT NULL CHECK (indirect_yen >= 0),
    PRIMARY KEY (settlement_id, fiscal_year)
);

-- 2. The causing request of a report and of its approval (Idempotency-Key, correlation), as every
--    other ledger row keeps them.
ALTER TABLE annual_report
    ADD COLUMN submitted_role   VARCHAR(64),
    ADD COLUMN approved_role    VARCHAR(64),
    ADD COLUMN correlation_id   VARCHAR(100),
    ADD COLUMN causation_id     VARCHAR(200);

-- 3. The CSV export reads a program's grants.
CREATE INDEX grant_account_by_program ON grant_account (program_code);
