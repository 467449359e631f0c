-- Money movements (issue 14, ledger-money): carry-overs and refunds go through the disbursement
-- engine with Idempotency-Keys, and a refund keeps how its additional charge was computed.

-- 1. An Idempotency-Key names the operation it created: a disbursement (null, as before), a
--    carry-over or a refund; the id is in disbursement_id (the operation's id).
ALTER TABLE idempotency_key ADD COLUMN operation VARCHAR(16)
    CHECK (operation IS NULL OR operation IN ('DISBURSEMENT', 'CARRY_OVER', 'REFUND'));

-- 2. The additional charge of an ordered refund (Subsidies Act Art. 19(2)): the returned amount
--    counts as received on the latest payment's date, then going back; one line per payment part.
ALTER TABLE refund ADD COLUMN charge_journal_entry_id UUID;
CREATE TABLE refund_charge_line (
    refund_id       UUID    NOT NULL REFERENCES refund (refund_id),
    line_no         INT     NOT NULL,
    disbursement_id UUID    NOT NULL,
    paid_on         DATE    NOT NULL,
    amount_yen      BIGINT  NOT NULL CHECK (amount_yen > 0),
    days            INT     NOT NULL CHECK (days >= 0),
    charge_yen      BIGINT  NOT NULL CHECK (charge_yen >= 0),
    PRIMARY KEY (refund_id, line_no)
);

-- 3. Carry-overs and refunds are never changed once written.
CREATE TRIGGER carry_over_append_only BEFORE UPDATE OR DELETE ON carry_over
    FOR EACH ROW EXECUTE FUNCTION journal_refuse_change();
CREATE TRIGGER refund_append_only BEFORE UPDATE OR DELETE ON refund
    FOR EACH ROW EXECUTE FUNCTION journal_refuse_change();
CREATE TRIGGER refund_charge_line_append_only BEFORE UPDATE OR DELETE ON refund_charge_line
    FOR EACH ROW EXECUTE FUNCTION journal_refuse_change();
