/*
 * fuzz-route: request paths through req_parse_path() and the matcher,
 * with a route table shaped like the handlers' own.
 */
#include <stdint.h>
#include <string.h>

#include "arena.h"
#include "req.h"
#include "route.h"
#include "util.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static int
page(struct req *r)
{
	(void)r;
	return 200;
}

static const struct route routes[] = {
	{ METHOD_GET, "/codes/{set}/{code}", page, 0 },
	{ METHOD_GET, "/api/codes/{set}/{code}", page, ROUTE_JSON },
	{ METHOD_GET, "/codes/{set}", page, 0 },
	{ METHOD_POST, "/jobs/{id}/edit", page, ROUTE_CSRF },
	{ METHOD_GET, "/", page, 0 },
	{ METHOD__MAX, NULL, NULL, 0 },
};

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct arena	*a;
	const struct route	*rt;
	struct fval		 params[REQ_MAX_PARAMS];
	const char		*path;
	size_t			 len, n, i;
	unsigned		 allow;

	if (a == NULL)
		a = arena_new();
	if (req_parse_path(a, (const char *)data, size, &path, &len) == 0) {
		if (route_match(a, routes, METHOD_GET, path, len, &rt, params,
		    &n, &allow) == ROUTE_FOUND)
			for (i = 0; i < n; i++)
				if (params[i].len == 0 ||
				    memchr(params[i].s, '/', params[i].len))
					__builtin_trap();
	}
	arena_reset(a);
	return 0;
}
