-- sql/import/hcpcs-common.sql: checks and load shared by both HCPCS
-- layouts; imp_hc holds one row per code (recid 3) or modifier (recid 7).
INSERT INTO imp_bad
SELECT lineno, problem FROM (
	SELECT lineno, CASE
	WHEN recid IS NULL OR recid NOT IN ('3', '7') THEN
		format('RECID must be 3 (code) or 7 (modifier), not "%s"',
		    coalesce(recid, ''))
	WHEN recid = '3' AND raw_code !~ '^[A-Z][0-9]{4}$' THEN
		format('"%s" is not a HCPCS Level II code (a letter and 4 digits)',
		    raw_code)
	WHEN recid = '7' AND raw_code !~ '^ {0,3}[0-9A-Z]{2}$' THEN
		format('"%s" is not a modifier (2 letters or digits)', raw_code)
	WHEN coalesce(long_title, '') = '' THEN
		format('%s has no long description', code)
	WHEN NOT (coalesce(added, '') ~ '^([0-9]{8})?$'
	    AND coalesce(action_effective, '') ~ '^([0-9]{8})?$'
	    AND coalesce(terminated, '') ~ '^([0-9]{8})?$') THEN
		format('%s: dates must be YYYYMMDD', code)
	END AS problem
	FROM imp_hc
) s
WHERE problem IS NOT NULL;

INSERT INTO imp_bad
SELECT lineno, format('duplicate %s %s (also on line %s)',
    CASE recid WHEN '3' THEN 'code' ELSE 'modifier' END, code, first)
FROM (
	SELECT lineno, recid, code,
	    min(lineno) OVER (PARTITION BY recid, code) AS first
	FROM imp_hc WHERE recid IN ('3', '7')
) d
WHERE lineno > first;

\i :dir/check.sql
SELECT 'validated';

CREATE FUNCTION pg_temp.ymd(d text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
	SELECT CASE WHEN d ~ '^[0-9]{8}$'
	    THEN substr(d, 1, 4) || '-' || substr(d, 5, 2) || '-' || substr(d, 7, 2)
	    END
$$;

CREATE TEMP TABLE imp_hc_attrs ON COMMIT DROP AS
SELECT lineno, jsonb_strip_nulls(jsonb_build_object(
	'added', pg_temp.ymd(added),
	'action_effective', pg_temp.ymd(action_effective),
	'terminated', pg_temp.ymd(terminated),
	'action_code', nullif(action_code, ''),
	'coverage', nullif(coverage, ''),
	'betos', nullif(betos, ''),
	'pricing', CASE WHEN cardinality(array_remove(pricing, '')) > 0
	    THEN to_jsonb(array_remove(pricing, '')) END,
	'asc_group', nullif(asc_group, ''),
	'type_of_service', nullif(tos, ''))) AS attrs
FROM imp_hc;

INSERT INTO imp_nodes (code, display, kind, billable, short_title, title, ord,
    attrs)
SELECT h.code, h.code, 'code', true, h.short_title, h.long_title,
    row_number() OVER (ORDER BY h.code), a.attrs
FROM imp_hc h JOIN imp_hc_attrs a USING (lineno)
WHERE h.recid = '3';

UPDATE imp_nodes n SET parent = s.first_code || '-' || s.last_code
FROM app.hcpcs_sections s
WHERE n.kind = 'code' AND n.code BETWEEN s.first_code AND s.last_code;

INSERT INTO imp_nodes (code, display, kind, title, ord, attrs)
SELECT s.first_code || '-' || s.last_code,
    s.first_code || '–' || s.last_code, 'section', s.title, c.ord,
    jsonb_build_object('first', s.first_code, 'last', s.last_code)
FROM app.hcpcs_sections s
JOIN (SELECT parent, min(ord) AS ord FROM imp_nodes GROUP BY parent) c
    ON c.parent = s.first_code || '-' || s.last_code;

INSERT INTO imp_mods (modifier, short_title, title, attrs)
SELECT h.code, h.short_title, h.long_title, a.attrs
FROM imp_hc h JOIN imp_hc_attrs a USING (lineno)
WHERE h.recid = '7';
