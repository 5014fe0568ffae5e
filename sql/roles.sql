-- sql/roles.sql: the database roles (run as superuser by tools/pg; idempotent).
-- medcode_owner owns schema app, runs migrations and imports. Each FastCGI
-- handler logs in as its own least-privileged role; sql/grants.sql (run by
-- tools/migrate) gives them what their statements touch.
\set ON_ERROR_STOP on

DO $$
DECLARE
	r text;
BEGIN
	FOREACH r IN ARRAY ARRAY['medcode_owner', 'medcode_lookup',
	    'medcode_account', 'medcode_jobs', 'medcode_assistant'] LOOP
		IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = r) THEN
			EXECUTE format('CREATE ROLE %I LOGIN', r);
		ELSE
			EXECUTE format('ALTER ROLE %I LOGIN', r);
		END IF;
	END LOOP;
END
$$;

-- Only the owner may create schemas (migration bootstrap creates app);
-- every role may connect. Nobody creates objects in schema public.
DO $$
BEGIN
	EXECUTE format('REVOKE ALL ON DATABASE %I FROM PUBLIC',
	    current_database());
	EXECUTE format('GRANT CONNECT, TEMPORARY ON DATABASE %I TO medcode_owner, '
	    'medcode_lookup, medcode_account, medcode_jobs, medcode_assistant',
	    current_database());
	EXECUTE format('GRANT CREATE ON DATABASE %I TO medcode_owner',
	    current_database());
END
$$;
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
