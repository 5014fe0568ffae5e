/*
 * test-req: the urlencoded, cookie and path parsers and the field table.
 */
#include <stdint.h>
#include <string.h>

#include "arena.h"
#include "req.h"
#include "serve.h"
#include "tap.h"
#include "util.h"
#include "valid.h"

struct seen {
	int	 n;
	char	 k[8][64];
	char	 v[8][64];
	size_t	 vlen[8];
};

static int
collect(void *arg, const char *k, size_t klen, const char *v, size_t vlen)
{
	struct seen	*s = arg;

	if (s->n == 8)
		return -1;
	snprintf(s->k[s->n], sizeof(s->k[0]), "%.*s", (int)klen, k);
	memcpy(s->v[s->n], v, vlen < 63 ? vlen : 63);
	s->v[s->n][vlen < 63 ? vlen : 63] = '\0';
	s->vlen[s->n] = vlen;
	s->n++;
	return 0;
}

static int
urlenc(struct arena *a, const char *s, struct seen *out)
{
	memset(out, 0, sizeof(*out));
	return req_parse_urlenc(a, s, strlen(s), collect, out);
}

static int
cookies(struct arena *a, const char *s, struct seen *out)
{
	memset(out, 0, sizeof(*out));
	return req_parse_cookies(a, s, strlen(s), collect, out);
}

static int
path(struct arena *a, const char *uri, const char **p)
{
	size_t	 len;

	return req_parse_path(a, uri, strlen(uri), p, &len);
}

static const struct field fields[] = {
	{ "q", valid_text, 10, 0 },
	{ "n", valid_int, 0, 0 },
	{ "pw", valid_text, 0, FIELD_SECRET },
};

static int
to_fields(void *arg, const char *k, size_t klen, const char *v, size_t vlen)
{
	return req_field_set(arg, k, klen, v, vlen);
}

int
main(void)
{
	struct arena	*a = arena_new();
	struct seen	 s;
	struct spec	 spec;
	struct req	 r;
	const char	*p;

	ok(urlenc(a, "q=type+2%20diabetes&set=icd10cm", &s) == 0 &&
	    s.n == 2, "two pairs");
	is_str(s.k[0], "q", "first key");
	is_str(s.v[0], "type 2 diabetes", "plus and %%20 decode to spaces");
	is_str(s.v[1], "icd10cm", "second value");
	ok(urlenc(a, "&&a=1&&b&=x&c=", &s) == 0 && s.n == 3,
	    "empty pairs and empty keys skipped");
	is_str(s.k[1], "b", "key without '='");
	is_str(s.v[1], "", "has an empty value");
	ok(urlenc(a, "a=%zz", &s) == -1, "bad escape rejected");
	ok(urlenc(a, "a=%4", &s) == -1, "truncated escape rejected");
	ok(urlenc(a, "a=%00b", &s) == 0 && s.vlen[0] == 2,
	    "NUL decodes (binary-safe); the field table rejects it");
	ok(urlenc(a, "", &s) == 0 && s.n == 0, "empty query");

	ok(cookies(a, "__Host-sid=abc; theme=dark", &s) == 0 && s.n == 2,
	    "two cookies");
	is_str(s.k[0], "__Host-sid", "cookie name");
	is_str(s.v[1], "dark", "cookie value");
	ok(cookies(a, " a = \"q\" ;;=x; b c=d; e=", &s) == 0 && s.n == 2,
	    "junk skipped, quotes and spaces trimmed");
	is_str(s.v[0], "q", "quoted value unquoted");
	is_str(s.k[1], "e", "empty value kept");

	ok(path(a, "/codes/icd10cm/K92.2?x=1", &p) == 0, "path ok");
	is_str(p, "/codes/icd10cm/K92.2", "query cut off");
	ok(path(a, "/codes/%4B92.2", &p) == 0, "encoded path ok");
	is_str(p, "/codes/K92.2", "percent-decoded");
	is_int(path(a, "/codes/%zz", &p), 400, "bad escape → 400");
	is_int(path(a, "/codes/%00", &p), 400, "NUL → 400");
	is_int(path(a, "/codes/%ff%fe", &p), 400, "invalid UTF-8 → 400");
	is_int(path(a, "/codes/%0a", &p), 400, "control byte → 400");
	is_int(path(a, "/a/%2e%2e/etc", &p), 400, "encoded dot-dot → 400");
	is_int(path(a, "relative", &p), 400, "relative → 400");
	{
		char	 big[2048];

		memset(big, 'a', sizeof(big) - 1);
		big[0] = '/';
		big[sizeof(big) - 1] = '\0';
		is_int(path(a, big, &p), 414, "overlong path → 414");
	}
	ok(path(a, "/codes/%C3%A9", &p) == 0, "UTF-8 path ok");

	memset(&spec, 0, sizeof(spec));
	spec.fields = fields;
	spec.nfields = NITEMS(fields);
	memset(&r, 0, sizeof(r));
	r.arena = a;
	r.spec = &spec;
	r.field = arena_calloc(a, 3, sizeof(*r.field));
	r.bad = arena_calloc(a, 3, sizeof(*r.bad));
	r.field_err = arena_calloc(a, 3, sizeof(*r.field_err));
	ok(req_parse_urlenc(a, "q=hello&q=second&n=12x&pw=s3cret&zz=1", 37,
	    to_fields, &r) == 0, "fields parsed");
	ok(r.field[0] != NULL, "q valid");
	is_str(r.field[0]->s, "hello", "first of repeated fields wins");
	ok(r.field[1] == NULL && r.bad[1] != NULL, "n invalid");
	ok(r.field_err[1] != NULL, "n has a message: %s", r.field_err[1]);
	is_str(req_field_text(&r, 1), "12x", "typed text kept for the form");
	ok(req_field_text(&r, 2) == NULL, "secret never re-displayed");

	memset(r.field, 0, 3 * sizeof(*r.field));
	memset(r.bad, 0, 3 * sizeof(*r.bad));
	ok(req_parse_urlenc(a, "q=01234567890", 13, to_fields, &r) == 0 &&
	    r.bad[0] != NULL, "over the field maximum is invalid");
	is_str(req_field_text(&r, 0), "", "an oversized value is not echoed");
	memset(r.bad, 0, 3 * sizeof(*r.bad));
	ok(req_parse_urlenc(a, "q=a%01b", 7, to_fields, &r) == 0 &&
	    r.bad[0] != NULL, "control byte is invalid");
	memset(r.bad, 0, 3 * sizeof(*r.bad));
	ok(req_parse_urlenc(a, "q=%ff", 5, to_fields, &r) == 0 &&
	    r.bad[0] != NULL, "invalid UTF-8 is invalid");

	is_int(req_method("GET"), METHOD_GET, "GET");
	is_int(req_method("BREW"), METHOD__MAX, "unknown method");
	is_int(req_method(NULL), METHOD__MAX, "no method");
	arena_free(a);
	return done_testing();
}
