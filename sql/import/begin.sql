-- sql/import/begin.sql: common start of every import (run by sql/import/import
-- inside the single import transaction). psql variables: fname dataset
-- version label effective sha licensed nolive.

-- One import per code set at a time (the live switch must not race).
SELECT pg_advisory_xact_lock(hashtext('medcode-import:' || :'dataset')) \gset imp_lock_

CREATE TEMP TABLE imp_params ON COMMIT DROP AS
SELECT :'fname'::text AS fname, :'dataset'::text AS dataset,
    :'version'::text AS version, :'label'::text AS label,
    :'effective'::date AS effective, :'sha'::text AS sha256,
    nullif(:'licensed', '')::boolean AS licensed, :'nolive'::boolean AS nolive;

-- Raw lines of the data file, verbatim, numbered as in the file.
CREATE TEMP TABLE imp_stage (
	lineno bigint GENERATED ALWAYS AS IDENTITY,
	line text
) ON COMMIT DROP;

-- Problems found by validation: (line, what is wrong); check.sql raises.
CREATE TEMP TABLE imp_bad (lineno bigint, problem text) ON COMMIT DROP;

-- What the set-specific script builds; finish.sql loads it.
-- ord: sort key among siblings (tabular order); finish.sql turns the
-- ords along each path into app.codes.seq and depth.
CREATE TEMP TABLE imp_nodes (
	code text PRIMARY KEY,
	display text NOT NULL,
	kind text NOT NULL,
	billable boolean NOT NULL DEFAULT false,
	short_title text,
	title text,
	parent text,
	ord bigint NOT NULL,
	attrs jsonb
) ON COMMIT DROP;
CREATE TEMP TABLE imp_notes (code text, kind text, seq int, note text)
    ON COMMIT DROP;
CREATE TEMP TABLE imp_mods (modifier text PRIMARY KEY, short_title text,
    title text, attrs jsonb) ON COMMIT DROP;
