/*
 * csrf: synchronizer tokens for sessions, double-submit cookies for
 * guests; see csrf.h.
 */
#include <string.h>

#include <sodium.h>

#include "arena.h"
#include "csrf.h"
#include "req.h"
#include "resp.h"
#include "route.h"
#include "session.h"

#define CSRF_BYTES	32

static const struct cookie *
guest_cookie(const struct req *r)
{
	const struct cookie	*c;

	if ((c = req_cookie(r, CSRF_COOKIE_SECURE)) == NULL)
		c = req_cookie(r, CSRF_COOKIE_PLAIN);
	/* Only tokens we could have made: 43 base64url characters. */
	if (c != NULL && c->valuelen != 43)
		return NULL;
	return c;
}

const char *
csrf_token(struct req *r)
{
	const struct cookie	*c;
	unsigned char		 raw[CSRF_BYTES];
	char			*tok;
	size_t			 len;
	int			 secure;

	if (r->session_csrf != NULL)
		return r->session_csrf;
	if ((c = guest_cookie(r)) != NULL)
		return c->value;
	/* Made once per request: a second call returns the same token. */
	if (r->csrf_made != NULL)
		return r->csrf_made;
	randombytes_buf(raw, sizeof(raw));
	len = sodium_base64_ENCODED_LEN(CSRF_BYTES,
	    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	tok = arena_alloc(r->arena, len);
	sodium_bin2base64(tok, len, raw, sizeof(raw),
	    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	secure = session_cookie_secure(r);
	resp_header(r, "Set-Cookie", session_cookie_format(r->arena,
	    secure ? CSRF_COOKIE_SECURE : CSRF_COOKIE_PLAIN, tok, secure, -1));
	r->csrf_made = tok;
	return tok;
}

int
csrf_check(const struct req *r)
{
	const struct cookie	*c;
	const char		*want;
	size_t			 len;

	if (r->session_csrf != NULL)
		want = r->session_csrf;
	else if ((c = guest_cookie(r)) != NULL)
		want = c->value;
	else
		return 0;
	len = strlen(want);
	if (r->csrf_form == NULL || r->csrf_formlen != len || len == 0)
		return 0;
	return sodium_memcmp(r->csrf_form, want, len) == 0;
}

int
csrf_required(const struct req *r)
{
	unsigned	 flags = r->route != NULL ? r->route->flags : 0;

	if (flags & ROUTE_NOCSRF)
		return 0;
	return r->method == METHOD_POST || r->method == METHOD_PUT ||
	    r->method == METHOD_PATCH || r->method == METHOD_DELETE ||
	    (flags & ROUTE_CSRF) != 0;
}
