-- sql/import/index.sql: an alphabetic index XML (ICD-10-CM Index to
-- Diseases and Injuries, or the ICD-10-PCS Index) as the live index of its
-- code set, attached to the live code release's search terms. Run by
-- sql/import/import inside the one import transaction after begin.sql;
-- imp_xml_stage holds the XML lines. psql variables: dir, cs (icd10cm or
-- icd10pcs), dataset (cs || '_index').
--
-- Every mainTerm and term becomes a node (document order, level, parent).
-- A node with a code is an entry for that code; a node with a "see" (or
-- "see also") reference is an entry for the code of the term the reference
-- names ("Hives - see Urticaria": the code of Urticaria), found by walking
-- the reference's comma-separated path ("Ulcer, pressure, by site") down
-- the index as far as it matches. Non-essential modifiers (<nemod>) are
-- shown in no term and searched for in none. PCS "use" entries (value
-- synonyms such as body parts) name no code and are skipped.

SELECT format('staged %s XML lines', count(*)) FROM imp_xml_stage;
CREATE TEMP TABLE imp_xml ON COMMIT DROP AS
SELECT XMLPARSE(DOCUMENT string_agg(line, E'\n' ORDER BY lineno)) AS doc
FROM imp_xml_stage;

INSERT INTO imp_bad
SELECT NULL, format('XML: the root is not %s (is this the %s index?)',
    CASE :'cs' WHEN 'icd10cm' THEN 'ICD10CM.index' ELSE 'ICD10PCS.index' END,
    :'cs')
FROM imp_xml
WHERE NOT xpath_exists(CASE :'cs' WHEN 'icd10cm' THEN '/ICD10CM.index'
    ELSE '/ICD10PCS.index' END, doc);
\i :dir/check.sql

-- Nodes. title_xml keeps the markup so that <nemod> can be dropped.
CREATE TEMP TABLE imp_ix ON COMMIT DROP AS
SELECT x.ord::int AS ord, coalesce(x.lvl, 0) AS lvl, NULL::int AS parent,
    x.title_xml::text AS title_xml, NULL::text AS title,
    NULL::text AS key1, NULL::text AS key2,
    nullif(btrim(coalesce(x.code, x.codes, x.tab)), '') AS code,
    nullif(btrim(x.see), '') AS see,
    nullif(btrim(coalesce(x.see_codes, x.see_tab)), '') AS see_code,
    nullif(btrim(x.seealso), '') AS seealso
FROM imp_xml, xmltable('//mainTerm | //term' PASSING doc COLUMNS
	ord FOR ORDINALITY,
	lvl int PATH '@level',
	title_xml xml PATH 'title',
	code text PATH 'code[1]',
	codes text PATH 'codes[1]',
	tab text PATH 'tab[1]',
	see text PATH 'see[1]/text()[1]',
	see_codes text PATH 'see[1]/codes[1]',
	see_tab text PATH 'see[1]/tab[1]',
	seealso text PATH 'seeAlso[1]/text()[1]') x;

INSERT INTO imp_bad
SELECT NULL, 'XML: no index terms found'
WHERE NOT EXISTS (SELECT 1 FROM imp_ix);
\i :dir/check.sql

