-- sql/import/order.sql: parse and check the CDC/CMS "order file" layout
-- shared by ICD-10-CM and ICD-10-PCS (1-based positions): 1-5 order number,
-- 6 blank, 7-13 code (left justified), 14 blank, 15 flag (0 header,
-- 1 valid), 16 blank, 17-76 short title, 77 blank, 78- long title.
-- Fills imp_order; problems go to imp_bad.

SELECT format('staged %s lines', count(*)) FROM imp_stage;

INSERT INTO imp_bad
SELECT NULL, 'file is empty (no records)'
WHERE NOT EXISTS (SELECT 1 FROM imp_stage);

CREATE TEMP TABLE imp_order ON COMMIT DROP AS
SELECT lineno, line,
    substr(line, 1, 5) AS ordno,
    rtrim(substr(line, 7, 7)) AS code,
    substr(line, 15, 1) AS flag,
    rtrim(substr(line, 17, 60)) AS short_title,
    btrim(substr(line, 78)) AS title
FROM imp_stage;

INSERT INTO imp_bad
SELECT lineno, problem FROM (
	SELECT lineno, CASE
	WHEN coalesce(line, '') = '' THEN
		'empty line'
	WHEN length(line) < 78 THEN
		format('line too short (%s characters; a record has at least 78)',
		    length(line))
	WHEN ordno !~ '^[0-9]{5}$' THEN
		'order number (positions 1-5) must be 5 digits'
	WHEN substr(line, 6, 1) <> ' ' OR substr(line, 14, 1) <> ' '
	    OR substr(line, 16, 1) <> ' ' OR substr(line, 77, 1) <> ' ' THEN
		'positions 6, 14, 16 and 77 must be blank'
	WHEN substr(line, 7, 7) !~ '^[0-9A-Z]+ *$' THEN
		format('code (positions 7-13) must be letters and digits, '
		    'left justified: "%s"', substr(line, 7, 7))
	WHEN flag NOT IN ('0', '1') THEN
		format('flag must be 0 or 1 (position 15 is "%s")', flag)
	WHEN short_title = '' THEN
		'short description (positions 17-76) is empty'
	WHEN title = '' THEN
		'long description (from position 78) is empty'
	END AS problem
	FROM imp_order
) s
WHERE problem IS NOT NULL;

INSERT INTO imp_bad
SELECT lineno, format('duplicate code %s (also on line %s)', code, first)
FROM (
	SELECT lineno, code, min(lineno) OVER (PARTITION BY code) AS first
	FROM imp_order WHERE code <> ''
) d
WHERE lineno > first;
