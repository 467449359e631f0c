-- The grant's history of its money (issue 14): the read model shows the indirect costs paid with
-- each disbursement, and per grant what it holds net of refunds, its indirect costs and whether
-- the ledger settled it (額の確定) with which final amount. Kept by GrantProjection.
--
-- No backfill is needed: before this version the ledger paid no indirect costs and recorded no
-- refunds, carry-overs or settlements, so the defaults below are what the projection would have
-- written for every earlier event. The per-fiscal-year figures (allocation, carried in and out,
-- paid, indirect, refunded, reported, final) are the aggregate's, shown by GET /api/v1/grants/{id}
-- and GET /api/v1/grants/{id}/disbursements with the grant's version, strongly consistent.

-- null: paid before the ledger paid indirect costs, or not paid (requested, refused)
ALTER TABLE grant_disbursement ADD COLUMN indirect_cost_yen BIGINT;

-- disbursed_yen (V2) now nets refunds: paid - refunded, as the grant's disbursedYen
ALTER TABLE grant_summary ADD COLUMN indirect_cost_yen BIGINT  NOT NULL DEFAULT 0;
ALTER TABLE grant_summary ADD COLUMN refunded_yen      BIGINT  NOT NULL DEFAULT 0;
ALTER TABLE grant_summary ADD COLUMN settled           BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE grant_summary ADD COLUMN final_amount_yen  BIGINT;
