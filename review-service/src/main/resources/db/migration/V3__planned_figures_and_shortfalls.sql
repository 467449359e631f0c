-- The seeds' thresholds (issue 15, part 3): a proposal's planned figures, which a selection's AWARD
-- is checked against (the same check grant-service applies), and each follow-up's shortfalls
-- against its phase's requirements, which evaluation reviews list. Null where the event carried none
-- (events from before the fields existed, or programs without requirements).
ALTER TABLE grant_view ADD COLUMN planned_figures JSONB;
COMMENT ON COLUMN grant_view.planned_figures IS 'ProposalSubmitted.plannedFigures: PIs, staff, researchers, from abroad';

ALTER TABLE follow_up_report ADD COLUMN shortfalls JSONB;
COMMENT ON COLUMN follow_up_report.shortfalls IS 'AnnualFollowUpReported.shortfalls: requirements of the phase the figures missed';
