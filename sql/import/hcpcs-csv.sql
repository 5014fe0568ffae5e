-- sql/import/hcpcs-csv.sql: HCPCS alpha-numeric file as CSV (the CMS
-- xlsx saved as CSV): header row, then one row per code (RECID 3) or
-- modifier (RECID 7; HCPC = 3 blanks + modifier), long description joined.
SELECT format('staged %s lines', count(*)) FROM imp_csv;

INSERT INTO imp_bad
SELECT NULL, 'file is empty (no records)'
WHERE NOT EXISTS (SELECT 1 FROM imp_csv WHERE lineno > 1);

INSERT INTO imp_bad
SELECT 1, 'header row must be: HCPC,SEQNUM,RECID,LONG DESCRIPTION,'
    'SHORT DESCRIPTION,...,ADD DT,ACT EFF DT,TERM DT,ACTION CD'
FROM imp_csv
WHERE lineno = 1 AND NOT (c1 = 'HCPC' AND c2 = 'SEQNUM' AND c3 = 'RECID'
    AND c4 = 'LONG DESCRIPTION' AND c5 = 'SHORT DESCRIPTION' AND c31 = 'COV'
    AND c38 = 'BETOS' AND c45 = 'ADD DT' AND c46 = 'ACT EFF DT'
    AND c47 = 'TERM DT' AND c48 = 'ACTION CD');

CREATE TEMP TABLE imp_hc ON COMMIT DROP AS
SELECT lineno, c3 AS recid, coalesce(c1, '') AS raw_code,
    btrim(coalesce(c1, '')) AS code, c2 AS seqnum,
    btrim(c4) AS long_title, btrim(c5) AS short_title,
    array_remove(ARRAY[c6, c7, c8, c9], NULL) AS pricing,
    c31 AS coverage, c32 AS asc_group, c38 AS betos,
    concat(c39, c40, c41, c42, c43) AS tos,
    c45 AS added, c46 AS action_effective, c47 AS terminated, c48 AS action_code
FROM imp_csv
WHERE lineno > 1;

\i :dir/hcpcs-common.sql
