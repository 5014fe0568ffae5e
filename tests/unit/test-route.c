/*
 * test-route: the route matcher: literals, parameters, 404 and 405.
 */
#include <string.h>

#include "arena.h"
#include "req.h"
#include "route.h"
#include "tap.h"

static int
page(struct req *r)
{
	(void)r;
	return 200;
}

static int
page2(struct req *r)
{
	(void)r;
	return 201;
}

static const struct route routes[] = {
	{ METHOD_GET, "/codes/{set}/{code}", page, 0 },
	{ METHOD_GET, "/codes/{set}", page2, 0 },
	{ METHOD_POST, "/jobs/{id}", page2, ROUTE_CSRF },
	{ METHOD_GET, "/jobs/{id}", page, 0 },
	{ METHOD_GET, "/", page, 0 },
	{ METHOD__MAX, NULL, NULL, 0 },
};

static enum route_result
m(struct arena *a, enum method meth, const char *path,
    const struct route **rt, struct fval *p, size_t *n, unsigned *allow)
{
	return route_match(a, routes, meth, path, strlen(path), rt, p, n,
	    allow);
}

int
main(void)
{
	struct arena		*a = arena_new();
	const struct route	*rt = NULL;
	struct fval		 p[REQ_MAX_PARAMS];
	size_t			 n;
	unsigned		 allow;

	is_int(m(a, METHOD_GET, "/codes/icd10cm/E11.9", &rt, p, &n, &allow),
	    ROUTE_FOUND, "code route");
	ok(rt == &routes[0], "first route");
	is_int(n, 2, "two params");
	is_str(p[0].s, "icd10cm", "set param");
	is_str(p[1].s, "E11.9", "code param");
	is_int(m(a, METHOD_GET, "/codes/cpt", &rt, p, &n, &allow),
	    ROUTE_FOUND, "set route");
	ok(rt == &routes[1], "second route");
	is_int(m(a, METHOD_HEAD, "/codes/cpt", &rt, p, &n, &allow),
	    ROUTE_FOUND, "HEAD takes a GET route");
	is_int(m(a, METHOD_GET, "/codes/cpt/", &rt, p, &n, &allow),
	    ROUTE_NOT_FOUND, "empty parameter does not match");
	is_int(m(a, METHOD_GET, "/codes//x", &rt, p, &n, &allow),
	    ROUTE_NOT_FOUND, "empty segment does not match");
	is_int(m(a, METHOD_GET, "/codes/a/b/c", &rt, p, &n, &allow),
	    ROUTE_NOT_FOUND, "extra segment does not match");
	is_int(m(a, METHOD_GET, "/codesx", &rt, p, &n, &allow),
	    ROUTE_NOT_FOUND, "literal prefix only does not match");
	is_int(m(a, METHOD_DELETE, "/jobs/7", &rt, p, &n, &allow),
	    ROUTE_BAD_METHOD, "405 for a known path");
	ok(allow == ((1u << METHOD_GET) | (1u << METHOD_HEAD) |
	    (1u << METHOD_POST)), "Allow lists GET, HEAD, POST");
	is_int(m(a, METHOD_POST, "/jobs/7", &rt, p, &n, &allow),
	    ROUTE_FOUND, "POST route");
	ok(rt == &routes[2] && (rt->flags & ROUTE_CSRF), "with its flags");
	is_int(m(a, METHOD_GET, "/", &rt, p, &n, &allow), ROUTE_FOUND,
	    "root");
	is_int(n, 0, "no params");
	is_int(m(a, METHOD_GET, "", &rt, p, &n, &allow), ROUTE_NOT_FOUND,
	    "empty path");
	arena_free(a);
	return done_testing();
}
