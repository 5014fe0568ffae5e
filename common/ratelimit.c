/*
 * ratelimit: fixed windows in app.rate_limits; see ratelimit.h. One
 * upsert per event, so concurrent workers count exactly.
 */
#include "arena.h"
#include "db.h"
#include "ratelimit.h"
#include "req.h"

enum {
	STMT_RATE_LIMITS_HIT,
	STMT_RATE_LIMITS_GET,
	STMT_RATE_LIMITS_DELETE,
	STMT_RATE_LIMITS_GC,
	STMT_RATE_LIMITS__MAX
};

/* The window: now truncated to a multiple of $2 seconds since the epoch. */
#define WINDOW \
	"to_timestamp(floor(extract(epoch FROM now()) / $2::int) * $2::int)"

const struct stmt ratelimit_stmts[STMT_RATE_LIMITS__MAX + 1] = {
	{ "rate_limits_hit",
	  "INSERT INTO app.rate_limits AS l (key, window_start, count) "
	  "VALUES ($1, " WINDOW ", 1) ON CONFLICT (key, window_start) "
	  "DO UPDATE SET count = l.count + 1 RETURNING count", 2,
	  0 }, /* STMT_RATE_LIMITS_HIT */
	{ "rate_limits_get",
	  "SELECT coalesce(sum(count), 0) FROM app.rate_limits "
	  "WHERE key = $1 AND window_start = " WINDOW, 2,
	  DB_READONLY }, /* STMT_RATE_LIMITS_GET */
	{ "rate_limits_delete",
	  "DELETE FROM app.rate_limits WHERE key = $1", 1,
	  0 }, /* STMT_RATE_LIMITS_DELETE */
	{ "rate_limits_gc",
	  "DELETE FROM app.rate_limits "
	  "WHERE window_start < now() - interval '2 days'", 0,
	  0 }, /* STMT_RATE_LIMITS_GC */
	{ NULL, NULL, 0, 0 },
};

int
ratelimit_hit(struct req *r, const char *key, int limit, int window_secs)
{
	const char	*vals[2];
	PGresult	*res;

	vals[0] = key;
	vals[1] = arena_printf(r->arena, "%d", window_secs);
	if ((res = db_exec(r, &ratelimit_stmts[STMT_RATE_LIMITS_HIT],
	    vals)) == NULL)
		return -1;
	/* Now and then, drop old windows (one event in 256). */
	if ((db_int(res, 0, 0) & 0xff) == 0xff &&
	    db_exec(r, &ratelimit_stmts[STMT_RATE_LIMITS_GC], NULL) == NULL)
		r->dbstatus = 0;
	return db_int(res, 0, 0) > limit;
}

int
ratelimit_over(struct req *r, const char *key, int limit, int window_secs)
{
	const char	*vals[2];
	PGresult	*res;

	vals[0] = key;
	vals[1] = arena_printf(r->arena, "%d", window_secs);
	if ((res = db_exec(r, &ratelimit_stmts[STMT_RATE_LIMITS_GET],
	    vals)) == NULL)
		return -1;
	return db_int(res, 0, 0) >= limit;
}

int
ratelimit_clear(struct req *r, const char *key)
{
	const char	*vals[1];

	vals[0] = key;
	if (db_exec(r, &ratelimit_stmts[STMT_RATE_LIMITS_DELETE], vals) ==
	    NULL)
		return -1;
	return 0;
}
