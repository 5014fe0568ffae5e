-- sql/grants.sql: privileges of the handler roles on schema app. Run by
-- tools/migrate as medcode_owner after every migration run; idempotent
-- (GRANT of a privilege already held is a no-op). Least privilege: a role
-- gets what its handler's statements touch and nothing more.
\set ON_ERROR_STOP on

GRANT USAGE ON SCHEMA app TO medcode_lookup, medcode_account, medcode_jobs,
    medcode_assistant;

-- lookup: code pages, search, the code-set reference tables.
GRANT SELECT ON app.releases, app.codes, app.code_notes, app.modifiers,
    app.code_text, app.code_text_revisions,
    app.icd10cm_chapters, app.pcs_sections, app.hcpcs_sections,
    app.cpt_sections
    TO medcode_lookup;

-- account, jobs, assistant: their own tables come in later migrations; for
-- now they may read which releases exist and the codes.
GRANT SELECT ON app.releases, app.codes
    TO medcode_account, medcode_jobs, medcode_assistant;

-- Functions in app are for the owner's importers and for lookup.
REVOKE ALL ON ALL FUNCTIONS IN SCHEMA app FROM PUBLIC;
GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA app TO medcode_lookup;
