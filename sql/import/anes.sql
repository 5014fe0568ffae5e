-- sql/import/anes.sql: anesthesia conversion factors by locality (CMS
-- ANES<year>.csv) into app.pfs_anes. Header row (Contractor, Locality,
-- Locality Name, National Anes CF of N), one row per locality; blank rows
-- skipped. mac and locality zero-padded as in app.pfs_gpci.
\i :dir/premium-common.sql
SELECT format('staged %s records', count(*)) FROM imp_csv;
INSERT INTO imp_bad
SELECT 1, 'header must be: Contractor,Locality,Locality Name,National Anes CF ...'
WHERE NOT EXISTS (SELECT 1 FROM imp_csv WHERE lineno = 1
    AND btrim(c1) = 'Contractor' AND btrim(c2) = 'Locality');

CREATE TEMP TABLE imp_a ON COMMIT DROP AS
SELECT lineno, btrim(c1) AS mac, btrim(c2) AS locality, btrim(c3) AS name,
    btrim(c4) AS cf
FROM imp_csv
WHERE lineno > 1 AND coalesce(btrim(concat(c1, c2, c3, c4)), '') <> '';

INSERT INTO imp_bad
SELECT NULL, 'file is empty (no localities)'
WHERE NOT EXISTS (SELECT 1 FROM imp_a);
INSERT INTO imp_bad
SELECT lineno, problem FROM (
	SELECT lineno, CASE
	WHEN coalesce(mac, '') !~ '^[0-9]{4,5}$' THEN
		format('contractor "%s" must be a 5-digit number',
		    coalesce(mac, ''))
	WHEN coalesce(locality, '') !~ '^[0-9]{1,2}$' THEN
		format('locality "%s" must be 1 or 2 digits',
		    coalesce(locality, ''))
	WHEN NOT coalesce(pg_temp.is_num(cf), false) THEN
		format('conversion factor "%s" must be a number',
		    coalesce(cf, ''))
	END AS problem
	FROM imp_a
) b
WHERE problem IS NOT NULL;
INSERT INTO imp_bad
SELECT lineno, format('duplicate locality %s-%s (also on line %s)', mac,
    locality, first)
FROM (
	SELECT lineno, mac, locality, min(lineno) OVER (PARTITION BY
	    lpad(mac, 5, '0'), lpad(locality, 2, '0')) AS first
	FROM imp_a
) d
WHERE lineno > first;
\i :dir/check.sql
SELECT 'validated';

\i :dir/release.sql
INSERT INTO app.pfs_anes (release_id, mac, locality, name, conv_factor)
SELECT :rel_id, lpad(mac, 5, '0'), lpad(locality, 2, '0'), nullif(name, ''),
    cf::numeric
FROM imp_a;
UPDATE app.releases SET counts = jsonb_build_object('localities',
    (SELECT count(*) FROM app.pfs_anes WHERE release_id = :rel_id),
    'national_cf', (SELECT substring(c4 FROM '([0-9]+\.[0-9]+)')::numeric
	FROM imp_csv WHERE lineno = 1))
WHERE id = :rel_id;
SELECT format('inserted %s localities', counts->'localities')
FROM app.releases WHERE id = :rel_id;
