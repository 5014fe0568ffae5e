-- 0002: search. The terms GET /search and /api/search look through, the
-- alphabetic indexes they come from, and a dictionary of words for
-- spelling correction. Runs as medcode_owner (tools/migrate).
--
-- How the pieces follow releases:
-- * app.index_terms holds an alphabetic index (ICD-10-CM, ICD-10-PCS) as
--   loaded, release-independent: each entry names its target as the index
--   prints it ('L50.9', 'L89.9-', '0DTJ'). An index load is recorded in
--   app.releases as dataset 'icd10cm_index' / 'icd10pcs_index'.
-- * app.search_terms is derived, per code release: titles, short titles,
--   tabular inclusion terms, index entries attached to that release's
--   codes, and the site's lay terms. app.search_terms_build(release) makes
--   it. The importers call it for every new code release (so index terms
--   are re-attached to the new release's codes on each import) and for the
--   live release after an index load. Only live releases keep terms: the
--   build drops those of the set's other releases. Switching a release
--   live by hand means running app.search_terms_build(id) for it.
-- * Lay terms (app.code_text.lay_terms) are site-written and change any
--   time: a trigger keeps their rows in step.

-- Trigram matching for spelling correction (a trusted extension: the
-- owner may create it, having CREATE on the database). In schema app:
-- nobody creates objects in public.
CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA app;

-- Normal form shared by the terms and the handler's query parser: lower
-- case, every run of characters other than letters and digits becomes one
-- space, with a space at both ends (so ' kidney fail' finds a phrase at a
-- word start).
CREATE FUNCTION app.search_norm(t text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
RETURN ' ' || btrim(regexp_replace(lower(t), '[^[:alnum:]]+', ' ', 'g'))
    || ' ';

-- An alphabetic index as loaded (see above). kind: 'index' (a term with
-- its own code), 'see' / 'seealso' (a cross-reference resolved to the
-- code of the term it names). path is what the page shows:
-- 'Hives → see Urticaria', 'Attack → heart → see infarct, myocardium'.
-- term holds the words searched (main term and subterms, non-essential
-- modifiers left out).
CREATE TABLE app.index_terms (
	release_id int NOT NULL REFERENCES app.releases ON DELETE CASCADE,
	code_set text NOT NULL CHECK (code_set IN ('icd10cm', 'icd10pcs')),
	seq int NOT NULL,
	kind text NOT NULL CHECK (kind IN ('index', 'see', 'seealso')),
	term text NOT NULL,
	path text NOT NULL,
	target text NOT NULL,
	PRIMARY KEY (release_id, seq)
);

CREATE TABLE app.search_terms (
	release_id int NOT NULL REFERENCES app.releases ON DELETE CASCADE,
	code_set text NOT NULL,
	code text NOT NULL,
	kind text NOT NULL
	    CHECK (kind IN ('title', 'short', 'index', 'inclusion', 'lay')),
	term text NOT NULL,
	path text,
	norm text NOT NULL,		-- app.search_norm(term)
	tsv tsvector NOT NULL,		-- to_tsvector('simple', norm)
	billable boolean NOT NULL,	-- of the code: filters without a join
	seq int NOT NULL		-- of the code: stable order
);
-- The word search: every query is a GIN bitmap scan on tsv. Rows are
-- written in static rank order (billable first, shorter terms first), so
-- the heap order a bitmap scan returns is already a good order and the
-- handler can stop after a bounded number of rows.
CREATE INDEX search_terms_tsv ON app.search_terms USING gin (tsv);
CREATE INDEX search_terms_lay ON app.search_terms (code_set, code)
    WHERE kind = 'lay';

-- Words of all live terms with their frequency: the spelling dictionary.
CREATE TABLE app.search_words (
	word text PRIMARY KEY,
	n int NOT NULL
);
CREATE INDEX search_words_trgm ON app.search_words
    USING gist (word app.gist_trgm_ops);

-- Terms of one release: titles, short titles, inclusion terms, index
-- entries (of the live index of the set), lay terms. Replaces the
-- release's terms, drops the terms of the set's other releases except
-- the live one, and rebuilds the dictionary. Returns the number of terms.
CREATE FUNCTION app.search_terms_build(rel int) RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
	ds text;
	n bigint;
BEGIN
	SELECT dataset INTO ds FROM app.releases WHERE id = rel;
	IF ds IS NULL THEN
		RAISE EXCEPTION 'search_terms_build: no release %', rel;
	END IF;
	DELETE FROM app.search_terms WHERE release_id = rel;
	DELETE FROM app.search_terms t USING app.releases r
	WHERE r.id = t.release_id AND r.dataset = ds AND r.id <> rel
	    AND NOT r.is_live;

	CREATE TEMP TABLE IF NOT EXISTS search_build (
		code text, kind text, term text, path text
	) ON COMMIT DROP;
	TRUNCATE search_build;

	INSERT INTO search_build
	SELECT code, 'title', title, NULL FROM app.codes
	WHERE release_id = rel AND kind = 'code' AND title IS NOT NULL;
	INSERT INTO search_build
	SELECT code, 'short', short_title, NULL FROM app.codes
	WHERE release_id = rel AND kind = 'code' AND short_title IS NOT NULL
	    AND app.search_norm(short_title)
		<> app.search_norm(coalesce(title, ''));
	INSERT INTO search_build
	SELECT n.code, 'inclusion', n.note, n.note
	FROM app.code_notes n
	JOIN app.codes c ON c.release_id = n.release_id AND c.code = n.code
	    AND c.kind = 'code'
	WHERE n.release_id = rel AND n.kind = 'inclusion';

	-- Index entries. A target names a code ('L50.9'), a category to be
	-- completed ('L89.9-'), or for ICD-10-PCS a table or a partial code
	-- ('0DT', '0DTJ'). Attached to: the code itself when it exists; for
	-- a header (a '-' target, or a code the newer release expanded) also
	-- its billable children; for a PCS partial code of 4+ characters the
	-- billable codes it begins, and its table otherwise.
	INSERT INTO search_build
	WITH ix AS (
		SELECT i.kind, i.term, i.path,
		    upper(replace(rtrim(i.target, '-'), '.', '')) AS key
		FROM app.index_terms i
		JOIN app.releases ir ON ir.id = i.release_id AND ir.is_live
		    AND ir.dataset = ds || '_index'
	)
	SELECT DISTINCT ON (c.code, ix.term) c.code, 'index', ix.term, ix.path
	FROM ix
	JOIN LATERAL (
		SELECT c.code FROM app.codes c
		WHERE c.release_id = rel AND c.kind = 'code' AND c.code = ix.key
		    AND (ds = 'icd10cm' OR length(ix.key) <= 3)
		UNION ALL
		SELECT c.code FROM app.codes c
		WHERE ds = 'icd10cm' AND c.release_id = rel AND c.kind = 'code'
		    AND c.billable AND c.parent = ix.key
		UNION ALL
		SELECT c.code FROM app.codes c
		WHERE ds = 'icd10pcs' AND length(ix.key) >= 4
		    AND c.release_id = rel AND c.kind = 'code' AND c.billable
		    AND c.code BETWEEN ix.key AND ix.key || 'ZZZZ'
		    AND c.code LIKE ix.key || '%'
	) c ON true
	ORDER BY c.code, ix.term, ix.path;

	INSERT INTO search_build
	SELECT c.code, 'lay', l.term, l.term
	FROM app.code_text t
	CROSS JOIN LATERAL unnest(t.lay_terms) l(term)
	JOIN app.codes c ON c.release_id = rel AND c.code = t.code
	    AND c.kind = 'code'
	WHERE t.code_set = ds AND btrim(l.term) <> '';

	INSERT INTO app.search_terms (release_id, code_set, code, kind, term,
	    path, norm, tsv, billable, seq)
	SELECT rel, ds, b.code, b.kind, b.term, b.path, s.norm,
	    to_tsvector('simple', s.norm), c.billable, c.seq
	FROM search_build b
	JOIN app.codes c ON c.release_id = rel AND c.code = b.code
	CROSS JOIN LATERAL (SELECT app.search_norm(b.term) AS norm) s
	WHERE s.norm <> '  '
	ORDER BY c.billable DESC, length(s.norm),
	    array_position(ARRAY['title', 'short', 'inclusion', 'index',
		'lay'], b.kind), c.seq;
	GET DIAGNOSTICS n = ROW_COUNT;
	-- Merge GIN's pending list now: searches would scan it linearly.
	PERFORM gin_clean_pending_list('app.search_terms_tsv'::regclass);

	PERFORM app.search_words_build();
	RETURN n;
END
$$;

-- The spelling dictionary from the terms of live releases.
CREATE FUNCTION app.search_words_build() RETURNS void
LANGUAGE sql AS $$
	DELETE FROM app.search_words;
	INSERT INTO app.search_words (word, n)
	SELECT w, count(*)
	FROM app.search_terms t
	JOIN app.releases r ON r.id = t.release_id AND r.is_live
	CROSS JOIN LATERAL unnest(tsvector_to_array(t.tsv)) w
	WHERE t.kind <> 'short'		-- abbreviations ("arthrit") are no spelling
	    AND length(w) >= 3 AND w ~ '^[[:alpha:]]+$'
	GROUP BY w;
$$;

-- Lay terms follow app.code_text (edited by admins any time): the rows of
-- the live release of the code's set are replaced. SECURITY DEFINER: the
-- roles that edit app.code_text need no rights on app.search_terms.
CREATE FUNCTION app.search_terms_lay_sync() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = app, pg_temp AS $$
BEGIN
	IF TG_OP IN ('UPDATE', 'DELETE') THEN
		DELETE FROM app.search_terms
		WHERE kind = 'lay' AND code_set = OLD.code_set
		    AND code = OLD.code;
	END IF;
	IF TG_OP IN ('INSERT', 'UPDATE') THEN
		INSERT INTO app.search_terms (release_id, code_set, code, kind,
		    term, path, norm, tsv, billable, seq)
		SELECT c.release_id, c.code_set, c.code, 'lay', l.term, l.term,
		    app.search_norm(l.term),
		    to_tsvector('simple', app.search_norm(l.term)), c.billable,
		    c.seq
		FROM app.codes c
		JOIN app.releases r ON r.id = c.release_id AND r.is_live
		CROSS JOIN LATERAL unnest(NEW.lay_terms) l(term)
		WHERE r.dataset = NEW.code_set AND c.code = NEW.code
		    AND c.kind = 'code' AND app.search_norm(l.term) <> '  ';
	END IF;
	RETURN NULL;
END
$$;
CREATE TRIGGER code_text_search AFTER INSERT OR UPDATE OR DELETE
    ON app.code_text FOR EACH ROW EXECUTE FUNCTION app.search_terms_lay_sync();
