-- sql/import/icd10cm.sql: ICD-10-CM order file (+ optional tabular XML).
-- psql variables: dir, with_xml (true when imp_xml_stage holds the XML).
\i :dir/order.sql

INSERT INTO imp_bad
SELECT lineno, format('"%s" is not an ICD-10-CM code', code)
FROM imp_order
WHERE code <> '' AND code !~ '^[A-Z][0-9A-Z]{2}[0-9A-Z]{0,4}$';

INSERT INTO imp_bad
SELECT o.lineno, format('category %s of code %s is not in the file',
    left(o.code, 3), o.code)
FROM imp_order o
WHERE length(o.code) > 3
    AND NOT EXISTS (SELECT 1 FROM imp_order c WHERE c.code = left(o.code, 3));

INSERT INTO imp_bad
SELECT lineno, format('category %s is in no ICD-10-CM chapter', code)
FROM imp_order o
WHERE length(code) = 3 AND NOT EXISTS (SELECT 1 FROM app.icd10cm_chapters h
    WHERE o.code BETWEEN h.first_category AND h.last_category);

-- Chapters and blocks: from the tabular XML when given, else the built-in
-- chapter table and no blocks.
CREATE TEMP TABLE imp_chapters (chapter int PRIMARY KEY, first text,
    last text, title text) ON COMMIT DROP;
CREATE TEMP TABLE imp_blocks (id text PRIMARY KEY, chapter int, first text,
    last text, title text) ON COMMIT DROP;

\if :with_xml
SELECT format('staged %s XML lines', count(*)) FROM imp_xml_stage;
CREATE TEMP TABLE imp_xml ON COMMIT DROP AS
SELECT XMLPARSE(DOCUMENT string_agg(line, E'\n' ORDER BY lineno)) AS doc
FROM imp_xml_stage;

INSERT INTO imp_chapters
SELECT x.chapter, least(m[1], h.first_category),
    greatest(m[2], h.last_category),
    regexp_replace(btrim(x.descr), '\s*\([A-Z0-9]{3}(-[A-Z0-9]{3})?\)$', '')
FROM imp_xml,
    xmltable('/ICD10CM.tabular/chapter' PASSING doc COLUMNS
	chapter int PATH 'name', descr text PATH 'desc') x
LEFT JOIN app.icd10cm_chapters h ON h.chapter = x.chapter,
    LATERAL regexp_match(x.descr, '\(([A-Z0-9]{3})-([A-Z0-9]{3})\)\s*$') m;

INSERT INTO imp_blocks
SELECT x.id, x.chapter, split_part(x.id, '-', 1),
    coalesce(nullif(split_part(x.id, '-', 2), ''), x.id),
    regexp_replace(btrim(x.descr), '\s*\([A-Z0-9]{3}(-[A-Z0-9]{3})?\)$', '')
FROM imp_xml,
    xmltable('/ICD10CM.tabular/chapter/section' PASSING doc COLUMNS
	id text PATH '@id', chapter int PATH '../name',
	descr text PATH 'desc') x;

INSERT INTO imp_bad
SELECT NULL, format('XML: chapter %s, section "%s" is not a category range',
    chapter, id)
FROM imp_blocks WHERE id !~ '^[A-Z0-9]{3}(-[A-Z0-9]{3})?$';
INSERT INTO imp_bad
SELECT NULL, 'XML: no chapters found (is this the ICD-10-CM tabular XML?)'
WHERE NOT EXISTS (SELECT 1 FROM imp_chapters);

