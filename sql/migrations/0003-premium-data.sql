-- 0003: premium code data loaded from CMS files as releases: NCCI PTP
-- edits, MUE unit limits, Physician Fee Schedule (RVUs, GPCI, localities,
-- anesthesia CF), places of service, code history. Every table hangs off
-- app.releases (one file = one release; dataset names in each comment).
-- Loaded by sql/import/import (sets ncci-ptp, mue, pfs, gpci, locality,
-- anes, pos, icd10cm-addenda, icd10pcs-addenda, cpt-cms).

-- NCCI procedure-to-procedure edits. dataset 'ncci_ptp_practitioner' or
-- 'ncci_ptp_hospital' (the setting is the release's dataset). A pair may
-- have several rows (an edit deleted and later added again). deleted NULL
-- = active; effective NULL when the file has no effective date (the
-- derived 2024 Q2 table). rationale: the CMS text (always filled when the
-- file has it or rationale_id names a known text).
-- LIST-partitioned by release_id: the importer loads a release into its own
-- table, builds its indexes, then attaches it (fast bulk load); deleting
-- the release empties its partition through the cascade.
CREATE TABLE app.ncci_ptp (
	release_id int NOT NULL REFERENCES app.releases ON DELETE CASCADE,
	col1 text NOT NULL,
	col2 text NOT NULL,
	prior_1996 boolean NOT NULL DEFAULT false,
	effective date,
	deleted date,
	modifier smallint NOT NULL CHECK (modifier IN (0, 1, 9)),
	rationale_id smallint,
	rationale text
) PARTITION BY LIST (release_id);
CREATE INDEX ncci_ptp_col1 ON app.ncci_ptp (release_id, col1, col2);
CREATE INDEX ncci_ptp_col2 ON app.ncci_ptp (release_id, col2, col1);

-- The 12 CMS PTP rationale texts (data/ncci/ptp_rationale_codes.tsv);
-- loaded by every ncci-ptp import (upsert).
CREATE TABLE app.ncci_rationales (
	id smallint PRIMARY KEY,
	text text NOT NULL UNIQUE
);

-- Medically unlikely edits, dataset 'mue': one file may hold the three
-- settings. mai: 1 line edit, 2 date of service edit: policy, 3 date of
-- service edit: clinical; mai_text is CMS's wording.
CREATE TABLE app.mue (
	release_id int NOT NULL REFERENCES app.releases ON DELETE CASCADE,
	setting text NOT NULL
	    CHECK (setting IN ('practitioner', 'hospital', 'dme')),
	code text NOT NULL,
	units int NOT NULL CHECK (units >= 0),
	mai smallint NOT NULL CHECK (mai IN (1, 2, 3)),
	mai_text text,
	rationale text,
	PRIMARY KEY (release_id, setting, code)
);
CREATE INDEX mue_code ON app.mue (release_id, code);

-- Physician fee schedule relative value units (PPRRVU), dataset 'pfs'.
-- One row per code and modifier ('' none, '26', 'TC', '53'). The file's
-- DESCRIPTION column (AMA/ADA descriptor text) is never stored.
-- *_na: the file's "NA" flag (the PE RVU does not apply in that setting).
-- preop/intraop/postop are fractions (0.09 = 9 %).
CREATE TABLE app.pfs_rvu (
	release_id int NOT NULL REFERENCES app.releases ON DELETE CASCADE,
	code text NOT NULL,
	modifier text NOT NULL DEFAULT '',
	status text,
	work numeric,
	pe_nonfac numeric,
	pe_nonfac_na boolean NOT NULL DEFAULT false,
	pe_fac numeric,
	pe_fac_na boolean NOT NULL DEFAULT false,
	mp numeric,
	total_nonfac numeric,
	total_fac numeric,
	pctc text,
	global text,
	preop numeric,
	intraop numeric,
	postop numeric,
	mult_proc text,
	bilateral text,
	assistant text,
	cosurgeons text,
	team text,
	endo_base text,
	conv_factor numeric,
	phys_supervision text,
	calc_flag text,
	diag_imaging_family text,
	opps_pe_nonfac numeric,
	opps_pe_fac numeric,
	opps_mp numeric,
	PRIMARY KEY (release_id, code, modifier)
);

-- Geographic practice cost indices by payment locality, dataset 'gpci'.
-- mac: 5 digits ('01112'), locality: 2 digits ('05'); pages identify a
-- locality as mac || '-' || locality ('01112-05').
CREATE TABLE app.pfs_gpci (
	release_id int NOT NULL REFERENCES app.releases ON DELETE CASCADE,
	mac text NOT NULL,
	state text NOT NULL,
	locality text NOT NULL,
	name text NOT NULL,
	gpci_work numeric NOT NULL,
	gpci_pe numeric NOT NULL,
	gpci_mp numeric NOT NULL,
	PRIMARY KEY (release_id, mac, locality)
);

-- Locality → counties (25LOCCO), dataset 'locality'. state: the state name
-- as in the file (continuation rows inherit it from the row above); mac and
-- locality zero-padded as in app.pfs_gpci. seq: row order in the file. A
-- locality served by two MACs has a row per MAC.
CREATE TABLE app.pfs_locality_counties (
	release_id int NOT NULL REFERENCES app.releases ON DELETE CASCADE,
	mac text NOT NULL,
	locality text NOT NULL,
	state text NOT NULL,
	area text,
	counties text,
	seq int NOT NULL,
	PRIMARY KEY (release_id, seq)
);
CREATE INDEX pfs_locality_counties_loc
    ON app.pfs_locality_counties (release_id, mac, locality);

-- Anesthesia conversion factors by locality (ANES), dataset 'anes'.
CREATE TABLE app.pfs_anes (
	release_id int NOT NULL REFERENCES app.releases ON DELETE CASCADE,
	mac text NOT NULL,
	locality text NOT NULL,
	name text,
	conv_factor numeric NOT NULL,
	PRIMARY KEY (release_id, mac, locality)
);

-- Place of service codes, dataset 'pos'. type: Facility / Non-Facility /
-- Unassigned (the PFS facility-rate classification).
CREATE TABLE app.pos (
	release_id int NOT NULL REFERENCES app.releases ON DELETE CASCADE,
	code text NOT NULL,
	type text,
	name text,
	description text,
	PRIMARY KEY (release_id, code)
);

-- Code history: one row per change of a code. Sources:
--  * the ICD-10-CM / ICD-10-PCS order addenda (datasets 'icd10cm_addenda',
--    'icd10pcs_addenda'; release_id = that release; source = file name);
--  * comparing consecutive releases of a code set (release_id NULL, source
--    'releases <old id>→<new id>'), rebuilt after every code-set import;
--  * HCPCS: the live release's ADD DT / TERM DT attributes (release_id
--    NULL, source 'HCPCS ADD DT' / 'HCPCS TERM DT').
-- action: added, revised (old_title → new_title, long titles), deleted.
-- billable: false when the row is a header/category (ICD-10-CM flag 0,
-- PCS 3-character tables) rather than a valid code; NULL when unknown.
CREATE TABLE app.code_history (
	id bigserial PRIMARY KEY,
	code_set text NOT NULL,
	code text NOT NULL,
	action text NOT NULL CHECK (action IN ('added', 'revised', 'deleted')),
	effective date,
	release_label text,
	old_title text,
	new_title text,
	source text NOT NULL,
	billable boolean,
	release_id int REFERENCES app.releases ON DELETE CASCADE
);
CREATE INDEX code_history_code ON app.code_history (code_set, code, effective);
CREATE INDEX code_history_release ON app.code_history (release_id);

