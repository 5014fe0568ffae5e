-- sql/import/premium-common.sql: helpers for the premium data scripts
-- (ncci-ptp, mue, pfs, gpci, locality, anes, pos, addenda).

-- YYYYMMDD → date, NULL when not a real date (no exception escapes).
CREATE FUNCTION pg_temp.ymd_date(d text) RETURNS date LANGUAGE plpgsql
IMMUTABLE AS $$
BEGIN
	IF d !~ '^[0-9]{8}$' THEN
		RETURN NULL;
	END IF;
	RETURN make_date(substr(d, 1, 4)::int, substr(d, 5, 2)::int,
	    substr(d, 7, 2)::int);
EXCEPTION WHEN others THEN
	RETURN NULL;
END
$$;

-- Seconds since the import transaction began, for progress lines.
CREATE FUNCTION pg_temp.secs() RETURNS text LANGUAGE sql AS $$
	SELECT to_char(extract(epoch FROM clock_timestamp() - now()),
	    'FM9990.0') || ' s'
$$;

-- A decimal number as the CMS files write it ("1.30", ".09", " 32.3465",
-- "-0.5"); blank is allowed by callers separately.
CREATE FUNCTION pg_temp.is_num(s text) RETURNS boolean LANGUAGE sql
IMMUTABLE AS $$
	SELECT btrim(s) ~ '^-?([0-9]+\.?[0-9]*|\.[0-9]+)$'
$$;