-- Notes attached to chapters, sections and diags, in document order.
INSERT INTO imp_notes (code, kind, seq, note)
SELECT key, kind, row_number() OVER (PARTITION BY key, kind ORDER BY n), note
FROM (
	SELECT x.n,
	    CASE x.owner
	    WHEN 'chapter' THEN 'chapter-' || x.name
	    WHEN 'section' THEN CASE WHEN x.id LIKE '%-%' THEN x.id
		ELSE x.id || '-' || x.id END
	    ELSE replace(x.name, '.', '') END AS key,
	    CASE x.kind
	    WHEN 'inclusionTerm' THEN 'inclusion'
	    WHEN 'includes' THEN 'includes'
	    WHEN 'excludes1' THEN 'excludes1'
	    WHEN 'excludes2' THEN 'excludes2'
	    WHEN 'codeFirst' THEN 'code_first'
	    WHEN 'useAdditionalCode' THEN 'use_additional'
	    WHEN 'codeAlso' THEN 'code_also'
	    WHEN 'sevenChrNote' THEN 'seven_chr_note'
	    WHEN 'sevenChrDef' THEN 'seven_chr'
	    END AS kind,
	    CASE WHEN x.kind = 'sevenChrDef' THEN x.ch || ': ' || btrim(x.note)
		ELSE btrim(x.note) END AS note
	FROM imp_xml, xmltable(
	    '//*[self::diag or self::section or self::chapter]/*[self::inclusionTerm'
	    ' or self::includes or self::excludes1 or self::excludes2'
	    ' or self::codeFirst or self::useAdditionalCode or self::codeAlso'
	    ' or self::sevenChrNote]/note | //sevenChrDef/extension'
	    PASSING doc COLUMNS
		n FOR ORDINALITY,
		owner text PATH 'local-name(../..)',
		name text PATH '../../name',
		id text PATH '../../@id',
		kind text PATH 'local-name(..)',
		ch text PATH '@char',
		note text PATH '.') x
) s
WHERE note <> '';
\else
INSERT INTO imp_chapters
SELECT chapter, first_category, last_category, title FROM app.icd10cm_chapters;
\endif

\i :dir/check.sql
SELECT 'validated';

-- Codes. ord = order number (file order).
INSERT INTO imp_nodes (code, display, kind, billable, short_title, title, ord)
SELECT code, app.icd10cm_display(code), 'code', flag = '1', short_title,
    title, ordno::bigint
FROM imp_order;

-- Parent of a code longer than 3: the longest shorter prefix in the file.
UPDATE imp_nodes n SET parent = p.parent
FROM (
	SELECT DISTINCT ON (c.code) c.code, left(c.code, k) AS parent
	FROM imp_nodes c
	JOIN generate_series(3, 6) k ON k < length(c.code)
	JOIN imp_nodes p ON p.code = left(c.code, k)
	ORDER BY c.code, k DESC
) p
WHERE n.code = p.code;

-- Category → its (narrowest) block, else its chapter.
CREATE TEMP TABLE imp_cat ON COMMIT DROP AS
SELECT n.code, h.chapter,
    (SELECT b.id FROM imp_blocks b
     WHERE n.code BETWEEN b.first AND b.last
     ORDER BY b.first DESC, b.last LIMIT 1) AS block
FROM imp_nodes n
JOIN imp_chapters h ON n.code BETWEEN h.first AND h.last
WHERE length(n.code) = 3;

-- Blocks that hold at least one category, sorted by their first code.
INSERT INTO imp_nodes (code, display, kind, title, parent, ord, attrs)
SELECT CASE WHEN b.id LIKE '%-%' THEN b.id ELSE b.id || '-' || b.id END,
    CASE WHEN b.first = b.last THEN b.first ELSE b.first || '–' || b.last END,
    'block', b.title, 'chapter-' || b.chapter,
    (SELECT min(n.ord) FROM imp_cat c JOIN imp_nodes n USING (code)
     WHERE c.block = b.id),
    jsonb_build_object('first', b.first, 'last', b.last)
FROM imp_blocks b
WHERE EXISTS (SELECT 1 FROM imp_cat c WHERE c.block = b.id);

INSERT INTO imp_nodes (code, display, kind, title, ord, attrs)
SELECT 'chapter-' || h.chapter, 'Chapter ' || h.chapter, 'chapter', h.title,
    h.chapter, jsonb_build_object('first', h.first, 'last', h.last)
FROM imp_chapters h
WHERE EXISTS (SELECT 1 FROM imp_cat c WHERE c.chapter = h.chapter);

UPDATE imp_nodes n
SET parent = coalesce(
    CASE WHEN c.block LIKE '%-%' THEN c.block ELSE c.block || '-' || c.block END,
    'chapter-' || c.chapter)
FROM imp_cat c
WHERE n.code = c.code;
