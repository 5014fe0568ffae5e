-- 0001: code-set releases, codes, hierarchy, notes, modifiers, site text.
-- Runs as medcode_owner inside one transaction (tools/migrate), after
-- tools/migrate has created schema app and app.schema_migrations.

-- One row per loaded data file. A release loads beside the live one and is
-- switched live at the end of the importer's transaction.
CREATE TABLE app.releases (
	id serial PRIMARY KEY,
	dataset text NOT NULL,
	version text NOT NULL,
	label text NOT NULL,
	effective date NOT NULL,
	source_file text NOT NULL,
	sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
	licensed boolean NOT NULL DEFAULT false,
	loaded_at timestamptz NOT NULL DEFAULT now(),
	is_live boolean NOT NULL DEFAULT false,
	counts jsonb NOT NULL DEFAULT '{}',
	UNIQUE (dataset, sha256)
);
CREATE UNIQUE INDEX releases_one_live ON app.releases (dataset) WHERE is_live;

-- Codes and the hierarchy nodes above them, per release.
CREATE TABLE app.codes (
	release_id int NOT NULL REFERENCES app.releases ON DELETE CASCADE,
	code_set text NOT NULL,
	code text NOT NULL,
	display text NOT NULL,
	kind text NOT NULL
	    CHECK (kind IN ('chapter', 'block', 'section', 'code')),
	billable boolean NOT NULL DEFAULT false,
	short_title text,
	title text,
	parent text,
	depth smallint NOT NULL,
	seq int NOT NULL,
	attrs jsonb,
	PRIMARY KEY (release_id, code),
	-- hierarchy nodes that are not codes always contain '-'
	CHECK ((kind = 'code') = (strpos(code, '-') = 0))
);
CREATE INDEX codes_parent ON app.codes (release_id, parent, seq);
CREATE INDEX codes_seq ON app.codes (release_id, seq) WHERE kind = 'code';

-- ICD-10-CM tabular notes (from the tabular XML).
CREATE TABLE app.code_notes (
	release_id int REFERENCES app.releases ON DELETE CASCADE,
	code text,
	kind text CHECK (kind IN ('inclusion', 'includes', 'excludes1',
	    'excludes2', 'code_first', 'use_additional', 'code_also',
	    'seven_chr_note', 'seven_chr')),
	seq int,
	note text NOT NULL,
	PRIMARY KEY (release_id, code, kind, seq)
);

-- HCPCS Level II modifiers.
CREATE TABLE app.modifiers (
	release_id int REFERENCES app.releases ON DELETE CASCADE,
	modifier text,
	short_title text,
	title text,
	attrs jsonb,
	PRIMARY KEY (release_id, modifier)
);

-- Site-written content per code; not tied to a release.
CREATE TABLE app.code_text (
	code_set text,
	code text,
	lay_description text,
	lay_terms text[] NOT NULL DEFAULT '{}',
	updated_at timestamptz NOT NULL DEFAULT now(),
	updated_by text,
	PRIMARY KEY (code_set, code)
);

CREATE TABLE app.code_text_revisions (
	id bigserial PRIMARY KEY,
	code_set text,
	code text,
	body jsonb,
	author text,
	created_at timestamptz DEFAULT now()
);
CREATE INDEX code_text_revisions_code
    ON app.code_text_revisions (code_set, code, created_at);

-- Built-in hierarchy tables (public CDC/CMS headings, generic section names).

