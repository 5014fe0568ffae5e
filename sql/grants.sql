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

-- metering (0005, common/meter.c in lookup): read the ledger and the
-- counters, write a view and its counters; UPDATE only on the counters'
-- "used" column (it is also what SELECT ... FOR UPDATE needs). account
-- reads the ledger for the admin's user page; deleting a user cascades.
GRANT SELECT, INSERT ON app.meter_views, app.meter_guests,
    app.meter_accounts, app.meter_addr_days TO medcode_lookup;
GRANT UPDATE (used) ON app.meter_guests, app.meter_accounts,
    app.meter_addr_days TO medcode_lookup;
GRANT USAGE ON SEQUENCE app.meter_views_id_seq TO medcode_lookup;
GRANT SELECT ON app.meter_views, app.meter_accounts TO medcode_account;

-- accounts (0004). Every handler loads the session of each request
-- (common/session.c: read users and sessions, touch last_seen, rotate the
-- token at a change of role) and may count rate limits.
GRANT SELECT (id, email, name, company, role, plan, verified_at, locked_at)
    ON app.users TO medcode_lookup, medcode_jobs, medcode_assistant;
GRANT SELECT, INSERT, UPDATE, DELETE ON app.sessions, app.rate_limits
    TO medcode_lookup, medcode_jobs, medcode_assistant, medcode_account;
-- lookup records a member's recent searches and codes viewed.
GRANT SELECT, INSERT, UPDATE, DELETE ON app.recent_searches, app.recent_codes
    TO medcode_lookup;
GRANT USAGE ON SEQUENCE app.recent_searches_id_seq TO medcode_lookup;
-- account: users, tokens, member features, the outbox (also the mailer's
-- role: build/bin/medcode-mailer logs in as medcode_account).
GRANT SELECT, INSERT, UPDATE, DELETE ON app.users, app.user_tokens,
    app.favourites, app.notes, app.recent_searches, app.recent_codes,
    app.mail_outbox
    TO medcode_account;
GRANT USAGE ON SEQUENCE app.users_id_seq, app.mail_outbox_id_seq,
    app.recent_searches_id_seq TO medcode_account;
-- lookup shows a member's favourite and note on the code page.
GRANT SELECT ON app.favourites, app.notes TO medcode_lookup;

-- lookup: premium code data (issue 5: NCCI PTP, MUE, PFS, POS, history).
-- app.ncci_ptp is partitioned: SELECT on the parent covers its partitions.
GRANT SELECT ON app.ncci_ptp, app.ncci_rationales, app.mue, app.pfs_rvu,
    app.pfs_gpci, app.pfs_locality_counties, app.pfs_anes, app.pos,
    app.code_history
    TO medcode_lookup;

-- lookup: search (migration 0002): the terms, the spelling dictionary, the
-- alphabetic indexes they come from.
GRANT SELECT ON app.search_terms, app.search_words, app.index_terms
    TO medcode_lookup;
