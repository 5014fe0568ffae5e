-- sql/import/release.sql: create the release row of a premium data import
-- (after validation, before its rows are loaded); imp_release holds its id
-- and psql variable :rel_id too. live.sql switches it live.
CREATE TEMP TABLE imp_release ON COMMIT DROP AS
WITH r AS (
	INSERT INTO app.releases (dataset, version, label, effective,
	    source_file, sha256, licensed)
	SELECT dataset, version, label, effective, fname, sha256, false
	FROM imp_params
	RETURNING id
)
SELECT id FROM r;
SELECT id AS rel_id FROM imp_release \gset
