/*
 * route: the route table and its matcher. A pattern is a literal path
 * with "{name}" segments; each parameter is validated by the route's
 * validators like a field. The matcher is pure, so it is fuzzed.
 */
#ifndef ROUTE_H
#define ROUTE_H

#include <stddef.h>

#include "req.h"

enum route_flags {
	ROUTE_JSON = 1 << 0,	/* errors as JSON (API routes) */
	ROUTE_AUTH = 1 << 1,	/* needs a logged-in session: guests get a
				   redirect to /login (JSON: 401) */
	ROUTE_CSRF = 1 << 2,	/* CSRF token checked whatever the method
				   (every POST is checked anyway) */
	ROUTE_ADMIN = 1 << 3,	/* admin role, else 403 (guests: login) */
	ROUTE_NOCACHE = 1 << 4,	/* Cache-Control: no-store */
	ROUTE_NOCSRF = 1 << 5,	/* a POST that needs no CSRF token (JSON
				   APIs without cookies' authority) */
};

struct route {
	enum method	 method;	/* GET routes also answer HEAD */
	const char	*pattern;	/* "/codes/{set}/{code}" */
	int		(*page)(struct req *);
	unsigned	 flags;
};

enum route_result {
	ROUTE_FOUND,
	ROUTE_NOT_FOUND,
	ROUTE_BAD_METHOD,
};

/* Match path against routes (terminated by a NULL pattern). On
 * ROUTE_FOUND *out is the route and params[0..*nparams) hold the decoded
 * segments (pointing into path copies in the arena). On
 * ROUTE_BAD_METHOD, *allow gets a bit mask of the methods the path takes. */
enum route_result route_match(struct arena *, const struct route *,
	    enum method, const char *path, size_t pathlen,
	    const struct route **out, struct fval *params, size_t *nparams,
	    unsigned *allow);

#endif /* ROUTE_H */
