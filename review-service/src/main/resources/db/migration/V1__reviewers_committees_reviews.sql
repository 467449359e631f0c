-- Reviewer registry: who may sit on committees and review. The subject is the login (JWT subject)
-- through which a reviewer scores and declares conflicts, and a chair decides.
CREATE TABLE reviewer (
    id            UUID         PRIMARY KEY,
    subject       VARCHAR(200) NOT NULL UNIQUE,
    name          VARCHAR(200) NOT NULL,
    affiliation   VARCHAR(300) NOT NULL,
    country       CHAR(2)      NOT NULL CHECK (country ~ '^[A-Z]{2}$'),
    fields        JSONB        NOT NULL DEFAULT '[]',
    registered_at TIMESTAMPTZ  NOT NULL,
    registered_by VARCHAR(200) NOT NULL
);

-- Conflicts a reviewer declared. The normalized value is what detection compares; one declaration
-- of the same conflict is enough.
CREATE TABLE reviewer_conflict (
    id               UUID         PRIMARY KEY,
    reviewer_id      UUID         NOT NULL REFERENCES reviewer (id),
    kind             VARCHAR(20)  NOT NULL CHECK (kind IN ('INSTITUTION', 'PERSON', 'GRANT')),
    value            VARCHAR(300) NOT NULL,
    normalized_value VARCHAR(300) NOT NULL,
    reason           VARCHAR(2000),
    declared_at      TIMESTAMPTZ  NOT NULL,
    declared_by      VARCHAR(200) NOT NULL,
    UNIQUE (reviewer_id, kind, normalized_value)
);

-- One committee per program code of the catalog; its members are registered reviewers.
CREATE TABLE committee (
    program_code VARCHAR(50)  PRIMARY KEY,
    updated_at   TIMESTAMPTZ  NOT NULL,
    updated_by   VARCHAR(200) NOT NULL,
    version      BIGINT       NOT NULL DEFAULT 0
);

CREATE TABLE committee_member (
    id           UUID        PRIMARY KEY,
    program_code VARCHAR(50) NOT NULL REFERENCES committee (program_code),
    reviewer_id  UUID        NOT NULL REFERENCES reviewer (id),
    role         VARCHAR(30) NOT NULL CHECK (role IN ('CHAIR', 'MEMBER', 'PROGRAM_DIRECTOR', 'PROGRAM_OFFICER')),
    UNIQUE (program_code, reviewer_id)
);
-- A committee has at most one chair: the one who decides.
CREATE UNIQUE INDEX committee_one_chair ON committee_member (program_code) WHERE role = 'CHAIR';

-- What this service knows of each grant, from grant-events: who is behind it (for conflict
-- detection) and where it stands.
CREATE TABLE grant_view (
    grant_id           UUID         PRIMARY KEY,
    program_code       VARCHAR(50)  NOT NULL,
    title              VARCHAR(500) NOT NULL,
    applicant_id       VARCHAR(200),
    pi_name            VARCHAR(200),
    pi_institution     VARCHAR(300),
    pi_country         VARCHAR(10),
    host_institutions  JSONB        NOT NULL DEFAULT '[]',
    start_fiscal_year  INT          NOT NULL,
    duration_years     INT          NOT NULL,
    phase              VARCHAR(50),
    status             VARCHAR(30)  NOT NULL,
    updated_at         TIMESTAMPTZ  NOT NULL
);

-- Annual follow-up figures, shown to the reviewers of follow-ups and stage gates.
CREATE TABLE follow_up_report (
    grant_id                UUID         NOT NULL REFERENCES grant_view (grant_id),
    fiscal_year             INT          NOT NULL,
    principal_investigators INT          NOT NULL,
    total_staff             INT          NOT NULL,
    researchers             INT          NOT NULL,
    researchers_from_abroad INT          NOT NULL,
    narrative               TEXT,
    reported_at             TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (grant_id, fiscal_year)
);

-- A review of one grant: opened by a grant event, decided once by the committee chair.
CREATE TABLE review (
    id                     UUID         PRIMARY KEY,
    grant_id               UUID         NOT NULL REFERENCES grant_view (grant_id),
    program_code           VARCHAR(50)  NOT NULL,
    kind                   VARCHAR(30)  NOT NULL,
    fiscal_year            INT          NOT NULL,
    target_phase           VARCHAR(50),
    status                 VARCHAR(20)  NOT NULL CHECK (status IN ('OPEN', 'DECIDED', 'WITHDRAWN')),
    opened_at              TIMESTAMPTZ  NOT NULL,
    opened_by_event        VARCHAR(100) NOT NULL,
    recommendation         VARCHAR(20),
    grade                  VARCHAR(1)   CHECK (grade IN ('S', 'A', 'B', 'C')),
    rationale              TEXT,
    mean_score_hundredths  INT,
    allocations            JSONB,
    decided_by             VARCHAR(200),
    decided_at             TIMESTAMPTZ,
    withdrawn_reason       VARCHAR(500),
    version                BIGINT       NOT NULL DEFAULT 0,
    -- Opening is idempotent: one review per grant, kind and fiscal year...
    UNIQUE (grant_id, kind, fiscal_year),
    CHECK (status <> 'DECIDED' OR (recommendation IS NOT NULL AND rationale IS NOT NULL AND decided_at IS NOT NULL))
);
-- ...and one selection review per grant, whatever the year.
CREATE UNIQUE INDEX review_one_selection ON review (grant_id) WHERE kind = 'SELECTION';
CREATE INDEX review_by_status ON review (status, opened_at);

CREATE TABLE review_assignment (
    id          UUID         PRIMARY KEY,
    review_id   UUID         NOT NULL REFERENCES review (id),
    reviewer_id UUID         NOT NULL REFERENCES reviewer (id),
    assigned_at TIMESTAMPTZ  NOT NULL,
    assigned_by VARCHAR(200) NOT NULL,
    UNIQUE (review_id, reviewer_id)
);
CREATE INDEX review_assignment_by_reviewer ON review_assignment (reviewer_id);

-- One scorecard per assigned reviewer per review; it goes with the assignment.
CREATE TABLE scorecard (
    id            UUID        PRIMARY KEY,
    assignment_id UUID        NOT NULL UNIQUE REFERENCES review_assignment (id) ON DELETE CASCADE,
    review_id     UUID        NOT NULL REFERENCES review (id),
    reviewer_id   UUID        NOT NULL REFERENCES reviewer (id),
    submitted_at  TIMESTAMPTZ NOT NULL,
    UNIQUE (review_id, reviewer_id)
);

CREATE TABLE scorecard_score (
    scorecard_id UUID          NOT NULL REFERENCES scorecard (id) ON DELETE CASCADE,
    axis_code    VARCHAR(50)   NOT NULL,
    score        SMALLINT      NOT NULL CHECK (score BETWEEN 1 AND 5),
    comment      VARCHAR(4000) NOT NULL CHECK (length(trim(comment)) > 0),
    PRIMARY KEY (scorecard_id, axis_code)
);
