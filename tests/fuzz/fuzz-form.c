/*
 * fuzz-form: urlencoded request bodies (what browsers POST) through the
 * parser and a form-shaped field table with multiline and secret fields.
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
	{ "email", valid_email, 254, 0 },
	{ "password", valid_text, 200, FIELD_SECRET },
	{ "name", valid_text, 100, 0 },
	{ "description", valid_multiline, 20000, FIELD_MULTILINE },
	{ "salary_min", valid_u64, 0, 0 },
	{ "csrf", valid_text, 128, 0 },
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
	const char		*t;

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
		t = req_field_text(&r, (int)i);
		/* What a form re-displays is text, and never the secret. */
		if (t != NULL && (!valid_text_bytes(t, strlen(t), 1) ||
		    (fields[i].flags & FIELD_SECRET)))
			__builtin_trap();
	}
	arena_reset(a);
	return 0;
}
