-- sql/import/check.sql: fail the import when imp_bad holds problems,
-- naming the first 10 lines and what is wrong with each.
DO $$
DECLARE
	n bigint;
	f text;
	msg text;
BEGIN
	SELECT count(*) INTO n FROM imp_bad;
	IF n = 0 THEN
		RETURN;
	END IF;
	SELECT fname INTO f FROM imp_params;
	SELECT string_agg(CASE WHEN lineno IS NULL
	    THEN format('%s: %s', f, problem)
	    ELSE format('%s line %s: %s', f, lineno, problem) END,
	    E'\n' ORDER BY lineno NULLS FIRST, problem)
	INTO msg
	FROM (SELECT * FROM imp_bad
	    ORDER BY lineno NULLS FIRST, problem LIMIT 10) b;
	IF n > 10 THEN
		msg := msg || format(E'\n%s: %s problems in all (first 10 shown)',
		    f, n);
	END IF;
	RAISE EXCEPTION '%', msg;
END
$$;
