-- A committee's decision that the grant refused (CommitteeDecisionRefused, issue 15): the review
-- opens again for a new decision and the refused one is kept here, in the order they came.
ALTER TABLE review ADD COLUMN round INT NOT NULL DEFAULT 0 CHECK (round >= 0);
COMMENT ON COLUMN review.round IS 'how many of the review''s decisions the grant refused';

CREATE TABLE review_refused_decision (
    review_id             UUID         NOT NULL REFERENCES review (id),
    round                 INT          NOT NULL CHECK (round >= 1),
    recommendation        VARCHAR(20)  NOT NULL,
    grade                 VARCHAR(1),
    rationale             TEXT         NOT NULL,
    mean_score_hundredths INT,
    allocations           JSONB,
    decided_by            VARCHAR(200) NOT NULL,
    decided_at            TIMESTAMPTZ  NOT NULL,
    decision_event_id     VARCHAR(100) NOT NULL,
    refused_rule          VARCHAR(100) NOT NULL,
    refused_reason        TEXT         NOT NULL,
    refused_at            TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (review_id, round)
);