-- Title text without non-essential modifiers, entities decoded; keys for
-- resolving references: the first comma-separated form and the whole
-- title, lower case, without parenthesised parts ("Pain(s)" -> "pain").
UPDATE imp_ix SET title = nullif(btrim(regexp_replace(
    replace(replace(replace(replace(replace(regexp_replace(regexp_replace(
	coalesce(title_xml, ''), '<nemod>.*?</nemod>', ' ', 'g'),
	'<[^>]*>', '', 'g'), '&lt;', '<'), '&gt;', '>'), '&quot;', '"'),
	'&apos;', ''''), '&amp;', '&'), '\s+', ' ', 'g')), '');
UPDATE imp_ix SET
    key2 = btrim(regexp_replace(lower(regexp_replace(title, '\([^)]*\)', '',
	'g')), '\s+', ' ', 'g')),
    key1 = btrim(regexp_replace(lower(regexp_replace(split_part(title, ',',
	1), '\([^)]*\)', '', 'g')), '\s+', ' ', 'g'))
WHERE title IS NOT NULL;

-- Parent: the nearest node before it one level up. One ordered pass: the
-- last node seen at each level (the index nests at most 9 levels deep).
UPDATE imp_ix n SET parent = CASE n.lvl WHEN 1 THEN m.l0 WHEN 2 THEN m.l1
    WHEN 3 THEN m.l2 WHEN 4 THEN m.l3 WHEN 5 THEN m.l4 WHEN 6 THEN m.l5
    WHEN 7 THEN m.l6 WHEN 8 THEN m.l7 WHEN 9 THEN m.l8 WHEN 10 THEN m.l9
    END
FROM (
	SELECT ord,
	    max(ord) FILTER (WHERE lvl = 0) OVER w AS l0,
	    max(ord) FILTER (WHERE lvl = 1) OVER w AS l1,
	    max(ord) FILTER (WHERE lvl = 2) OVER w AS l2,
	    max(ord) FILTER (WHERE lvl = 3) OVER w AS l3,
	    max(ord) FILTER (WHERE lvl = 4) OVER w AS l4,
	    max(ord) FILTER (WHERE lvl = 5) OVER w AS l5,
	    max(ord) FILTER (WHERE lvl = 6) OVER w AS l6,
	    max(ord) FILTER (WHERE lvl = 7) OVER w AS l7,
	    max(ord) FILTER (WHERE lvl = 8) OVER w AS l8,
	    max(ord) FILTER (WHERE lvl = 9) OVER w AS l9
	FROM imp_ix
	WINDOW w AS (ORDER BY ord ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)
) m
WHERE m.ord = n.ord AND n.lvl > 0;
CREATE INDEX ON imp_ix (ord);
CREATE INDEX ON imp_ix (parent);
CREATE INDEX ON imp_ix (key1) WHERE lvl = 0;
CREATE INDEX ON imp_ix (key2) WHERE lvl = 0;
ANALYZE imp_ix;

INSERT INTO imp_bad
SELECT NULL, format('XML: term %s (level %s) has no parent term', ord, lvl)
FROM imp_ix WHERE lvl > 0 AND parent IS NULL;
\i :dir/check.sql
SELECT format('read %s index terms (%s main terms)', count(*),
    count(*) FILTER (WHERE lvl = 0)) FROM imp_ix;

-- A main term "Diabetes, diabetic" or "Ulcer, ulcerated, ulcerating"
-- lists forms of one word (every part shares the first one's first four
-- letters): it is searched under each form. "Fracture, burst" is one
-- term of two words.
ALTER TABLE imp_ix ADD forms boolean NOT NULL DEFAULT false;
UPDATE imp_ix SET forms = true
WHERE lvl = 0 AND strpos(title, ',') > 0 AND NOT EXISTS (
	SELECT 1 FROM unnest((string_to_array(title, ','))[2:]) f
	WHERE left(lower(btrim(f)), 4) <> left(lower(btrim(split_part(title,
	    ',', 1))), 4));

-- Paths from the main term: words (main term, its first form when it
-- lists forms, then each subterm) and the shown path (whole titles joined
-- by arrows).
CREATE TEMP TABLE imp_ix_path ON COMMIT DROP AS
WITH RECURSIVE p (ord, words, shown) AS (
	SELECT ord, coalesce(CASE WHEN forms THEN split_part(title, ',', 1)
	    ELSE title END, ''), coalesce(title, '')
	FROM imp_ix WHERE lvl = 0
	UNION ALL
	SELECT n.ord, btrim(p.words || ' ' || coalesce(n.title, '')),
	    CASE WHEN n.title IS NULL THEN p.shown
		ELSE p.shown || ' → ' || n.title END
	FROM imp_ix n JOIN p ON n.parent = p.ord
)
SELECT * FROM p;

-- References to resolve: (source node, kind, text, path components).
CREATE TEMP TABLE imp_ix_ref ON COMMIT DROP AS
SELECT ord AS src, 'see' AS kind, see AS ref FROM imp_ix
WHERE see IS NOT NULL AND see_code IS NULL
UNION ALL
SELECT ord, 'seealso', seealso FROM imp_ix WHERE seealso IS NOT NULL;
ALTER TABLE imp_ix_ref ADD comps text[];
UPDATE imp_ix_ref SET comps = ARRAY(
    SELECT btrim(regexp_replace(lower(regexp_replace(c, '\([^)]*\)', '',
	'g')), '\s+', ' ', 'g'))
    FROM unnest(string_to_array(ref, ',')) WITH ORDINALITY u(c, i)
    ORDER BY i);

-- Walk each reference down the index as far as its components match;
-- the deepest matching node with a code wins (first in document order).
CREATE TEMP TABLE imp_ix_res ON COMMIT DROP AS
WITH RECURSIVE w (src, k, node) AS (
	SELECT r.src, 1, m.ord
	FROM imp_ix_ref r
	JOIN imp_ix m ON m.lvl = 0 AND (m.key1 = r.comps[1]
	    OR m.key2 = r.comps[1])
	UNION ALL
	-- "see Fracture, traumatic, by site": main term "Fracture, traumatic"
	SELECT r.src, 2, m.ord
	FROM imp_ix_ref r
	JOIN imp_ix m ON m.lvl = 0 AND cardinality(r.comps) >= 2
	    AND m.key2 = r.comps[1] || ', ' || r.comps[2]
	UNION ALL
	SELECT w.src, w.k + 1, c.ord
	FROM w
	JOIN imp_ix_ref r ON r.src = w.src
	JOIN imp_ix c ON c.parent = w.node AND (c.key1 = r.comps[w.k + 1]
	    OR c.key2 = r.comps[w.k + 1])
	WHERE w.k < cardinality(r.comps)
)
SELECT DISTINCT ON (w.src) w.src, n.code
FROM w JOIN imp_ix n ON n.ord = w.node
WHERE n.code IS NOT NULL
ORDER BY w.src, w.k DESC, w.node;

-- Entries: own codes, PCS references that carry their code, resolved
-- references.
CREATE TEMP TABLE imp_ix_out ON COMMIT DROP AS
SELECT n.ord, 'index' AS kind, p.words AS term, p.shown AS path,
    n.code AS target
FROM imp_ix n JOIN imp_ix_path p USING (ord)
WHERE n.code IS NOT NULL
UNION ALL
SELECT n.ord, 'see', p.words, p.shown || ' → see ' || n.see, n.see_code
FROM imp_ix n JOIN imp_ix_path p USING (ord)
WHERE n.see_code IS NOT NULL
UNION ALL
SELECT r.src, r.kind, p.words, p.shown || CASE r.kind WHEN 'see'
    THEN ' → see ' ELSE ' → see also ' END || r.ref, s.code
FROM imp_ix_ref r
JOIN imp_ix_res s USING (src)
JOIN imp_ix_path p ON p.ord = r.src;

-- Main terms listing several forms ("Diabetes, diabetic", "Ulcer,
-- ulcerated, ulcerating") are found under each form.
INSERT INTO imp_ix_out
SELECT o.ord, o.kind, btrim(f), o.path, o.target
FROM imp_ix_out o
JOIN imp_ix n ON n.ord = o.ord AND n.lvl = 0 AND n.forms
CROSS JOIN LATERAL unnest((string_to_array(n.title, ','))[2:]) f
WHERE btrim(f) <> '';

INSERT INTO imp_bad
SELECT NULL, format('XML: entry "%s" has a target "%s" that is not a code',
    path, target)
FROM imp_ix_out
WHERE upper(target) !~ CASE :'cs'
    WHEN 'icd10cm' THEN '^[A-Z][0-9][0-9A-Z](\.[0-9A-Z]{0,4})?-?$'
    ELSE '^[0-9A-HJ-NP-Z]{3,7}$' END;
\i :dir/check.sql
SELECT 'validated';

SELECT format('%s entries: %s with a code, %s "see" and %s "see also" '
    'references resolved, %s references unresolved (e.g. "see condition")',
    (SELECT count(*) FROM imp_ix_out),
    (SELECT count(*) FROM imp_ix_out WHERE kind = 'index'),
    (SELECT count(*) FROM imp_ix_ref r WHERE kind = 'see'
	AND EXISTS (SELECT 1 FROM imp_ix_res s WHERE s.src = r.src)),
    (SELECT count(*) FROM imp_ix_ref r WHERE kind = 'seealso'
	AND EXISTS (SELECT 1 FROM imp_ix_res s WHERE s.src = r.src)),
    (SELECT count(*) FROM imp_ix_ref r
	WHERE NOT EXISTS (SELECT 1 FROM imp_ix_res s WHERE s.src = r.src)));

CREATE TEMP TABLE imp_release ON COMMIT DROP AS
WITH r AS (
	INSERT INTO app.releases (dataset, version, label, effective,
	    source_file, sha256, counts)
	SELECT dataset, version, label, effective, fname, sha256,
	    jsonb_build_object('terms', (SELECT count(*) FROM imp_ix),
		'entries', (SELECT count(*) FROM imp_ix_out))
	FROM imp_params
	RETURNING id
)
SELECT id FROM r;

INSERT INTO app.index_terms (release_id, code_set, seq, kind, term, path,
    target)
SELECT r.id, :'cs', row_number() OVER (ORDER BY o.ord, o.kind, o.term),
    o.kind, o.term, o.path, upper(o.target)
FROM imp_ix_out o CROSS JOIN imp_release r;

UPDATE app.releases SET is_live = false
WHERE dataset = :'dataset' AND is_live
    AND NOT (SELECT nolive FROM imp_params);
UPDATE app.releases SET is_live = true
WHERE id = (SELECT id FROM imp_release) AND NOT (SELECT nolive FROM imp_params);

-- Attach to the live code release (rebuilds its search terms).
SELECT CASE WHEN r.id IS NULL
	THEN format('no live %s release: the index is attached at its import',
	    :'cs')
	ELSE format('search terms of release %s (%s): %s', r.id, r.label,
	    app.search_terms_build(r.id)) END
FROM (SELECT 1) one
LEFT JOIN app.releases r ON r.dataset = :'cs' AND r.is_live
WHERE NOT (SELECT nolive FROM imp_params);

ANALYZE app.index_terms;
ANALYZE app.search_terms;
ANALYZE app.search_words;

SELECT CASE WHEN r.is_live
	THEN format('release %s (%s) is live', r.id, r.label)
	ELSE format('release %s (%s) loaded, not live (NOLIVE)', r.id, r.label)
    END
FROM app.releases r WHERE id = (SELECT id FROM imp_release);
