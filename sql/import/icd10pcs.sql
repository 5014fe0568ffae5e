-- sql/import/icd10pcs.sql: ICD-10-PCS order file. 3-character rows are
-- headers (tables: section, body system, operation), 7-character rows are
-- codes. Hierarchy: section 'pcs-X' → body system 'pcs-XY' → table → code.
\i :dir/order.sql

INSERT INTO imp_bad
SELECT lineno, problem FROM (
	SELECT lineno, CASE
	WHEN code !~ '^[0-9A-HJ-NP-Z]+$' OR length(code) NOT IN (3, 7) THEN
		format('"%s" is not an ICD-10-PCS code or table (7 or 3 '
		    'characters, digits and letters except I and O)', code)
	WHEN length(code) = 3 AND flag <> '0' THEN
		format('table %s must be a header (flag 0)', code)
	WHEN length(code) = 7 AND flag <> '1' THEN
		format('code %s must be valid (flag 1)', code)
	WHEN NOT EXISTS (SELECT 1 FROM app.pcs_sections s
	    WHERE s.section = left(o.code, 1)) THEN
		format('code %s: no ICD-10-PCS section "%s"', code, left(code, 1))
	WHEN length(code) = 7 AND NOT EXISTS (SELECT 1 FROM imp_order t
	    WHERE t.code = left(o.code, 3)) THEN
		format('code %s: its table %s is not in the file', code,
		    left(code, 3))
	END AS problem
	FROM imp_order o
	WHERE code <> '' AND flag IN ('0', '1')
) s
WHERE problem IS NOT NULL;

\i :dir/check.sql
SELECT 'validated';

INSERT INTO imp_nodes (code, display, kind, billable, short_title, title,
    parent, ord)
SELECT code, code, 'code', flag = '1', short_title, title,
    CASE WHEN length(code) = 3 THEN 'pcs-' || left(code, 2)
	ELSE left(code, 3) END,
    ordno::bigint
FROM imp_order;

-- Body systems: title from the first table of the body system: its long
-- title up to the last ", " (the operation), without the leading
-- section name ("Obstetrics, Pregnancy, Change" → "Pregnancy").
INSERT INTO imp_nodes (code, display, kind, title, parent, ord)
SELECT DISTINCT ON (left(n.code, 2))
    'pcs-' || left(n.code, 2), left(n.code, 2), 'section',
    CASE WHEN bs = s.title THEN 'None'
	WHEN bs LIKE s.title || ', %' THEN substr(bs, length(s.title) + 3)
	ELSE bs END,
    'pcs-' || left(n.code, 1),
    n.ord
FROM imp_nodes n
JOIN app.pcs_sections s ON s.section = left(n.code, 1),
    LATERAL (SELECT coalesce(substring(n.title FROM '^(.*), [^,]*$'),
	n.title) AS bs) b
WHERE length(n.code) = 3
ORDER BY left(n.code, 2), n.ord;

INSERT INTO imp_nodes (code, display, kind, title, ord)
SELECT 'pcs-' || s.section, 'Section ' || s.section, 'section', s.title,
    (SELECT min(ord) FROM imp_nodes n
     WHERE n.code LIKE 'pcs-' || s.section || '_')
FROM app.pcs_sections s
WHERE EXISTS (SELECT 1 FROM imp_nodes n
    WHERE n.code LIKE 'pcs-' || s.section || '_');
