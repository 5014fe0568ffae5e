-- sql/import/finish.sql: common end of every import. Loads imp_nodes,
-- imp_notes and imp_mods as a new release, then switches it live (unless
-- NOLIVE) in the same transaction.

-- Every parent must be a node of the release.
INSERT INTO imp_bad
SELECT NULL, format('internal error: node %s has no parent node %s',
    n.code, n.parent)
FROM imp_nodes n
WHERE n.parent IS NOT NULL
    AND NOT EXISTS (SELECT 1 FROM imp_nodes p WHERE p.code = n.parent);
INSERT INTO imp_bad
SELECT NULL, 'no codes found'
WHERE NOT EXISTS (SELECT 1 FROM imp_nodes WHERE kind = 'code');
\i :dir/check.sql

CREATE TEMP TABLE imp_release ON COMMIT DROP AS
WITH r AS (
	INSERT INTO app.releases (dataset, version, label, effective,
	    source_file, sha256, licensed)
	SELECT dataset, version, label, effective, fname, sha256,
	    coalesce(licensed, false)
	FROM imp_params
	RETURNING id
)
SELECT id FROM r;

-- Path of sibling ords from the root: sorting by it gives tabular order
-- with every node before its descendants.
CREATE TEMP TABLE imp_paths ON COMMIT DROP AS
WITH RECURSIVE t (code, path) AS (
	SELECT code, ARRAY[ord] FROM imp_nodes WHERE parent IS NULL
	UNION ALL
	SELECT n.code, t.path || n.ord
	FROM imp_nodes n JOIN t ON n.parent = t.code
)
SELECT code, path FROM t;

INSERT INTO imp_bad
SELECT NULL, format('internal error: %s nodes are not reachable from a root',
    (SELECT count(*) FROM imp_nodes) - (SELECT count(*) FROM imp_paths))
WHERE (SELECT count(*) FROM imp_nodes) <> (SELECT count(*) FROM imp_paths);
\i :dir/check.sql

INSERT INTO app.codes (release_id, code_set, code, display, kind, billable,
    short_title, title, parent, depth, seq, attrs)
SELECT r.id, p.dataset, n.code, n.display, n.kind, n.billable,
    nullif(n.short_title, ''), nullif(n.title, ''), n.parent,
    cardinality(t.path) - 1, row_number() OVER (ORDER BY t.path), n.attrs
FROM imp_nodes n
JOIN imp_paths t USING (code)
CROSS JOIN imp_release r
CROSS JOIN imp_params p;

INSERT INTO app.code_notes (release_id, code, kind, seq, note)
SELECT r.id, n.code, n.kind, n.seq, n.note
FROM imp_notes n CROSS JOIN imp_release r
WHERE EXISTS (SELECT 1 FROM imp_nodes c WHERE c.code = n.code);

INSERT INTO app.modifiers (release_id, modifier, short_title, title, attrs)
SELECT r.id, m.modifier, nullif(m.short_title, ''), nullif(m.title, ''),
    m.attrs
FROM imp_mods m CROSS JOIN imp_release r;

UPDATE app.releases rel SET counts = jsonb_build_object(
	'codes', c.codes, 'billable', c.billable, 'headers', c.codes - c.billable,
	'nodes', c.nodes,
	'notes', (SELECT count(*) FROM app.code_notes WHERE release_id = rel.id),
	'modifiers', (SELECT count(*) FROM app.modifiers WHERE release_id = rel.id))
FROM (
	SELECT count(*) FILTER (WHERE kind = 'code') AS codes,
	    count(*) FILTER (WHERE kind = 'code' AND billable) AS billable,
	    count(*) FILTER (WHERE kind <> 'code') AS nodes
	FROM imp_nodes
) c, imp_release r
WHERE rel.id = r.id;

-- Progress (psql runs with -At: each row is one line on stdout).
SELECT format('inserted %s codes (%s billable, %s headers)',
	counts->'codes', counts->'billable', counts->'headers')
    || E'\n' || format('built %s hierarchy nodes', counts->'nodes')
    || CASE WHEN counts->>'notes' <> '0' OR counts->>'modifiers' <> '0'
	THEN E'\n' || format('loaded %s notes, %s modifiers', counts->'notes',
	counts->'modifiers') ELSE '' END
FROM app.releases WHERE id = (SELECT id FROM imp_release);

-- Switch live: the old live release and the new one change in the same
-- transaction, so readers see one or the other, never neither.
UPDATE app.releases SET is_live = false
WHERE dataset = (SELECT dataset FROM imp_params) AND is_live
    AND NOT (SELECT nolive FROM imp_params);
UPDATE app.releases SET is_live = true
WHERE id = (SELECT id FROM imp_release) AND NOT (SELECT nolive FROM imp_params);

ANALYZE app.codes;

-- Search terms of the new release (migration 0002): titles, inclusion
-- terms, the set's live alphabetic index re-attached to this release's
-- codes, lay terms. Drops the terms of the set's releases that are not
-- live.
SELECT format('built %s search terms', app.search_terms_build(id))
FROM imp_release;
ANALYZE app.search_terms;
ANALYZE app.search_words;

SELECT CASE WHEN r.is_live
	THEN format('release %s (%s) is live', r.id, r.label)
	ELSE format('release %s (%s) loaded, not live (NOLIVE)', r.id, r.label)
    END
FROM app.releases r WHERE id = (SELECT id FROM imp_release);

-- Code history by comparing consecutive releases of the set (and HCPCS
-- added/terminated dates), see app.rebuild_code_history.
SELECT format('code history: %s rows from releases',
    app.rebuild_code_history((SELECT dataset FROM imp_params)));
