/*
 * hash: FNV-1a; see hash.h.
 */
#include <string.h>

#include "hash.h"

uint32_t
hash_bytes(const void *p, size_t len)
{
	const unsigned char	*s = p;
	uint32_t		 h = 2166136261u;
	size_t			 i;

	for (i = 0; i < len; i++)
		h = (h ^ s[i]) * 16777619u;
	return h;
}

uint32_t
hash_str(const char *s)
{
	return hash_bytes(s, strlen(s));
}
