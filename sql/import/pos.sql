-- sql/import/pos.sql: place of service codes (CSV: pos_code, pos_type,
-- pos_name, pos_description; header row) into app.pos.
\i :dir/premium-common.sql
SELECT format('staged %s records', count(*)) FROM imp_csv;
INSERT INTO imp_bad
SELECT 1, 'header must be: pos_code,pos_type,pos_name,pos_description'
WHERE NOT EXISTS (SELECT 1 FROM imp_csv WHERE lineno = 1
    AND c1 = 'pos_code' AND c2 = 'pos_type' AND c3 = 'pos_name'
    AND c4 = 'pos_description');
INSERT INTO imp_bad
SELECT NULL, 'file is empty (no codes)'
WHERE NOT EXISTS (SELECT 1 FROM imp_csv WHERE lineno > 1);
INSERT INTO imp_bad
SELECT lineno, problem FROM (
	SELECT lineno, CASE
	WHEN coalesce(btrim(c1), '') !~ '^[0-9]{2}$' THEN
		format('place of service code "%s" must be 2 digits',
		    coalesce(c1, ''))
	WHEN coalesce(btrim(c2), '') = '' OR coalesce(btrim(c3), '') = '' THEN
		'type and name must not be empty'
	END AS problem
	FROM imp_csv WHERE lineno > 1
) b
WHERE problem IS NOT NULL;
INSERT INTO imp_bad
SELECT lineno, format('duplicate code %s (also on line %s)', c1, first)
FROM (
	SELECT lineno, c1, min(lineno) OVER (PARTITION BY btrim(c1)) AS first
	FROM imp_csv WHERE lineno > 1
) d
WHERE lineno > first;
\i :dir/check.sql
SELECT 'validated';

\i :dir/release.sql
INSERT INTO app.pos (release_id, code, type, name, description)
SELECT :rel_id, btrim(c1), btrim(c2), btrim(c3), nullif(btrim(c4), '')
FROM imp_csv WHERE lineno > 1;
UPDATE app.releases SET counts = jsonb_build_object('codes',
    (SELECT count(*) FROM app.pos WHERE release_id = :rel_id))
WHERE id = :rel_id;
SELECT format('inserted %s place of service codes', counts->'codes')
FROM app.releases WHERE id = :rel_id;
