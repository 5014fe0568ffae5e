-- sql/import/cpt.sql: CPT code list, tab-separated "code<TAB>descriptor"
-- (an operator's AMA-licensed file), or bare code numbers (no descriptors:
-- licensed=false, title NULL). Empty lines are ignored. Sections and
-- subsections come from app.cpt_sections (generic headings only).
SELECT format('staged %s lines', count(*)) FROM imp_stage;

CREATE TEMP TABLE imp_cpt ON COMMIT DROP AS
SELECT lineno,
    CASE WHEN strpos(line, E'\t') > 0
	THEN left(line, strpos(line, E'\t') - 1) ELSE line END AS code,
    CASE WHEN strpos(line, E'\t') > 0
	THEN nullif(btrim(substr(line, strpos(line, E'\t') + 1)), '') END
	AS descriptor
FROM imp_stage
WHERE coalesce(line, '') <> '';

INSERT INTO imp_bad
SELECT NULL, 'file is empty (no codes)'
WHERE NOT EXISTS (SELECT 1 FROM imp_cpt);

INSERT INTO imp_bad
SELECT lineno, format('bad code format "%s" (5 digits, or 4 digits and F, T, '
    'U or M, then a tab and the descriptor)', code)
FROM imp_cpt
WHERE code !~ '^[0-9]{4}[0-9FTUM]$';

-- Either every line has a descriptor or none has.
INSERT INTO imp_bad
SELECT lineno, format('code %s has no descriptor (other lines have one)', code)
FROM imp_cpt
WHERE descriptor IS NULL
    AND EXISTS (SELECT 1 FROM imp_cpt WHERE descriptor IS NOT NULL);

INSERT INTO imp_bad
SELECT lineno, format('duplicate code %s (also on line %s)', code, first)
FROM (
	SELECT lineno, code, min(lineno) OVER (PARTITION BY code) AS first
	FROM imp_cpt
) d
WHERE lineno > first;

\i :dir/check.sql
SELECT 'validated';

UPDATE imp_params SET licensed = coalesce(licensed,
    EXISTS (SELECT 1 FROM imp_cpt WHERE descriptor IS NOT NULL));

-- Sections with their keys and parent keys.
CREATE TEMP TABLE imp_sec ON COMMIT DROP AS
SELECT s.first_code, s.last_code, s.title, s.seq,
    s.first_code || '-' || s.last_code AS key,
    p.first_code || '-' || p.last_code AS parent_key,
    coalesce(p.seq, s.seq) AS top_seq,
    regexp_replace(s.last_code, '[FTUM]$', '')::int
	- regexp_replace(s.first_code, '[FTUM]$', '')::int AS width
FROM app.cpt_sections s
LEFT JOIN app.cpt_sections p
    ON p.first_code = s.parent_first AND p.parent_first IS NULL;

-- A code's section: the narrowest range that holds it.
CREATE TEMP TABLE imp_cpt_sec ON COMMIT DROP AS
SELECT c.code, c.descriptor,
    (SELECT s.key FROM imp_sec s
     WHERE app.cpt_in_range(c.code, s.first_code, s.last_code)
     ORDER BY s.width, s.seq LIMIT 1) AS section
FROM imp_cpt c;

INSERT INTO imp_nodes (code, display, kind, billable, title, parent, ord)
SELECT c.code, c.code, 'code', true, c.descriptor, c.section,
    row_number() OVER (ORDER BY s.top_seq NULLS LAST,
	CASE right(c.code, 1) WHEN 'F' THEN 1 WHEN 'T' THEN 2 WHEN 'U' THEN 3
	    WHEN 'M' THEN 4 ELSE 0 END, c.code)
FROM imp_cpt_sec c
LEFT JOIN imp_sec s ON s.key = c.section;

-- Sections holding codes (directly or through a subsection), sorted by
-- their first code.
INSERT INTO imp_nodes (code, display, kind, title, parent, ord, attrs)
SELECT s.key,
    CASE WHEN s.first_code = s.last_code THEN s.first_code
	ELSE s.first_code || '–' || s.last_code END,
    'section', s.title, s.parent_key, m.ord,
    jsonb_build_object('first', s.first_code, 'last', s.last_code)
FROM imp_sec s
JOIN (
	SELECT k, min(n.ord) AS ord
	FROM imp_nodes n
	JOIN imp_sec s2 ON s2.key = n.parent,
	    LATERAL (VALUES (s2.key), (s2.parent_key)) v(k)
	WHERE n.kind = 'code' AND k IS NOT NULL
	GROUP BY k
) m ON m.k = s.key;
