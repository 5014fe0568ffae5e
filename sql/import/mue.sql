-- sql/import/mue.sql: medically unlikely edits into app.mue. psql
-- variable layout:
--   stacked  mue_2024q2_all_service_types.csv: header hcpcs, mue_value,
--            mai, mai_description, service_type (Practitioner, Outpatient
--            Hospital, DME Supplier), mue_rationale
--   cms      a CMS MUE table (MCR_MUE_<Setting>Services_Eff_MM-DD-YYYY):
--            an AMA notice in one quoted multi-line cell, a header record
--            ("HCPCS/ CPT Code", "<Setting> Services MUE Values", "MUE
--            Adjudication Indicator", "MUE Rationale"), then code, units,
--            "N <indicator text>", rationale
-- imp_csv holds the records (COPY numbers records; fline below is the
-- line of the file where a record starts).
\i :dir/premium-common.sql
SELECT :'layout' = 'stacked' AS is_stacked \gset
SELECT format('staged %s records', count(*)) FROM imp_csv;

CREATE TEMP TABLE imp_mue_rec ON COMMIT DROP AS
SELECT lineno + coalesce(sum(nl) OVER (ORDER BY lineno
	ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS fline, *
FROM (
	SELECT *, length(concat(c1, c2, c3, c4))
	    - length(replace(concat(c1, c2, c3, c4), E'\n', '')) AS nl
	FROM imp_csv
) s;

\if :is_stacked
INSERT INTO imp_bad
SELECT 1, 'header must be: hcpcs,mue_value,mai,mai_description,'
    'service_type,mue_rationale'
FROM imp_csv
WHERE lineno = 1 AND NOT (c1 = 'hcpcs' AND c2 = 'mue_value' AND c3 = 'mai'
    AND c4 = 'mai_description' AND c5 = 'service_type'
    AND c6 = 'mue_rationale');
CREATE TEMP TABLE imp_mue ON COMMIT DROP AS
SELECT fline, btrim(c1) AS code, btrim(c2) AS units, btrim(c3) AS mai,
    btrim(c4) AS mai_text,
    CASE btrim(c5) WHEN 'Practitioner' THEN 'practitioner'
	WHEN 'Outpatient Hospital' THEN 'hospital'
	WHEN 'DME Supplier' THEN 'dme' END AS setting,
    c5 AS service_type, btrim(c6) AS rationale
FROM imp_mue_rec
WHERE lineno > 1;
\else
-- The header record: the one whose third cell names the indicator.
SELECT coalesce((SELECT min(lineno) FROM imp_csv
    WHERE btrim(c3) = 'MUE Adjudication Indicator'), 0) AS mue_hdr \gset
SELECT CASE
    WHEN c2 ~* '^\s*practitioner' THEN 'practitioner'
    WHEN c2 ~* '^\s*(outpatient\s+hospital|facility)' THEN 'hospital'
    WHEN c2 ~* '^\s*dme' THEN 'dme' ELSE '' END AS mue_setting
FROM imp_csv WHERE lineno = :mue_hdr
UNION ALL SELECT '' WHERE :mue_hdr = 0 \gset
INSERT INTO imp_bad
SELECT NULL, 'no header record ("HCPCS/CPT Code", "<Setting> Services MUE '
    'Values", "MUE Adjudication Indicator", "MUE Rationale")'
WHERE :mue_hdr = 0;
INSERT INTO imp_bad
SELECT fline, format('header: "%s" names no setting (Practitioner, '
    'Outpatient Hospital or DME Supplier Services MUE Values)', c2)
FROM imp_mue_rec WHERE lineno = :mue_hdr AND :'mue_setting' = '';
CREATE TEMP TABLE imp_mue ON COMMIT DROP AS
SELECT fline, btrim(c1) AS code, btrim(c2) AS units,
    substring(btrim(c3) FROM '^([0-9]+)') AS mai,
    nullif(btrim(substring(btrim(c3) FROM '^[0-9]+(.*)$')), '') AS mai_text,
    :'mue_setting' AS setting, :'mue_setting' AS service_type,
    btrim(c4) AS rationale
FROM imp_mue_rec
WHERE lineno > :mue_hdr AND :mue_hdr > 0;
\endif

INSERT INTO imp_bad
SELECT NULL, 'file is empty (no MUE rows)'
WHERE NOT EXISTS (SELECT 1 FROM imp_mue);

INSERT INTO imp_bad
SELECT fline, problem FROM (
	SELECT fline, CASE
	WHEN coalesce(code, '') !~ '^[0-9A-Z]{5}$' THEN
		format('"%s" is not a CPT/HCPCS code (5 letters or digits)',
		    coalesce(code, ''))
	WHEN coalesce(units, '') !~ '^[0-9]{1,6}$' THEN
		format('MUE value must be a whole number of units, not "%s"',
		    coalesce(units, ''))
	WHEN coalesce(mai, '') NOT IN ('1', '2', '3') THEN
		format('MUE adjudication indicator must be 1, 2 or 3, not "%s"',
		    coalesce(mai, ''))
	WHEN setting IS NULL THEN
		format('service type must be Practitioner, Outpatient Hospital '
		    'or DME Supplier, not "%s"', coalesce(service_type, ''))
	END AS problem
	FROM imp_mue
) b
WHERE problem IS NOT NULL;

INSERT INTO imp_bad
SELECT fline, format('duplicate %s MUE for %s (also on line %s)', setting,
    code, first)
FROM (
	SELECT fline, setting, code,
	    min(fline) OVER (PARTITION BY setting, code) AS first
	FROM imp_mue
) d
WHERE fline > first;

\i :dir/check.sql
SELECT 'validated';

\i :dir/release.sql
INSERT INTO app.mue (release_id, setting, code, units, mai, mai_text,
    rationale)
SELECT :rel_id, setting, code, units::int, mai::smallint, mai_text,
    nullif(rationale, '')
FROM imp_mue;

UPDATE app.releases SET counts = (
	SELECT jsonb_build_object('rows', count(*),
	    'practitioner', count(*) FILTER (WHERE setting = 'practitioner'),
	    'hospital', count(*) FILTER (WHERE setting = 'hospital'),
	    'dme', count(*) FILTER (WHERE setting = 'dme'))
	FROM app.mue WHERE release_id = :rel_id)
WHERE id = :rel_id;
ANALYZE app.mue;
SELECT format('inserted %s MUE rows', counts->'rows')
FROM app.releases WHERE id = :rel_id;
