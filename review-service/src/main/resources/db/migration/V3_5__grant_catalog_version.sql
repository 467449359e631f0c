-- The program catalog version a grant's rules come from (issue 15, rules pinned per grant): the
-- catalogversion of its latest grant event. A committee's decision is checked against it; null for
-- grants whose events predate catalog versioning (the catalog's baseline version applies).
ALTER TABLE grant_view ADD COLUMN catalog_version VARCHAR(50);
COMMENT ON COLUMN grant_view.catalog_version IS 'catalog version of the grant''s rules, from its events'' catalogversion';
