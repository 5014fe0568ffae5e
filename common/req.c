/*
 * req: request parsing with limits. The parsers (urlencoded pairs,
 * cookies, paths) are pure; req_field_set() applies a handler's field
 * table: size first, then UTF-8 and control bytes, then the validator.
 */
#include <string.h>

#include "arena.h"
#include "req.h"
#include "serve.h"
#include "url.h"
#include "valid.h"

static const char *const methods[METHOD__MAX] = {
	"GET", /* METHOD_GET */
	"HEAD", /* METHOD_HEAD */
	"POST", /* METHOD_POST */
	"PUT", /* METHOD_PUT */
	"DELETE", /* METHOD_DELETE */
	"PATCH", /* METHOD_PATCH */
	"OPTIONS", /* METHOD_OPTIONS */
};

enum method
req_method(const char *s)
{
	int	 i;

	if (s == NULL)
		return METHOD__MAX;
	for (i = 0; i < METHOD__MAX; i++)
		if (strcmp(s, methods[i]) == 0)
			return (enum method)i;
	return METHOD__MAX;
}

const char *
req_method_name(enum method m)
{
	return m < METHOD__MAX ? methods[m] : "?";
}

/* Copy and percent-decode one component; -1 on a bad escape. */
static int
decode(struct arena *a, const char *p, size_t len, int plus, char **out,
    size_t *outlen)
{
	char	*s;

	s = arena_strndup(a, p, len);
	if (url_decode(s, &len, plus) == -1)
		return -1;
	*out = s;
	*outlen = len;
	return 0;
}

int
req_parse_urlenc(struct arena *a, const char *p, size_t len, pair_cb cb,
    void *arg)
{
	const char	*end = p + len, *amp, *eq;
	char		*k, *v;
	size_t		 klen, vlen;

	while (p < end) {
		if ((amp = memchr(p, '&', (size_t)(end - p))) == NULL)
			amp = end;
		if (amp == p) {		/* "a=1&&b=2" */
			p++;
			continue;
		}
		if ((eq = memchr(p, '=', (size_t)(amp - p))) == NULL)
			eq = amp;
		if (decode(a, p, (size_t)(eq - p), 1, &k, &klen) == -1)
			return -1;
		if (eq == amp) {
			v = arena_strndup(a, "", 0);
			vlen = 0;
		} else if (decode(a, eq + 1, (size_t)(amp - eq - 1), 1, &v,
		    &vlen) == -1)
			return -1;
		if (klen > 0 && cb(arg, k, klen, v, vlen) == -1)
			return -1;
		p = amp < end ? amp + 1 : end;
	}
	return 0;
}

/* RFC 6265 cookie-name: a token. */
static int
is_token(const char *p, size_t len)
{
	size_t	 i;

	if (len == 0)
		return 0;
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)p[i];
		if (c <= 0x20 || c >= 0x7f || strchr("()<>@,;:\\\"/[]?={}",
		    c) != NULL)
			return 0;
	}
	return 1;
}

int
req_parse_cookies(struct arena *a, const char *p, size_t len, pair_cb cb,
    void *arg)
{
	const char	*end = p + len, *semi, *eq, *ks, *ke, *vs, *ve;

	while (p < end) {
		if ((semi = memchr(p, ';', (size_t)(end - p))) == NULL)
			semi = end;
		ks = p;
		while (ks < semi && (*ks == ' ' || *ks == '\t'))
			ks++;
		if ((eq = memchr(ks, '=', (size_t)(semi - ks))) != NULL) {
			ke = eq;
			while (ke > ks && (ke[-1] == ' ' || ke[-1] == '\t'))
				ke--;
			vs = eq + 1;
			ve = semi;
			while (vs < ve && (*vs == ' ' || *vs == '\t'))
				vs++;
			while (ve > vs && (ve[-1] == ' ' || ve[-1] == '\t'))
				ve--;
			if (ve - vs >= 2 && *vs == '"' && ve[-1] == '"') {
				vs++;
				ve--;
			}
			if (is_token(ks, (size_t)(ke - ks)) &&
			    cb(arg, arena_strndup(a, ks, (size_t)(ke - ks)),
			    (size_t)(ke - ks), arena_strndup(a, vs,
			    (size_t)(ve - vs)), (size_t)(ve - vs)) == -1)
				return -1;
		}
		p = semi < end ? semi + 1 : end;
	}
	return 0;
}

int
req_parse_path(struct arena *a, const char *uri, size_t len,
    const char **path, size_t *pathlen)
{
	const char	*q;
	char		*s;
	size_t		 n;

	if ((q = memchr(uri, '?', len)) != NULL)
		len = (size_t)(q - uri);
	if (len == 0 || uri[0] != '/')
		return 400;
	if (len > REQ_MAX_PATH * 3)
		return 414;
	if (decode(a, uri, len, 0, &s, &n) == -1)
		return 400;
	if (n > REQ_MAX_PATH)
		return 414;
	if (!valid_text_bytes(s, n, 0))
		return 400;
	/* nginx normalises dot segments; a decoded one is an attack. */
	if (strstr(s, "/../") != NULL || (n >= 3 &&
	    strcmp(s + n - 3, "/..") == 0))
		return 400;
	*path = s;
	*pathlen = n;
	return 0;
}

int
req_field_set(struct req *r, const char *k, size_t klen, const char *v,
    size_t vlen)
{
	const struct field	*f;
	struct fval		*fv;
	const char		*msg;
	size_t			 i, max;

	/* The CSRF token belongs to common/csrf.c, not to the page. */
	if (klen == 4 && memcmp(k, "csrf", 4) == 0) {
		if (r->csrf_form == NULL) {
			r->csrf_form = v;
			r->csrf_formlen = vlen;
		}
		return 0;
	}
	for (i = 0; i < r->spec->nfields; i++) {
		f = &r->spec->fields[i];
		if (strlen(f->name) == klen && memcmp(f->name, k, klen) == 0)
			break;
	}
	/* Unknown fields are ignored; the first of repeated ones wins. */
	if (i == r->spec->nfields || r->field[i] != NULL || r->bad[i] != NULL)
		return 0;
	f = &r->spec->fields[i];
	fv = arena_calloc(r->arena, 1, sizeof(*fv));
	fv->s = v;
	fv->len = vlen;
	max = f->max ? f->max : REQ_MAX_FIELD;
	if (vlen > max)
		msg = arena_printf(r->arena, "at most %zu characters", max);
	else if (!valid_text_bytes(v, vlen, (f->flags & FIELD_MULTILINE) != 0))
		msg = "contains characters that are not allowed";
	else
		msg = (f->valid != NULL ? f->valid : valid_text)(fv, r->arena);
	if (msg == NULL) {
		r->field[i] = fv;
		return 0;
	}
	if (vlen > max || !valid_text_bytes(v, vlen,
	    (f->flags & FIELD_MULTILINE) != 0)) {
		/* Never echo a huge value or bytes that are not text. */
		fv->s = "";
		fv->len = 0;
	}
	r->bad[i] = fv;
	r->field_err[i] = msg;
	return 0;
}

const struct cookie *
req_cookie(const struct req *r, const char *name)
{
	size_t	 i;

	for (i = 0; i < r->ncookies; i++)
		if (strcmp(r->cookies[i].name, name) == 0)
			return &r->cookies[i];
	return NULL;
}

const char *
req_field_text(const struct req *r, int i)
{
	if (r->spec->fields[i].flags & FIELD_SECRET)
		return NULL;
	if (r->field[i] != NULL)
		return r->field[i]->s;
	if (r->bad[i] != NULL)
		return r->bad[i]->s;
	return NULL;
}
