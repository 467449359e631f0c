-- Fills grant_disbursement from the events already stored, for the grants already in the read
-- model, so that an upgraded service lists every earlier disbursement without a rebuild. It writes
-- what GrantProjection writes for the same events (GrantDisbursementBackfillTest checks that), and
-- the projection's statements are idempotent in the same way, so the events after the read-model
-- processor's token, which the processor applies once it starts, leave these rows as they are.
-- (With several instances upgraded one by one, an old instance may apply events without writing
-- here meanwhile: rebuild the read model once the last old instance is gone,
-- POST /api/v1/admin/projections/grant-read-model/rebuild.)

-- Requests: open until an answer below settles them.
INSERT INTO grant_disbursement (grant_id, disbursement_id, fiscal_year, amount_yen, expense_category, state,
                                position, requested_at)
SELECT DISTINCT ON (e.aggregate_identifier, p.body ->> 'disbursementId')
       e.aggregate_identifier::uuid, (p.body ->> 'disbursementId')::uuid, (p.body ->> 'fiscalYear')::int,
       (p.body ->> 'amountYen')::bigint, p.body ->> 'expenseCategory', 'REQUESTED',
       e.sequence_number, e.time_stamp::timestamptz
  FROM domain_event_entry e
 CROSS JOIN LATERAL (SELECT convert_from(e.payload, 'UTF8')::jsonb AS body) p
 WHERE e.payload_type = 'jp.grants.contracts.grant.DisbursementRequested'
   AND EXISTS (SELECT 1 FROM grant_summary g WHERE g.grant_id::text = e.aggregate_identifier)
 ORDER BY e.aggregate_identifier, p.body ->> 'disbursementId', e.sequence_number
ON CONFLICT (grant_id, disbursement_id) DO NOTHING;

-- Answers: the first answer of each disbursement settles it (a payment the grant never requested
-- gets its row here); later ones change nothing, as in the projection.
INSERT INTO grant_disbursement (grant_id, disbursement_id, fiscal_year, amount_yen, expense_category, state,
                                position, settled_sequence, settled_at, rule)
SELECT DISTINCT ON (e.aggregate_identifier, p.body ->> 'disbursementId')
       e.aggregate_identifier::uuid, (p.body ->> 'disbursementId')::uuid, (p.body ->> 'fiscalYear')::int,
       (p.body ->> 'amountYen')::bigint, p.body ->> 'expenseCategory',
       CASE WHEN e.payload_type = 'jp.grants.contracts.grant.FundsDisbursed' THEN 'DISBURSED' ELSE 'REJECTED' END,
       e.sequence_number, e.sequence_number, e.time_stamp::timestamptz,
       CASE WHEN e.payload_type = 'jp.grants.contracts.grant.FundsDisbursed' THEN NULL ELSE p.body ->> 'rule' END
  FROM domain_event_entry e
 CROSS JOIN LATERAL (SELECT convert_from(e.payload, 'UTF8')::jsonb AS body) p
 WHERE e.payload_type IN ('jp.grants.contracts.grant.FundsDisbursed', 'jp.grants.contracts.grant.DisbursementRejected')
   AND EXISTS (SELECT 1 FROM grant_summary g WHERE g.grant_id::text = e.aggregate_identifier)
 ORDER BY e.aggregate_identifier, p.body ->> 'disbursementId', e.sequence_number
ON CONFLICT (grant_id, disbursement_id) DO UPDATE
   SET state            = EXCLUDED.state,
       fiscal_year      = EXCLUDED.fiscal_year,
       amount_yen       = EXCLUDED.amount_yen,
       expense_category = COALESCE(EXCLUDED.expense_category, grant_disbursement.expense_category),
       settled_sequence = EXCLUDED.settled_sequence,
       settled_at       = EXCLUDED.settled_at,
       rule             = EXCLUDED.rule
 WHERE grant_disbursement.state = 'REQUESTED';