-- The 22 ICD-10-CM chapters (CDC tabular list, public domain), FY2026
-- ranges (chapter 17 gained category QA0 in FY2026). The importer places
-- categories in chapters by these ranges (widened by the tabular XML's
-- ranges when one is given) and takes the titles from the XML if given.
CREATE TABLE app.icd10cm_chapters (
	chapter int PRIMARY KEY,
	first_category text NOT NULL,
	last_category text NOT NULL,
	title text NOT NULL
);
INSERT INTO app.icd10cm_chapters VALUES
(1, 'A00', 'B99', 'Certain infectious and parasitic diseases'),
(2, 'C00', 'D49', 'Neoplasms'),
(3, 'D50', 'D89', 'Diseases of the blood and blood-forming organs and certain disorders involving the immune mechanism'),
(4, 'E00', 'E89', 'Endocrine, nutritional and metabolic diseases'),
(5, 'F01', 'F99', 'Mental, Behavioral and Neurodevelopmental disorders'),
(6, 'G00', 'G99', 'Diseases of the nervous system'),
(7, 'H00', 'H59', 'Diseases of the eye and adnexa'),
(8, 'H60', 'H95', 'Diseases of the ear and mastoid process'),
(9, 'I00', 'I99', 'Diseases of the circulatory system'),
(10, 'J00', 'J99', 'Diseases of the respiratory system'),
(11, 'K00', 'K95', 'Diseases of the digestive system'),
(12, 'L00', 'L99', 'Diseases of the skin and subcutaneous tissue'),
(13, 'M00', 'M99', 'Diseases of the musculoskeletal system and connective tissue'),
(14, 'N00', 'N99', 'Diseases of the genitourinary system'),
(15, 'O00', 'O9A', 'Pregnancy, childbirth and the puerperium'),
(16, 'P00', 'P96', 'Certain conditions originating in the perinatal period'),
(17, 'Q00', 'QA0', 'Congenital malformations, deformations and chromosomal abnormalities'),
(18, 'R00', 'R99', 'Symptoms, signs and abnormal clinical and laboratory findings, not elsewhere classified'),
(19, 'S00', 'T88', 'Injury, poisoning and certain other consequences of external causes'),
(20, 'V00', 'Y99', 'External causes of morbidity'),
(21, 'Z00', 'Z99', 'Factors influencing health status and contact with health services'),
(22, 'U00', 'U85', 'Codes for special purposes');

-- The 17 ICD-10-PCS sections (first character of a code).
CREATE TABLE app.pcs_sections (
	section text PRIMARY KEY CHECK (section ~ '^[0-9A-Z]$'),
	title text NOT NULL
);
INSERT INTO app.pcs_sections VALUES
('0', 'Medical and Surgical'),
('1', 'Obstetrics'),
('2', 'Placement'),
('3', 'Administration'),
('4', 'Measurement and Monitoring'),
('5', 'Extracorporeal or Systemic Assistance and Performance'),
('6', 'Extracorporeal or Systemic Therapies'),
('7', 'Osteopathic'),
('8', 'Other Procedures'),
('9', 'Chiropractic'),
('B', 'Imaging'),
('C', 'Nuclear Medicine'),
('D', 'Radiation Therapy'),
('F', 'Physical Rehabilitation and Diagnostic Audiology'),
('G', 'Mental Health'),
('H', 'Substance Abuse Treatment'),
('X', 'New Technology');

-- HCPCS Level II sections by code range (CMS headings). A code belongs to
-- the section whose range holds it (codes are 5 characters, so text
-- comparison is range comparison).
CREATE TABLE app.hcpcs_sections (
	first_code text NOT NULL CHECK (first_code ~ '^[A-Z][0-9]{4}$'),
	last_code text NOT NULL CHECK (last_code ~ '^[A-Z][0-9]{4}$'),
	title text NOT NULL,
	seq int NOT NULL UNIQUE,
	PRIMARY KEY (first_code, last_code),
	CHECK (first_code <= last_code)
);
INSERT INTO app.hcpcs_sections VALUES
('A0000', 'A0999', 'Transportation services including ambulance', 1),
('A2000', 'A3999', 'Skin substitutes and wound care matrices', 2),
('A4000', 'A9999', 'Medical and surgical supplies', 3),
('B0000', 'B9999', 'Enteral and parenteral therapy', 4),
('C0000', 'C9999', 'Outpatient PPS', 5),
('E0000', 'E9999', 'Durable medical equipment', 6),
('G0000', 'G9999', 'Procedures/professional services (temporary)', 7),
('H0000', 'H9999', 'Alcohol and drug abuse treatment services', 8),
('J0000', 'J8999', 'Drugs administered other than oral method', 9),
('J9000', 'J9999', 'Chemotherapy drugs', 10),
('K0000', 'K9999', 'Temporary codes (DME MACs)', 11),
('L0000', 'L9999', 'Orthotic and prosthetic procedures and devices', 12),
('M0000', 'M9999', 'Medical services', 13),
('P0000', 'P9999', 'Pathology and laboratory services', 14),
('Q0000', 'Q9999', 'Miscellaneous services (temporary codes)', 15),
('R0000', 'R9999', 'Diagnostic radiology services', 16),
('S0000', 'S9999', 'Temporary national codes (non-Medicare)', 17),
('T0000', 'T9999', 'National codes established for state Medicaid agencies', 18),
('U0000', 'U9999', 'Coronavirus diagnostic panel', 19),
('V0000', 'V9999', 'Vision, hearing and speech-language pathology services', 20);

