-- The grant list read model, kept by the grant-read-model streaming processor and rebuildable
-- from the event store at any time.
CREATE TABLE grant_summary (
    grant_id          UUID         PRIMARY KEY,
    program_code      VARCHAR(50)  NOT NULL,
    status            VARCHAR(20)  NOT NULL,
    phase             VARCHAR(30),
    title             TEXT         NOT NULL,
    applicant_id      VARCHAR(200) NOT NULL,
    pi_name           TEXT,
    pi_institution    TEXT,
    start_fiscal_year INT          NOT NULL,
    end_fiscal_year   INT          NOT NULL,
    total_awarded_yen BIGINT       NOT NULL DEFAULT 0,
    disbursed_yen     BIGINT       NOT NULL DEFAULT 0,
    version           BIGINT       NOT NULL,
    submitted_at      TIMESTAMPTZ  NOT NULL,
    updated_at        TIMESTAMPTZ  NOT NULL
);
CREATE INDEX grant_summary_program_status ON grant_summary (program_code, status);
CREATE INDEX grant_summary_years ON grant_summary (start_fiscal_year, end_fiscal_year);
CREATE INDEX grant_summary_applicant ON grant_summary (applicant_id);

-- Host institutions and the PI's institution, for the institution filter.
CREATE TABLE grant_institution (
    grant_id    UUID        NOT NULL REFERENCES grant_summary (grant_id) ON DELETE CASCADE,
    institution TEXT        NOT NULL,
    role        VARCHAR(10) NOT NULL,
    PRIMARY KEY (grant_id, institution, role)
);
CREATE INDEX grant_institution_name ON grant_institution (lower(institution));
