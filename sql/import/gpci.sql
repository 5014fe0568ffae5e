-- sql/import/gpci.sql: GPCIs by payment locality (CMS GPCI<year>.csv) into
-- app.pfs_gpci. Title lines, then the header row (MAC, State, Locality
-- Number, Locality Name, PW GPCI, PE GPCI, MP GPCI), one row per locality,
-- then footnote rows (text in the first cell only). mac is zero-padded to
-- 5 digits, locality to 2.
\i :dir/premium-common.sql
SELECT format('staged %s records', count(*)) FROM imp_csv;
SELECT coalesce(min(lineno), 0) AS hdr FROM imp_csv
WHERE c1 ~* '^\s*(medicare administrative contractor|mac\M)'
    AND c3 ~* 'locality' \gset
INSERT INTO imp_bad
SELECT NULL, 'no header row (MAC, State, Locality Number, Locality Name, '
    'PW GPCI, PE GPCI, MP GPCI)'
WHERE :hdr = 0;

CREATE TEMP TABLE imp_g ON COMMIT DROP AS
SELECT lineno, btrim(c1) AS mac, btrim(c2) AS state, btrim(c3) AS locality,
    btrim(c4) AS name, btrim(c5) AS w, btrim(c6) AS pe, btrim(c7) AS mp
FROM imp_csv
WHERE lineno > :hdr AND :hdr > 0
    AND coalesce(btrim(concat(c2, c3, c4, c5, c6, c7)), '') <> '';

INSERT INTO imp_bad
SELECT NULL, 'file is empty (no localities)'
WHERE NOT EXISTS (SELECT 1 FROM imp_g);
INSERT INTO imp_bad
SELECT lineno, problem FROM (
	SELECT lineno, CASE
	WHEN coalesce(mac, '') !~ '^[0-9]{4,5}$' THEN
		format('MAC "%s" must be a 5-digit contractor number',
		    coalesce(mac, ''))
	WHEN coalesce(state, '') !~ '^[A-Z]{2}$' THEN
		format('state "%s" must be a 2-letter code', coalesce(state, ''))
	WHEN coalesce(locality, '') !~ '^[0-9]{1,2}$' THEN
		format('locality number "%s" must be 1 or 2 digits',
		    coalesce(locality, ''))
	WHEN coalesce(name, '') = '' THEN
		'locality name is empty'
	WHEN NOT (coalesce(pg_temp.is_num(w), false)
	    AND coalesce(pg_temp.is_num(pe), false)
	    AND coalesce(pg_temp.is_num(mp), false)) THEN
		'the three GPCIs must be numbers'
	END AS problem
	FROM imp_g
) b
WHERE problem IS NOT NULL;
INSERT INTO imp_bad
SELECT lineno, format('duplicate locality %s-%s (also on line %s)', mac,
    locality, first)
FROM (
	SELECT lineno, mac, locality, min(lineno) OVER (PARTITION BY
	    lpad(mac, 5, '0'), lpad(locality, 2, '0')) AS first
	FROM imp_g
) d
WHERE lineno > first;
\i :dir/check.sql
SELECT 'validated';

\i :dir/release.sql
INSERT INTO app.pfs_gpci (release_id, mac, state, locality, name, gpci_work,
    gpci_pe, gpci_mp)
SELECT :rel_id, lpad(mac, 5, '0'), state, lpad(locality, 2, '0'), name,
    w::numeric, pe::numeric, mp::numeric
FROM imp_g;
UPDATE app.releases SET counts = jsonb_build_object('localities',
    (SELECT count(*) FROM app.pfs_gpci WHERE release_id = :rel_id))
WHERE id = :rel_id;
SELECT format('inserted %s localities', counts->'localities')
FROM app.releases WHERE id = :rel_id;
