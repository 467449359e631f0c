-- After the backfill (V11_1, in Java: the entries written before V11 chained in position order),
-- every entry is a link, and no two links of a chain share a sequence: a second writer that read
-- the same head fails instead of forking the chain.
ALTER TABLE journal_entry
    ALTER COLUMN chain_id SET NOT NULL,
    ALTER COLUMN chain_seq SET NOT NULL,
    ALTER COLUMN previous_hash SET NOT NULL,
    ALTER COLUMN entry_hash SET NOT NULL;
CREATE UNIQUE INDEX journal_entry_chain_link ON journal_entry (chain_id, chain_seq);
