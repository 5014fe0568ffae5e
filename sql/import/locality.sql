-- sql/import/locality.sql: locality → counties crosswalk (CMS
-- <yy>LOCCO.csv) into app.pfs_locality_counties. Title lines, the header
-- row (MAC, Locality Number, State, Fee Schedule Area, Counties), then
-- rows; blank separator rows and footnotes ("* ...") are skipped. A row
-- with a blank State continues the state above; a row with a blank MAC and
-- locality but counties continues the counties of the row above. MAC and
-- locality are zero-padded (1112 → 01112, 5 → 05) to match app.pfs_gpci.
\i :dir/premium-common.sql
SELECT format('staged %s records', count(*)) FROM imp_csv;
SELECT coalesce(min(lineno), 0) AS hdr FROM imp_csv
WHERE c2 ~* '^\s*locality' AND c5 ~* 'counties' \gset
INSERT INTO imp_bad
SELECT NULL, 'no header row (MAC, Locality Number, State, Fee Schedule '
    'Area, Counties)'
WHERE :hdr = 0;

CREATE TEMP TABLE imp_l ON COMMIT DROP AS
SELECT lineno, btrim(c1) AS mac, btrim(c2) AS locality,
    nullif(btrim(c3), '') AS state, btrim(c4) AS area, btrim(c5) AS counties,
    CASE WHEN btrim(c1) <> '' THEN 'row'
	WHEN coalesce(btrim(concat(c2, c3, c4)), '') = ''
	    AND coalesce(btrim(c5), '') <> '' THEN 'cont'
	ELSE 'bad' END AS kind
FROM imp_csv
WHERE lineno > :hdr AND :hdr > 0
    AND coalesce(btrim(concat(c1, c2, c3, c4, c5)), '') <> ''
    AND NOT (btrim(c1) LIKE '*%'
	AND coalesce(btrim(concat(c2, c3, c4, c5)), '') = '');

INSERT INTO imp_bad
SELECT NULL, 'file is empty (no localities)'
WHERE NOT EXISTS (SELECT 1 FROM imp_l WHERE kind = 'row');
INSERT INTO imp_bad
SELECT lineno, problem FROM (
	SELECT l.lineno, CASE
	WHEN kind = 'bad' THEN
		'row without a MAC (only a counties continuation may leave '
		'MAC, locality, state and area blank)'
	WHEN kind = 'cont' AND NOT EXISTS (SELECT 1 FROM imp_l p
	    WHERE p.kind = 'row' AND p.lineno < l.lineno) THEN
		'counties continuation before the first locality row'
	WHEN kind = 'cont' THEN NULL
	WHEN mac !~ '^[0-9]{1,5}$' THEN
		format('MAC "%s" must be a contractor number', mac)
	WHEN coalesce(locality, '') !~ '^[0-9]{1,2}$' THEN
		format('locality number "%s" must be 1 or 2 digits',
		    coalesce(locality, ''))
	WHEN state IS NULL AND NOT EXISTS (SELECT 1 FROM imp_l p
	    WHERE p.kind = 'row' AND p.lineno < l.lineno
		AND p.state IS NOT NULL) THEN
		'state is blank and no row above names one'
	WHEN coalesce(area, '') = '' THEN
		'fee schedule area is empty'
	END AS problem
	FROM imp_l l
) b
WHERE problem IS NOT NULL;
\i :dir/check.sql
SELECT 'validated';

\i :dir/release.sql
INSERT INTO app.pfs_locality_counties (release_id, mac, locality, state,
    area, counties, seq)
SELECT :rel_id, lpad(r.mac, 5, '0'), lpad(r.locality, 2, '0'),
    (SELECT p.state FROM imp_l p WHERE p.kind = 'row'
	AND p.lineno <= r.lineno AND p.state IS NOT NULL
	ORDER BY p.lineno DESC LIMIT 1),
    r.area,
    nullif(concat_ws(' ', nullif(r.counties, ''),
	(SELECT string_agg(c.counties, ' ' ORDER BY c.lineno) FROM imp_l c
	 WHERE c.kind = 'cont' AND c.lineno > r.lineno
	    AND NOT EXISTS (SELECT 1 FROM imp_l x WHERE x.kind = 'row'
		AND x.lineno > r.lineno AND x.lineno < c.lineno))), ''),
    row_number() OVER (ORDER BY r.lineno)
FROM imp_l r
WHERE r.kind = 'row';
UPDATE app.releases SET counts = (
	SELECT jsonb_build_object('rows', count(*),
	    'localities', count(DISTINCT (mac, locality)))
	FROM app.pfs_locality_counties WHERE release_id = :rel_id)
WHERE id = :rel_id;
SELECT format('inserted %s locality rows', counts->'rows')
FROM app.releases WHERE id = :rel_id;
