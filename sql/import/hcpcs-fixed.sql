-- sql/import/hcpcs-fixed.sql: HCPCS alpha-numeric file, CMS fixed-width
-- 320-byte record layout (converted to UTF-8 by the importer). Lines before
-- the first record (the CMS disclaimer) are skipped; empty lines are
-- ignored. Record ids: 3 code, 4 code continuation, 7 modifier,
-- 8 modifier continuation (positions 12-91 continue the long description).
SELECT format('staged %s lines', count(*)) FROM imp_stage;

CREATE TEMP TABLE imp_fw ON COMMIT DROP AS
SELECT lineno, line, substr(line, 1, 5) AS raw_code,
    btrim(substr(line, 1, 5)) AS code, substr(line, 6, 5) AS seqnum,
    substr(line, 11, 1) AS recid
FROM imp_stage
WHERE lineno >= (SELECT min(lineno) FROM imp_stage
    WHERE line ~ '^[ 0-9A-Z]{5}[0-9]{5}[37]')
    AND coalesce(line, '') <> '';

INSERT INTO imp_bad
SELECT NULL, 'no HCPCS records found (file is empty or not the CMS layout)'
WHERE NOT EXISTS (SELECT 1 FROM imp_fw);

INSERT INTO imp_bad
SELECT lineno, problem FROM (
	SELECT lineno, CASE
	WHEN line !~ '^.{5}[0-9]{5}[3478]' THEN
		'not a HCPCS record (positions 6-10 must be the sequence number, '
		'11 the record id 3, 4, 7 or 8)'
	WHEN recid IN ('3', '7') AND length(line) < 293 THEN
		format('record too short (%s characters; a code or modifier '
		    'record has 320)', length(line))
	WHEN recid IN ('4', '8') AND NOT EXISTS (SELECT 1 FROM imp_fw f
	    WHERE f.raw_code = o.raw_code
		AND f.recid = CASE o.recid WHEN '4' THEN '3' ELSE '7' END) THEN
		format('continuation of %s without its first record', code)
	END AS problem
	FROM imp_fw o
) s
WHERE problem IS NOT NULL;

CREATE TEMP TABLE imp_hc ON COMMIT DROP AS
SELECT f.lineno, f.recid, f.raw_code, f.code, f.seqnum,
    btrim(coalesce(t.long_title, '')) AS long_title,
    btrim(substr(f.line, 92, 28)) AS short_title,
    array_remove(ARRAY[nullif(btrim(substr(f.line, 120, 2)), ''),
	nullif(btrim(substr(f.line, 122, 2)), ''),
	nullif(btrim(substr(f.line, 124, 2)), ''),
	nullif(btrim(substr(f.line, 126, 2)), '')], NULL) AS pricing,
    nullif(btrim(substr(f.line, 230, 1)), '') AS coverage,
    nullif(btrim(substr(f.line, 231, 2)), '') AS asc_group,
    nullif(btrim(substr(f.line, 257, 3)), '') AS betos,
    nullif(btrim(substr(f.line, 261, 5)), '') AS tos,
    nullif(btrim(substr(f.line, 269, 8)), '') AS added,
    nullif(btrim(substr(f.line, 277, 8)), '') AS action_effective,
    nullif(btrim(substr(f.line, 285, 8)), '') AS terminated,
    nullif(btrim(substr(f.line, 293, 1)), '') AS action_code
FROM imp_fw f
LEFT JOIN (
	SELECT raw_code, CASE WHEN recid IN ('3', '4') THEN '3' ELSE '7' END AS r,
	    string_agg(rtrim(substr(line, 12, 80)), ' '
		ORDER BY seqnum, lineno) AS long_title
	FROM imp_fw
	GROUP BY 1, 2
) t ON t.raw_code = f.raw_code AND t.r = f.recid
WHERE f.recid IN ('3', '7') AND f.line ~ '^.{5}[0-9]{5}[37]';

\i :dir/hcpcs-common.sql
