-- sql/import/pfs.sql: Physician Fee Schedule relative value file
-- (PPRRVU, fixed width, 171 characters per record; RVU25D.pdf) into
-- app.pfs_rvu. Leading "HDR" lines (copyright notice) are skipped.
-- Positions (1-based): 1-5 code; 6-7 modifier; 8-57 DESCRIPTION (AMA/ADA
-- text: never read); 58 status; 60-65 work; 67-72 PE non-facility; 73-74
-- NA; 76-81 PE facility; 82-83 NA; 85-89 MP; 91-96 total non-facility;
-- 97-102 total facility; 103 PC/TC; 104-106 global; 107-109 / 110-112 /
-- 113-115 pre-, intra-, post-op; 116 multiple procedure; 117 bilateral;
-- 118 assistant; 119 co-surgeons; 120 team; 128-132 endoscopic base;
-- 133-140 conversion factor; 142-143 physician supervision; 144
-- calculation flag; 146-147 diagnostic imaging family; 152-157 / 159-164
-- / 166-171 OPPS-cap non-facility PE, facility PE, MP.
\i :dir/premium-common.sql
SELECT format('staged %s lines', count(*)) FROM imp_stage;

CREATE TEMP TABLE imp_pfs ON COMMIT DROP AS
SELECT lineno, line, length(line) AS len,
    substr(line, 1, 5) AS code, rtrim(substr(line, 6, 2)) AS modifier,
    substr(line, 58, 1) AS status,
    substr(line, 60, 6) AS work, substr(line, 67, 6) AS pe_nonfac,
    substr(line, 73, 2) AS pe_nonfac_na, substr(line, 76, 6) AS pe_fac,
    substr(line, 82, 2) AS pe_fac_na, substr(line, 85, 5) AS mp,
    substr(line, 91, 6) AS total_nonfac, substr(line, 97, 6) AS total_fac,
    substr(line, 103, 1) AS pctc, substr(line, 104, 3) AS global,
    substr(line, 107, 3) AS preop, substr(line, 110, 3) AS intraop,
    substr(line, 113, 3) AS postop, substr(line, 116, 1) AS mult_proc,
    substr(line, 117, 1) AS bilateral, substr(line, 118, 1) AS assistant,
    substr(line, 119, 1) AS cosurgeons, substr(line, 120, 1) AS team,
    substr(line, 128, 5) AS endo_base, substr(line, 133, 8) AS conv_factor,
    substr(line, 142, 2) AS phys_supervision, substr(line, 144, 1) AS calc_flag,
    substr(line, 146, 2) AS diag_imaging_family,
    substr(line, 152, 6) AS opps_pe_nonfac, substr(line, 159, 6) AS opps_pe_fac,
    substr(line, 166, 6) AS opps_mp
FROM imp_stage
WHERE lineno > coalesce((SELECT max(lineno) FROM imp_stage
	WHERE line LIKE 'HDR%'
	    AND lineno <= (SELECT coalesce(min(lineno), 0) FROM imp_stage
		WHERE line NOT LIKE 'HDR%')), 0)
    AND coalesce(line, '') <> '';

INSERT INTO imp_bad
SELECT NULL, 'file is empty (no RVU records)'
WHERE NOT EXISTS (SELECT 1 FROM imp_pfs);

