-- sql/import/addenda.sql: ICD-10-CM / ICD-10-PCS order addenda (the
-- yearly "what changed" files) into app.code_history. Lines: a 13-character
-- action ("Add:", "Delete:", "Revise from:", "Revise to:"), then
--   ICD-10-CM  14 flag (0 header, 1 valid), 16-22 code, 24-83 short title,
--              85- long title
--   ICD-10-PCS 14-20 code (3 characters: a table, 7: a code), 22-81 short
--              title, 83- long title
-- A "Revise from:" line is followed by its "Revise to:" line. The file
-- ends with a block of summary counts (skipped). psql variable dataset:
-- icd10cm_addenda or icd10pcs_addenda.
\i :dir/premium-common.sql
SELECT :'dataset' = 'icd10cm_addenda' AS is_cm \gset
SELECT format('staged %s lines', count(*)) FROM imp_stage;

CREATE TEMP TABLE imp_ad ON COMMIT DROP AS
SELECT lineno, line, rtrim(substr(line, 1, 13)) AS action,
    CASE WHEN :'is_cm'::boolean THEN substr(line, 14, 1) END AS flag,
    CASE WHEN :'is_cm'::boolean THEN rtrim(substr(line, 16, 7))
	ELSE rtrim(substr(line, 14, 7)) END AS code,
    CASE WHEN :'is_cm'::boolean THEN btrim(substr(line, 85))
	ELSE btrim(substr(line, 83)) END AS title
FROM imp_stage
WHERE line ~ '^(Add:|Delete:|Revise from:|Revise to:)';

INSERT INTO imp_bad
SELECT NULL, 'no Add:/Delete:/Revise lines (is this an order addenda file?)'
WHERE NOT EXISTS (SELECT 1 FROM imp_ad);

-- Text lines are only allowed after the last change line (the summary).
INSERT INTO imp_bad
SELECT lineno, format('not a change line (must start with Add:, Delete:, '
    'Revise from: or Revise to:): "%s"', left(line, 40))
FROM imp_stage
WHERE btrim(coalesce(line, '')) <> ''
    AND line !~ '^(Add:|Delete:|Revise from:|Revise to:)'
    AND lineno < (SELECT max(lineno) FROM imp_ad);

INSERT INTO imp_bad
SELECT lineno, problem FROM (
	SELECT a.lineno, CASE
	WHEN substr(line, 1, 13) !~ '^(Add: {9}|Delete: {6}|Revise from: |Revise to: {3})$' THEN
		'the action must fill positions 1-13'
	WHEN :'is_cm'::boolean AND (flag NOT IN ('0', '1')
	    OR substr(line, 15, 1) <> ' ') THEN
		format('flag (position 14) must be 0 or 1, then a blank, not "%s"',
		    substr(line, 14, 2))
	WHEN :'is_cm'::boolean AND code !~ '^[A-Z][0-9A-Z]{2,6}$' THEN
		format('"%s" is not an ICD-10-CM code (positions 16-22)', code)
	WHEN NOT :'is_cm'::boolean
	    AND code !~ '^[0-9A-HJ-NP-Z]{3}([0-9A-HJ-NP-Z]{4})?$' THEN
		format('"%s" is not an ICD-10-PCS code or table (positions 14-20)',
		    code)
	WHEN title = '' THEN
		format('%s has no long title', code)
	WHEN action = 'Revise from:' AND NOT EXISTS (SELECT 1 FROM imp_ad t
	    WHERE t.lineno = a.lineno + 1 AND t.action = 'Revise to:'
		AND t.code = a.code) THEN
		format('"Revise from:" %s is not followed by its "Revise to:"',
		    code)
	WHEN action = 'Revise to:' AND NOT EXISTS (SELECT 1 FROM imp_ad f
	    WHERE f.lineno = a.lineno - 1 AND f.action = 'Revise from:'
		AND f.code = a.code) THEN
		format('"Revise to:" %s does not follow its "Revise from:"', code)
	END AS problem
	FROM imp_ad a
) b
WHERE problem IS NOT NULL;
\i :dir/check.sql
SELECT 'validated';

\i :dir/release.sql
INSERT INTO app.code_history (code_set, code, action, effective,
    release_label, old_title, new_title, source, billable, release_id)
SELECT CASE WHEN :'is_cm'::boolean THEN 'icd10cm' ELSE 'icd10pcs' END,
    a.code,
    CASE a.action WHEN 'Add:' THEN 'added' WHEN 'Delete:' THEN 'deleted'
	ELSE 'revised' END,
    p.effective, regexp_replace(p.label, ' addenda$', ''),
    CASE a.action WHEN 'Delete:' THEN a.title
	WHEN 'Revise to:' THEN f.title END,
    CASE WHEN a.action IN ('Add:', 'Revise to:') THEN a.title END,
    p.fname,
    CASE WHEN :'is_cm'::boolean THEN a.flag = '1' ELSE length(a.code) = 7 END,
    :rel_id
FROM imp_ad a
LEFT JOIN imp_ad f ON f.lineno = a.lineno - 1 AND a.action = 'Revise to:'
CROSS JOIN imp_params p
WHERE a.action <> 'Revise from:'
ORDER BY a.lineno;

UPDATE app.releases SET counts = (
	SELECT jsonb_build_object(
	    'added', count(*) FILTER (WHERE action = 'added' AND billable),
	    'deleted', count(*) FILTER (WHERE action = 'deleted' AND billable),
	    'revised', count(*) FILTER (WHERE action = 'revised' AND billable),
	    'headers_added', count(*) FILTER (WHERE action = 'added'
		AND NOT billable),
	    'headers_deleted', count(*) FILTER (WHERE action = 'deleted'
		AND NOT billable),
	    'headers_revised', count(*) FILTER (WHERE action = 'revised'
		AND NOT billable))
	FROM app.code_history WHERE release_id = :rel_id)
WHERE id = :rel_id;
SELECT format('code history: %s codes added, %s deleted, %s revised',
    counts->'added', counts->'deleted', counts->'revised')
FROM app.releases WHERE id = :rel_id;
