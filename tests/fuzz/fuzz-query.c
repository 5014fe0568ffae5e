/*
 * fuzz-query: the urlencoded parser (query strings and form bodies) and
 * the field table applied to what it yields.
 */
#include <stdint.h>
#include <string.h>

#include "arena.h"
#include "req.h"
#include "serve.h"
#include "util.h"
#include "valid.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static const struct field fields[] = {
	{ "q", valid_text, 200, 0 },
	{ "n", valid_int, 0, 0 },
	{ "set", valid_codesets, 0, 0 },
	{ "body", valid_multiline, 4096, FIELD_MULTILINE },
	{ "date", valid_date, 0, 0 },
	{ "email", valid_email, 0, 0 },
};

static int
cb(void *arg, const char *k, size_t klen, const char *v, size_t vlen)
{
	return req_field_set(arg, k, klen, v, vlen);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct arena	*a;
	struct spec		 spec;
	struct req		 r;
	size_t			 n = NITEMS(fields), i;

	if (a == NULL)
		a = arena_new();
	memset(&spec, 0, sizeof(spec));
	spec.fields = fields;
	spec.nfields = n;
	memset(&r, 0, sizeof(r));
	r.arena = a;
	r.spec = &spec;
	r.field = arena_calloc(a, n, sizeof(*r.field));
	r.bad = arena_calloc(a, n, sizeof(*r.bad));
	r.field_err = arena_calloc(a, n, sizeof(*r.field_err));
	(void)req_parse_urlenc(a, (const char *)data, size, cb, &r);
	for (i = 0; i < n; i++) {
		const char *t = req_field_text(&r, (int)i);
		if (t != NULL && strlen(t) > 1 << 20)
			__builtin_trap();
	}
	arena_reset(a);
	return 0;
}
