/*
 * csrf: the synchronizer token of state-changing forms. A logged-in user's
 * token is app.sessions.csrf (random, per session, replaced at login); a
 * guest's (login, register, reset forms) is the value of a random
 * "__Host-medcode-csrf" (or "medcode-csrf" on plain http) cookie,
 * HttpOnly, SameSite=Lax, set the first time a guest form is rendered:
 * the form echoes it (double submit). Forms carry it as a hidden input
 * named "csrf"; templates get it as {{csrf}}.
 *
 * serve.c checks every POST (and every route flagged ROUTE_CSRF) unless
 * the route has ROUTE_NOCSRF: a missing or wrong token answers 403 before
 * the page runs. Comparison is constant-time (sodium_memcmp).
 */
#ifndef CSRF_H
#define CSRF_H

struct req;

#define CSRF_FIELD		"csrf"
#define CSRF_COOKIE_SECURE	"__Host-medcode-csrf"
#define CSRF_COOKIE_PLAIN	"medcode-csrf"

/* The token to put in this request's forms (arena string); for a guest
 * without the cookie, makes one and adds its Set-Cookie header. */
const char	*csrf_token(struct req *);
/* 1 if the request's "csrf" form field matches, else 0. */
int		 csrf_check(const struct req *);
/* Whether serve.c must check this request (POST or ROUTE_CSRF, and not
 * ROUTE_NOCSRF). */
int		 csrf_required(const struct req *);

#endif /* CSRF_H */