-- Rebuild the release-comparison history of a code set: for each pair of
-- consecutive releases (by effective date, then id; the project's 'sample'
-- releases and CMS-derived CPT code lists left out), codes added, deleted
-- and retitled. HCPCS: also the added/terminated dates of the live release.
CREATE FUNCTION app.rebuild_code_history(set_ text)
RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
	r record;
	n bigint;
BEGIN
	DELETE FROM app.code_history
	WHERE code_set = set_ AND release_id IS NULL;

	FOR r IN
		SELECT * FROM (
			SELECT id, label, effective,
			    lag(id) OVER (ORDER BY effective, id) AS prev
			FROM app.releases
			WHERE dataset = set_ AND version <> 'sample'
			    AND version NOT LIKE 'cms-%'
		) x WHERE prev IS NOT NULL
	LOOP
		INSERT INTO app.code_history (code_set, code, action,
		    effective, release_label, old_title, new_title, source,
		    billable)
		SELECT set_, coalesce(nw.code, od.code),
		    CASE WHEN od.code IS NULL THEN 'added'
			WHEN nw.code IS NULL THEN 'deleted' ELSE 'revised' END,
		    r.effective, r.label, od.title, nw.title,
		    format('releases %s→%s', r.prev, r.id),
		    coalesce(nw.billable, od.billable)
		FROM (SELECT code, title, billable FROM app.codes
		    WHERE release_id = r.id AND kind = 'code') nw
		FULL JOIN (SELECT code, title, billable FROM app.codes
		    WHERE release_id = r.prev AND kind = 'code') od
		    ON od.code = nw.code
		WHERE od.code IS NULL OR nw.code IS NULL
		    OR od.title IS DISTINCT FROM nw.title;
	END LOOP;

	IF set_ = 'hcpcs' THEN
		INSERT INTO app.code_history (code_set, code, action,
		    effective, release_label, new_title, source, billable)
		SELECT 'hcpcs', c.code, a.action, a.d, rel.label, c.title,
		    a.source, true
		FROM app.releases rel
		JOIN app.codes c ON c.release_id = rel.id AND c.kind = 'code'
		CROSS JOIN LATERAL (VALUES
		    ('added', (c.attrs->>'added')::date, 'HCPCS ADD DT'),
		    ('deleted', (c.attrs->>'terminated')::date, 'HCPCS TERM DT')
		) a(action, d, source)
		WHERE rel.dataset = 'hcpcs' AND rel.is_live AND a.d IS NOT NULL;
	END IF;

	SELECT count(*) INTO n FROM app.code_history
	WHERE code_set = set_ AND release_id IS NULL;
	RETURN n;
END
$$;
