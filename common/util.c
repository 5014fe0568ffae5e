/*
 * util: allocation wrappers that abort with a message instead of returning
 * NULL (redis zmalloc: "allocate memory or panic").
 */
#include <err.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

void *
xmalloc(size_t sz)
{
	void	*p;

	if ((p = malloc(sz == 0 ? 1 : sz)) == NULL)
		err(1, "malloc(%zu)", sz);
	return p;
}

void *
xcalloc(size_t n, size_t sz)
{
	void	*p;

	if ((p = calloc(n == 0 ? 1 : n, sz == 0 ? 1 : sz)) == NULL)
		err(1, "calloc(%zu, %zu)", n, sz);
	return p;
}

void *
xrealloc(void *old, size_t sz)
{
	void	*p;

	if ((p = realloc(old, sz == 0 ? 1 : sz)) == NULL)
		err(1, "realloc(%zu)", sz);
	return p;
}

char *
xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *
xstrndup(const char *s, size_t len)
{
	char	*p;

	p = xmalloc(len + 1);
	memcpy(p, s, len);
	p[len] = '\0';
	return p;
}