INSERT INTO imp_bad
SELECT lineno, problem FROM (
	SELECT lineno, CASE
	WHEN len < 171 THEN
		format('record too short (%s characters; a PPRRVU record has 171)',
		    len)
	WHEN code !~ '^[0-9A-Z]{5}$' THEN
		format('"%s" is not a CPT/HCPCS code (positions 1-5)', code)
	WHEN modifier !~ '^([0-9A-Z]{2})?$' THEN
		format('modifier (positions 6-7) must be blank or 2 letters or '
		    'digits, not "%s"', modifier)
	WHEN status !~ '^[A-Z]$' THEN
		format('status code (position 58) must be a letter, not "%s"',
		    status)
	WHEN NOT (pg_temp.is_num(work) AND pg_temp.is_num(pe_nonfac)
	    AND pg_temp.is_num(pe_fac) AND pg_temp.is_num(mp)
	    AND pg_temp.is_num(total_nonfac) AND pg_temp.is_num(total_fac)) THEN
		'RVUs (positions 60-102) must be numbers'
	WHEN pe_nonfac_na NOT IN ('  ', 'NA') OR pe_fac_na NOT IN ('  ', 'NA') THEN
		'PE NA flags (positions 73-74, 82-83) must be NA or blank'
	WHEN global !~ '^([0-9]{3}|MMM|XXX|YYY|ZZZ)$' THEN
		format('global days (positions 104-106) must be 000, 010, 090, '
		    'MMM, XXX, YYY or ZZZ, not "%s"', global)
	WHEN NOT (pg_temp.is_num(preop) AND pg_temp.is_num(intraop)
	    AND pg_temp.is_num(postop)) THEN
		'pre-, intra- and post-operative shares (positions 107-115) '
		'must be numbers'
	WHEN NOT pg_temp.is_num(conv_factor) THEN
		format('conversion factor (positions 133-140) must be a number, '
		    'not "%s"', conv_factor)
	WHEN NOT ((btrim(opps_pe_nonfac) = '' OR pg_temp.is_num(opps_pe_nonfac))
	    AND (btrim(opps_pe_fac) = '' OR pg_temp.is_num(opps_pe_fac))
	    AND (btrim(opps_mp) = '' OR pg_temp.is_num(opps_mp))) THEN
		'OPPS-cap RVUs (positions 152-171) must be numbers'
	END AS problem
	FROM imp_pfs
) b
WHERE problem IS NOT NULL;

INSERT INTO imp_bad
SELECT lineno, format('duplicate record %s%s (also on line %s)', code,
    CASE WHEN modifier <> '' THEN '-' || modifier ELSE '' END, first)
FROM (
	SELECT lineno, code, modifier,
	    min(lineno) OVER (PARTITION BY code, modifier) AS first
	FROM imp_pfs
) d
WHERE lineno > first;

\i :dir/check.sql
SELECT 'validated';

\i :dir/release.sql
INSERT INTO app.pfs_rvu (release_id, code, modifier, status, work,
    pe_nonfac, pe_nonfac_na, pe_fac, pe_fac_na, mp, total_nonfac, total_fac,
    pctc, global, preop, intraop, postop, mult_proc, bilateral, assistant,
    cosurgeons, team, endo_base, conv_factor, phys_supervision, calc_flag,
    diag_imaging_family, opps_pe_nonfac, opps_pe_fac, opps_mp)
SELECT :rel_id, code, modifier, status, btrim(work)::numeric,
    btrim(pe_nonfac)::numeric, pe_nonfac_na = 'NA', btrim(pe_fac)::numeric,
    pe_fac_na = 'NA', btrim(mp)::numeric, btrim(total_nonfac)::numeric,
    btrim(total_fac)::numeric, nullif(btrim(pctc), ''), global,
    btrim(preop)::numeric, btrim(intraop)::numeric, btrim(postop)::numeric,
    nullif(btrim(mult_proc), ''), nullif(btrim(bilateral), ''),
    nullif(btrim(assistant), ''), nullif(btrim(cosurgeons), ''),
    nullif(btrim(team), ''), nullif(btrim(endo_base), ''),
    btrim(conv_factor)::numeric, nullif(btrim(phys_supervision), ''),
    nullif(btrim(calc_flag), ''), nullif(btrim(diag_imaging_family), ''),
    nullif(btrim(opps_pe_nonfac), '')::numeric,
    nullif(btrim(opps_pe_fac), '')::numeric, nullif(btrim(opps_mp), '')::numeric
FROM imp_pfs;

UPDATE app.releases SET counts = (
	SELECT jsonb_build_object('rows', count(*),
	    'codes', count(DISTINCT code),
	    'cpt_codes', count(DISTINCT code)
		FILTER (WHERE code ~ '^[0-9]{4}[0-9FTUM]$'),
	    'status', (SELECT jsonb_object_agg(status, n) FROM (
		SELECT status, count(*) AS n FROM app.pfs_rvu
		WHERE release_id = :rel_id GROUP BY status) s))
	FROM app.pfs_rvu WHERE release_id = :rel_id)
WHERE id = :rel_id;
ANALYZE app.pfs_rvu;
SELECT format('inserted %s RVU records (%s codes)', counts->'rows',
    counts->'codes')
FROM app.releases WHERE id = :rel_id;
