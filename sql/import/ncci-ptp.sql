-- sql/import/ncci-ptp.sql: NCCI procedure-to-procedure edits into
-- app.ncci_ptp. psql variable layout:
--   derived  ptp_practitioner_2024q2_v301.tsv: header row, then
--            column_1, column_2, prior_1996 (* or empty), deletion_date
--            (YYYYMMDD or *), modifier_indicator, rationale_id
--   cms      CMS ccipra/ccioph text file: 6 header lines, then column 1,
--            column 2, * (pre-1996), effective YYYYMMDD, deletion YYYYMMDD
--            or *, modifier 0/1/9, rationale text
-- imp_csv holds the tab-separated cells (c1..c6 or c1..c7); imp_rat_stage
-- the rationale table (id, text, count; header row), upserted into
-- app.ncci_rationales first.
-- Speed (2.5 million rows): one set-based validation pass, one INSERT into
-- a new table of its own (the release's partition) without indexes, then
-- the indexes are built and the table attached to app.ncci_ptp.
\i :dir/premium-common.sql
SELECT :'layout' = 'derived' AS is_derived \gset
SELECT format('staged %s lines (%s)', count(*), pg_temp.secs()) FROM imp_csv;

-- Rationales.
INSERT INTO imp_bad
SELECT lineno, 'rationale table: expected "id<TAB>text<TAB>count" with a '
    'numeric id and a text'
FROM imp_rat_stage
WHERE lineno > 1 AND (c1 !~ '^[0-9]{1,4}$' OR coalesce(btrim(c2), '') = '');
\i :dir/check.sql
INSERT INTO app.ncci_rationales (id, text)
SELECT c1::smallint, btrim(c2) FROM imp_rat_stage WHERE lineno > 1
ON CONFLICT (id) DO UPDATE SET text = excluded.text;

INSERT INTO imp_bad
SELECT NULL, 'file is empty (no edits)'
WHERE NOT EXISTS (SELECT 1 FROM imp_csv WHERE lineno > CASE WHEN :'is_derived'::boolean
    THEN 1 ELSE 6 END);

-- Every YYYYMMDD value of the file, checked once.
CREATE TEMP TABLE imp_dates ON COMMIT DROP AS
SELECT d, pg_temp.ymd_date(d) AS v
FROM (
	SELECT DISTINCT d FROM imp_csv,
	    LATERAL (VALUES (c4), (CASE WHEN NOT :'is_derived'::boolean THEN c5 END)) x(d)
	WHERE d ~ '^[0-9]{8}$'
) s;
ANALYZE imp_dates;

\if :is_derived
INSERT INTO imp_bad
SELECT 1, 'header must be: column_1<TAB>column_2<TAB>prior_1996<TAB>'
    'deletion_date<TAB>modifier_indicator<TAB>rationale_id'
FROM imp_csv
WHERE lineno = 1 AND NOT (c1 = 'column_1' AND c2 = 'column_2'
    AND c3 = 'prior_1996' AND c4 = 'deletion_date'
    AND c5 = 'modifier_indicator' AND c6 = 'rationale_id');

INSERT INTO imp_bad
SELECT lineno, problem FROM (
	SELECT s.lineno, CASE
	WHEN c1 IS NULL OR c1 !~ '^[0-9A-Z]{5}$' THEN
		format('column 1 "%s" is not a CPT/HCPCS code (5 letters or '
		    'digits)', coalesce(c1, ''))
	WHEN c2 IS NULL OR c2 !~ '^[0-9A-Z]{5}$' THEN
		format('column 2 "%s" is not a CPT/HCPCS code (5 letters or '
		    'digits)', coalesce(c2, ''))
	WHEN c3 IS NOT NULL AND c3 <> '*' THEN
		format('prior-1996 flag must be * or empty, not "%s"', c3)
	WHEN c4 IS NULL OR (c4 <> '*' AND d.v IS NULL) THEN
		format('deletion date must be a date YYYYMMDD or *, not "%s"',
		    coalesce(c4, ''))
	WHEN c5 IS NULL OR c5 NOT IN ('0', '1', '9') THEN
		format('modifier indicator must be 0, 1 or 9, not "%s"',
		    coalesce(c5, ''))
	WHEN r.id IS NULL THEN
		format('unknown rationale id "%s" (not in the rationale table)',
		    coalesce(c6, ''))
	END AS problem
	FROM imp_csv s
	LEFT JOIN imp_dates d ON d.d = s.c4
	LEFT JOIN app.ncci_rationales r
	    ON r.id::text = s.c6
	WHERE s.lineno > 1
) b
WHERE problem IS NOT NULL;
\else
INSERT INTO imp_bad
SELECT 3, 'not the CMS PTP layout: 6 header lines, line 3 starting '
    '"Column 1<TAB>Column 2"'
WHERE NOT EXISTS (SELECT 1 FROM imp_csv WHERE lineno = 3
    AND c1 = 'Column 1' AND c2 = 'Column 2');

INSERT INTO imp_bad
SELECT lineno, problem FROM (
	SELECT s.lineno, CASE
	WHEN c1 IS NULL OR c1 !~ '^[0-9A-Z]{5}$' THEN
		format('column 1 "%s" is not a CPT/HCPCS code (5 letters or '
		    'digits)', coalesce(c1, ''))
	WHEN c2 IS NULL OR c2 !~ '^[0-9A-Z]{5}$' THEN
		format('column 2 "%s" is not a CPT/HCPCS code (5 letters or '
		    'digits)', coalesce(c2, ''))
	WHEN c3 IS NOT NULL AND c3 <> '*' THEN
		format('prior-1996 flag must be * or empty, not "%s"', c3)
	WHEN e.v IS NULL THEN
		format('effective date must be a date YYYYMMDD, not "%s"',
		    coalesce(c4, ''))
	WHEN c5 IS NULL OR (c5 <> '*' AND d.v IS NULL) THEN
		format('deletion date must be a date YYYYMMDD or *, not "%s"',
		    coalesce(c5, ''))
	WHEN c6 IS NULL OR c6 NOT IN ('0', '1', '9') THEN
		format('modifier indicator must be 0, 1 or 9, not "%s"',
		    coalesce(c6, ''))
	WHEN coalesce(btrim(c7), '') = '' THEN
		'rationale is empty'
	END AS problem
	FROM imp_csv s
	LEFT JOIN imp_dates e ON e.d = s.c4
	LEFT JOIN imp_dates d ON d.d = s.c5
	WHERE s.lineno > 6
) b
WHERE problem IS NOT NULL;
\endif
\i :dir/check.sql
SELECT format('validated (%s)', pg_temp.secs());

\i :dir/release.sql
SELECT 'ncci_ptp_r' || :rel_id AS ptp_table \gset

-- The release's own table: same columns and checks as app.ncci_ptp.
CREATE TABLE app.:"ptp_table" (LIKE app.ncci_ptp INCLUDING DEFAULTS
    INCLUDING CONSTRAINTS, CHECK (release_id = :rel_id));

\if :is_derived
INSERT INTO app.:"ptp_table" (release_id, col1, col2, prior_1996, effective,
    deleted, modifier, rationale_id, rationale)
SELECT :rel_id, s.c1, s.c2, s.c3 IS NOT NULL, NULL, d.v, s.c5::smallint,
    r.id, r.text
FROM imp_csv s
LEFT JOIN imp_dates d ON d.d = s.c4
JOIN app.ncci_rationales r ON r.id::text = s.c6
WHERE s.lineno > 1;
\else
INSERT INTO app.:"ptp_table" (release_id, col1, col2, prior_1996, effective,
    deleted, modifier, rationale_id, rationale)
SELECT :rel_id, s.c1, s.c2, s.c3 IS NOT NULL, e.v, d.v, s.c6::smallint,
    r.id, btrim(s.c7)
FROM imp_csv s
JOIN imp_dates e ON e.d = s.c4
LEFT JOIN imp_dates d ON d.d = s.c5
LEFT JOIN app.ncci_rationales r ON r.text = btrim(s.c7)
WHERE s.lineno > 6;
\endif
SELECT format('inserted %s edits (%s)', count(*), pg_temp.secs())
FROM app.:"ptp_table";

CREATE INDEX ON app.:"ptp_table" (release_id, col1, col2);
CREATE INDEX ON app.:"ptp_table" (release_id, col2, col1);
SELECT format('indexed (%s)', pg_temp.secs());
ALTER TABLE app.ncci_ptp ATTACH PARTITION app.:"ptp_table"
    FOR VALUES IN (:rel_id);
ANALYZE app.:"ptp_table";
SELECT format('attached as partition app.%s (%s)', :'ptp_table',
    pg_temp.secs());

UPDATE app.releases SET counts = c.j
FROM (
	SELECT jsonb_build_object('edits', count(*),
	    'active', count(*) FILTER (WHERE deleted IS NULL),
	    'deleted', count(*) FILTER (WHERE deleted IS NOT NULL),
	    'modifier_0', count(*) FILTER (WHERE modifier = 0),
	    'modifier_1', count(*) FILTER (WHERE modifier = 1),
	    'modifier_9', count(*) FILTER (WHERE modifier = 9),
	    'prior_1996', count(*) FILTER (WHERE prior_1996),
	    'with_effective_date', count(*) FILTER (WHERE effective IS NOT NULL))
	    AS j
	FROM app.:"ptp_table"
) c
WHERE id = :rel_id;
