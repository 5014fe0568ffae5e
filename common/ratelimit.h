/*
 * ratelimit: fixed-window counters in app.rate_limits, shared by all
 * workers and handlers (so they hold across processes and restarts).
 * Used for failed logins per account and per address, reset and register
 * requests per address (OWASP ASVS 4.0.3 §2.2.1). A key is any short text
 * ("login-fail:acct:a@b.c"); keys of accounts that do not exist are
 * counted the same way, so the answer does not tell them apart.
 */
#ifndef RATELIMIT_H
#define RATELIMIT_H

#include "db.h"

struct req;


extern const struct stmt ratelimit_stmts[];

/*
 * Count one event for key in the current window of window_secs seconds
 * and say whether the count is now over limit. Returns 1 when over (the
 * caller refuses), 0 when allowed, -1 on a database failure.
 */
int	ratelimit_hit(struct req *, const char *key, int limit,
	    int window_secs);
/* 1 when key already has limit or more events in the current window (no
 * counting), 0 if not, -1 on a database failure. */
int	ratelimit_over(struct req *, const char *key, int limit,
	    int window_secs);
/* Forget key's counts (e.g. an account's failures after a good login). */
int	ratelimit_clear(struct req *, const char *key);

#endif /* RATELIMIT_H */