-- CPT sections and subsections by code range: generic section headings
-- only (never AMA descriptors). A code belongs to the most specific
-- (narrowest) range that holds it; a range is compared only with codes of
-- the same form (5 digits, or 4 digits + F/T/U/M), see app.cpt_in_range.
-- Evaluation and management lies inside the Medicine number range but is
-- its own top-level section (parent NULL): the narrowest range wins.
-- seq orders sections as in the CPT book (E/M first).
CREATE TABLE app.cpt_sections (
	first_code text NOT NULL CHECK (first_code ~ '^[0-9]{4}[0-9FTUM]$'),
	last_code text NOT NULL CHECK (last_code ~ '^[0-9]{4}[0-9FTUM]$'),
	title text NOT NULL,
	parent_first text,	-- first_code of the enclosing section, if any
	seq int NOT NULL UNIQUE,
	PRIMARY KEY (first_code, last_code),
	CHECK (first_code <= last_code)
);
INSERT INTO app.cpt_sections VALUES
('00100', '01999', 'Anesthesia', NULL, 1),
('10004', '69990', 'Surgery', NULL, 2),
('10004', '19499', 'Integumentary system', '10004', 3),
('20100', '29999', 'Musculoskeletal system', '10004', 4),
('30000', '32999', 'Respiratory system', '10004', 5),
('33016', '37799', 'Cardiovascular system', '10004', 6),
('38100', '38999', 'Hemic and lymphatic systems', '10004', 7),
('39000', '39599', 'Mediastinum and diaphragm', '10004', 8),
('40490', '49999', 'Digestive system', '10004', 9),
('50010', '53899', 'Urinary system', '10004', 10),
('54000', '55899', 'Male genital system', '10004', 11),
('55920', '55980', 'Reproductive system procedures', '10004', 12),
('56405', '58999', 'Female genital system', '10004', 13),
('59000', '59899', 'Maternity care and delivery', '10004', 14),
('60000', '60699', 'Endocrine system', '10004', 15),
('61000', '64999', 'Nervous system', '10004', 16),
('65091', '68899', 'Eye and ocular adnexa', '10004', 17),
('69000', '69979', 'Auditory system', '10004', 18),
('69990', '69990', 'Operating microscope', '10004', 19),
('70010', '79999', 'Radiology', NULL, 20),
('80047', '89398', 'Pathology and laboratory', NULL, 21),
('90281', '99607', 'Medicine', NULL, 22),
('99202', '99499', 'Evaluation and management', NULL, 0),
('0001F', '9007F', 'Category II performance measurement', NULL, 24),
('0042T', '0999T', 'Category III emerging technology', NULL, 25),
('0001U', '0999U', 'Proprietary laboratory analyses', NULL, 26),
('0001M', '0999M', 'Multianalyte assays with algorithmic analyses', NULL, 27);

-- True when CPT code c lies in [first, last] and has the same form
-- (all digits, or the same trailing letter).
CREATE FUNCTION app.cpt_in_range(c text, first text, last text)
RETURNS boolean LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
	SELECT right(c, 1) ~ '[0-9]' = right(first, 1) ~ '[0-9]'
	    AND (right(c, 1) ~ '[0-9]' OR right(c, 1) = right(first, 1))
	    AND c BETWEEN first AND last
$$;

-- Display form of an ICD-10-CM code: a dot after the 3rd character.
CREATE FUNCTION app.icd10cm_display(c text)
RETURNS text LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
	SELECT CASE WHEN length(c) > 3
	    THEN left(c, 3) || '.' || substr(c, 4) ELSE c END
$$;
