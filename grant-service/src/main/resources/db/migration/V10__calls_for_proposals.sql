-- Calls for proposals (公募, issue 19): a program's call for a fiscal year, the proposals submitted to
-- it and the awards made from it. The row is the call's current state (version = its last event's
-- sequence); call_event is its append-only history, published to call-events through the outbox in
-- the same transaction. awarded never passes planned_awards: an award takes its place with one
-- conditional UPDATE (call_award names the grants), and only an explicit decision with a reason
-- (CallPlannedAwardsChanged) raises planned_awards.
CREATE TABLE call_for_proposals (
    call_id         UUID         PRIMARY KEY,
    program_code    VARCHAR(50)  NOT NULL,
    fiscal_year     INT          NOT NULL,
    title           TEXT         NOT NULL,
    partner_agency  TEXT,
    opens_on        DATE         NOT NULL,
    closes_on       DATE         NOT NULL,
    planned_awards  INT          NOT NULL CHECK (planned_awards >= 1),
    awarded         INT          NOT NULL DEFAULT 0 CHECK (awarded >= 0 AND awarded <= planned_awards),
    proposals       INT          NOT NULL DEFAULT 0 CHECK (proposals >= 0),
    closed_on       DATE,
    close_reason    TEXT,
    version         BIGINT       NOT NULL DEFAULT 0,
    opened_by       VARCHAR(200) NOT NULL,
    opened_at       TIMESTAMPTZ  NOT NULL,
    CHECK (closes_on >= opens_on)
);
CREATE INDEX call_for_proposals_program_year ON call_for_proposals (program_code, fiscal_year);

CREATE TABLE call_event (
    call_id     UUID         NOT NULL REFERENCES call_for_proposals (call_id),
    sequence    BIGINT       NOT NULL CHECK (sequence >= 0),
    event_id    UUID         NOT NULL UNIQUE,
    event_type  VARCHAR(200) NOT NULL,
    payload     JSONB        NOT NULL,
    actor       VARCHAR(200) NOT NULL,
    actor_role  VARCHAR(50)  NOT NULL,
    recorded_at TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (call_id, sequence)
);

CREATE FUNCTION call_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'call_event is append-only';
END;
$$;
CREATE TRIGGER call_event_append_only BEFORE UPDATE OR DELETE ON call_event
  FOR EACH ROW EXECUTE FUNCTION call_event_append_only();

CREATE TABLE call_award (
    call_id    UUID        NOT NULL REFERENCES call_for_proposals (call_id),
    grant_id   UUID        NOT NULL UNIQUE,
    awarded_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (call_id, grant_id)
);

-- The grant list knows each grant's call (null: submitted outside a call), for the portfolio by call.
ALTER TABLE grant_summary ADD COLUMN call_id UUID;
CREATE INDEX grant_summary_call ON grant_summary (call_id) WHERE call_id IS NOT NULL;
