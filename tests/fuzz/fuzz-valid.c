/*
 * fuzz-valid: every validator on arbitrary bytes. The first byte picks
 * nothing: all validators run on each input (as a NUL-terminated copy, the
 * way the request parser hands them over), and their results are checked
 * against what they promise.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "valid.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static const valid_fn fns[] = {
	valid_text, valid_multiline, valid_u64, valid_int, valid_bool,
	valid_email, valid_date, valid_codeset, valid_codesets, valid_code,
};

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena	*a;
	struct fval	 v;
	char		*s;
	size_t		 i;

	a = arena_new();
	s = arena_strndup(a, (const char *)data, size);
	for (i = 0; i < sizeof(fns) / sizeof(fns[0]); i++) {
		memset(&v, 0, sizeof(v));
		v.s = s;
		v.len = size;
		if (fns[i](&v, a) == NULL) {
			/* Valid output is NUL-terminated at len. */
			if (v.s == NULL || v.s[v.len] != '\0')
				abort();
			if ((fns[i] == valid_text ||
			    fns[i] == valid_multiline ||
			    fns[i] == valid_email) &&
			    !valid_text_bytes(v.s, v.len, 1))
				abort();
		}
	}
	(void)valid_utf8(s, size);
	(void)valid_text_bytes(s, size, 0);
	arena_free(a);
	return 0;
}
