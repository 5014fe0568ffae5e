/*
 * route: match a decoded path against the route table. Literal segments
 * compare exactly; "{name}" takes one non-empty segment. A trailing slash
 * is not the same path (the canonical URLs have none).
 */
#include <string.h>

#include "arena.h"
#include "route.h"

/* Match one pattern; fills params. Returns 1 on a match. */
static int
match(struct arena *a, const char *pat, const char *path, size_t len,
    struct fval *params, size_t *nparams)
{
	const char	*end = path + len, *seg, *pe;
	size_t		 n = 0;

	while (*pat != '\0') {
		if (*pat == '{') {
			if ((pe = strchr(pat, '}')) == NULL)
				return 0;
			seg = path;
			while (path < end && *path != '/')
				path++;
			if (path == seg || n == REQ_MAX_PARAMS)
				return 0;
			params[n].s = arena_strndup(a, seg, (size_t)(path - seg));
			params[n].len = (size_t)(path - seg);
			params[n].i = 0;
			n++;
			pat = pe + 1;
			continue;
		}
		if (path == end || *pat != *path)
			return 0;
		pat++;
		path++;
	}
	if (path != end)
		return 0;
	*nparams = n;
	return 1;
}

enum route_result
route_match(struct arena *a, const struct route *routes, enum method m,
    const char *path, size_t pathlen, const struct route **out,
    struct fval *params, size_t *nparams, unsigned *allow)
{
	const struct route	*rt;
	enum method		 want;

	*allow = 0;
	*nparams = 0;
	want = m == METHOD_HEAD ? METHOD_GET : m;
	for (rt = routes; rt->pattern != NULL; rt++) {
		if (!match(a, rt->pattern, path, pathlen, params, nparams))
			continue;
		if (rt->method == want) {
			*out = rt;
			return ROUTE_FOUND;
		}
		*allow |= 1u << rt->method;
		if (rt->method == METHOD_GET)
			*allow |= 1u << METHOD_HEAD;
	}
	*nparams = 0;
	return *allow ? ROUTE_BAD_METHOD : ROUTE_NOT_FOUND;
}
