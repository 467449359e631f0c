-- The disbursement engine (group commit): many disbursements are written in one transaction, each
-- table's rows in one multi-row statement. The journal's invariants are kept at the cost of one
-- check per statement and one per entry, instead of one per line.

-- 1. Balance. Every statement that adds lines must leave each entry it touched balanced, with at
--    least two lines: a line added to an entry written earlier unbalances it and is refused, and an
--    entry's lines are written by one statement (the ledger's code does; see journal.persistence).
DROP TRIGGER journal_line_balanced ON journal_line;
DROP FUNCTION journal_check_balanced();

CREATE FUNCTION journal_check_lines_balanced() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    bad RECORD;
BEGIN
    SELECT l.entry_id, sum(l.debit_yen) AS debits, sum(l.credit_yen) AS credits, count(*) AS lines
      INTO bad
      FROM journal_line l
     WHERE l.entry_id IN (SELECT entry_id FROM added)
     GROUP BY l.entry_id
    HAVING sum(l.debit_yen) <> sum(l.credit_yen) OR count(*) < 2
     LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'journal entry % does not balance: debits %, credits %, % line(s)',
            bad.entry_id, bad.debits, bad.credits, bad.lines USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER journal_lines_balanced AFTER INSERT ON journal_line
    REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION journal_check_lines_balanced();

-- 2. No entry without its lines: checked at commit, once per entry (lines may be written before or
--    after their entry within the transaction; the foreign key is deferred too).
CREATE FUNCTION journal_check_entry_has_lines() RETURNS trigger LANGUAGE plpgsql AS $$
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

CREATE CONSTRAINT TRIGGER journal_entry_balanced AFTER INSERT ON journal_entry
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION journal_check_entry_has_lines();

-- 3. A disbursement's answer event id is derived from its id (LedgerEventPublisher.answerEventId),
--    so it is unique by construction; the outbox's own unique event id still refuses a second answer.
ALTER TABLE disbursement DROP CONSTRAINT disbursement_answer_event_id_key;

-- 4. Idempotency keys point at the disbursement they answered: a retry's answer is rendered from
--    the disbursement row (the stored body of earlier rows is still answered as it is).
COMMENT ON COLUMN idempotency_key.disbursement_id IS
    'the disbursement this key created; its answer is rendered from the disbursement row';

-- 5. An entry's amount is the amount it moved (a payment of 47,000 yen), no longer the sum of its
--    debits (which read 141,000 for that payment, and 10,000,000 for an award of 5,000,000). The
--    entries written before this migration get the same reading once: the column is derived from
--    the entry's lines, which stay exactly as they were; the append-only trigger is suspended for
--    this one statement inside the migration's transaction and nothing else is touched.
ALTER TABLE journal_entry DISABLE TRIGGER journal_entry_append_only;
UPDATE journal_entry e
   SET amount_yen = coalesce(
         CASE WHEN e.kind IN ('GRANT_AWARDED', 'ALLOCATION_CHANGED', 'ALLOCATION_RELEASED') THEN
           coalesce((SELECT max(greatest(l.debit_yen, l.credit_yen)) FROM journal_line l
                      WHERE l.entry_id = e.entry_id AND l.account LIKE 'grant:%:award'),
                    (SELECT sum(l.debit_yen) FROM journal_line l
                      WHERE l.entry_id = e.entry_id AND l.account LIKE 'grant:%:allocation'))
         ELSE (SELECT max(greatest(l.debit_yen, l.credit_yen)) FROM journal_line l WHERE l.entry_id = e.entry_id)
         END, e.amount_yen);
ALTER TABLE journal_entry ENABLE TRIGGER journal_entry_append_only;
