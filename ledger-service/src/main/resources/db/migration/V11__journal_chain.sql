-- Tamper evidence for the journal (issue 18): every journal entry is a link of a hash chain, one
-- chain per account the entry is about:
--   * an entry with a grant (award, plan changes, releases, payments, carry-overs, refunds, charges,
--     the settlement) chains in its grant's chain, whose id is the grant id (lower-case UUID text);
--   * an entry without a grant (a pool's budget for a year, a fund's total, a fund migration) chains
--     in its budget pool's chain, 'pool:<code>', across fiscal years: the pool is what holds that
--     money, and a fund's entries have no fiscal year at all.
-- The hash is contracts' ChainHash, as grant-service's event store and review-service's decision
-- chain compute it, so that contracts' ChainVerifier and the offline audit-verifier check a ledger
-- export unchanged:
--
-- entry_hash(n) = ChainHash.of(previous_hash, entry_id, chain_id, chain_seq,
--                              recorded_at as 'YYYY-MM-DDTHH:MM:SS.ffffffZ' (UTC, six digits),
--                              'jp.grants.ledger.JournalEntry', no revision,
--                              the entry's canonical JSON (journal.chain.JournalChain), no metadata)
--
-- The canonical JSON is rebuilt from the entry's row and its lines (ordered by line_no) whenever the
-- chain is verified, so a changed column, a changed, added or removed line is found. The ledger
-- computes the hash in Java, in the statement batch that writes the entry, from the head it read
-- while holding the chain's row lock; the unique (chain_id, chain_seq) refuses a forked chain.
ALTER TABLE journal_entry
    ADD COLUMN chain_id      VARCHAR(80),
    ADD COLUMN chain_seq     BIGINT CHECK (chain_seq >= 0),
    ADD COLUMN previous_hash BYTEA CHECK (octet_length(previous_hash) = 32),
    ADD COLUMN entry_hash    BYTEA CHECK (octet_length(entry_hash) = 32);

-- Each chain's newest link: its sequence and hash. Written in the transaction of the entry, locked
-- (SELECT ... FOR UPDATE, in chain-id order, after every cap row) by whoever appends to the chain.
CREATE TABLE journal_chain_head (
    chain_id   VARCHAR(80) PRIMARY KEY,
    chain_seq  BIGINT      NOT NULL,  -- -1 only inside the transaction of the chain's first entry
    entry_hash BYTEA       NOT NULL CHECK (octet_length(entry_hash) = 32),
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- The head row can be changed only with its journal (it is no audit evidence by itself: verify
-- compares it with the newest entry), but never removed.
CREATE TRIGGER journal_chain_head_no_delete BEFORE DELETE ON journal_chain_head
    FOR EACH ROW EXECUTE FUNCTION journal_refuse_change();
CREATE TRIGGER journal_chain_head_no_truncate BEFORE TRUNCATE ON journal_chain_head
    FOR EACH STATEMENT EXECUTE FUNCTION journal_refuse_change();
