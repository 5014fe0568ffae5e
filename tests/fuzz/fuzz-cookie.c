/*
 * fuzz-cookie: the Cookie header parser.
 */
#include <stdint.h>
#include <string.h>

#include "arena.h"
#include "req.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static int
cb(void *arg, const char *k, size_t klen, const char *v, size_t vlen)
{
	size_t	*n = arg;

	/* Names are tokens: never empty, never with separators. */
	if (klen == 0 || strlen(k) != klen || memchr(k, ';', klen) ||
	    memchr(v, ';', vlen))
		__builtin_trap();
	(*n)++;
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct arena	*a;
	size_t			 n = 0;

	if (a == NULL)
		a = arena_new();
	(void)req_parse_cookies(a, (const char *)data, size, cb, &n);
	arena_reset(a);
	return 0;
}
