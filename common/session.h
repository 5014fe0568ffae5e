/*
 * session: who is asking. serve.c calls session_load() for every request
 * of every handler: it reads the session cookie, looks the token's hash up
 * in app.sessions (idle timeout and absolute lifetime checked in SQL),
 * and sets r->user (NULL for guests). The account handler starts and ends
 * sessions. Tokens are 32 random bytes (randombytes_buf), sent base64url,
 * stored as crypto_generichash (BLAKE2b-256): a database leak yields no
 * usable cookie. The statements live in session_stmts, which serve.c
 * appends to every handler's statement tables.
 *
 * Cookie: "__Host-medcode" with Secure when the response is Secure
 * (MEDCODE_COOKIE_SECURE=auto: when the request came over TLS; always;
 * never), else "medcode" (browsers refuse a __Host- cookie without
 * Secure). Always HttpOnly, SameSite=Lax, Path=/, no Domain.
 */
#ifndef SESSION_H
#define SESSION_H

#include <stddef.h>
#include <stdint.h>

#include "db.h"

struct arena;
struct req;
struct tdict;


enum role {
	ROLE_GUEST,
	ROLE_MEMBER,
	ROLE_EMPLOYER,
	ROLE_SUBSCRIBER,
	ROLE_ADMIN,
	ROLE__MAX
};

/* The logged-in user, request (arena) memory; r->user, NULL for guests. */
struct user {
	int64_t		 id;
	const char	*email;		/* lower-cased */
	const char	*name;
	const char	*company;	/* NULL unless set */
	enum role	 role;
	const char	*role_name;	/* "member", ... as in app.users.role */
	const char	*plan;		/* "free" | "pro" */
	int		 verified;	/* email verified */
	int		 unlimited;	/* subscriber, admin or plan pro:
					   unlimited premium views */
};

#define SESSION_COOKIE_SECURE	"__Host-medcode"
#define SESSION_COOKIE_PLAIN	"medcode"
#define SESSION_IDLE_DEFAULT	(2 * 60 * 60)		/* seconds */
#define SESSION_LIFETIME_DEFAULT (7 * 24 * 60 * 60)	/* seconds */

/* Statements used here, appended by serve.c to every handler's tables. */
extern const struct stmt session_stmts[];

/* "member" -> ROLE_MEMBER; ROLE__MAX if unknown. */
enum role	 role_from_name(const char *);
const char	*role_name(enum role);

/*
 * Load the request's session (serve.c, before routing's auth checks):
 * r->user and r->session_csrf for a valid, unexpired session, touching
 * last_seen at most once a minute. A bad or expired cookie is cleared.
 * Returns 0 (guest or user), -1 on a database failure (r->dbstatus).
 */
int		 session_load(struct req *);
/*
 * Start a session for user id (login): a new random token, the cookie set
 * on the response, r->user and the CSRF token replaced. Any session the
 * request came with is deleted first (rotation: a fixed session id never
 * survives login). Call inside or outside a transaction. 0 or -1.
 */
int		 session_start(struct req *, int64_t user_id);
/* End this request's session (logout): row deleted, cookie expired. */
int		 session_end(struct req *);
/* Delete every session of user id except, when keep_current, this one
 * ("log out everywhere"; also after a password change or reset). */
int		 session_end_all(struct req *, int64_t user_id, int keep_current);
/* Whether the response cookie is Secure (cfg + r->https). */
int		 session_cookie_secure(const struct req *);
/*
 * Format a Set-Cookie value (pure; unit-tested): "name=value; Path=/;
 * HttpOnly; SameSite=Lax[; Secure][; Max-Age=N]". maxage < 0 omits
 * Max-Age (a browser-session cookie); 0 expires it. Returns an arena
 * string.
 */
const char	*session_cookie_format(struct arena *, const char *name,
		    const char *value, int secure, long maxage);
/*
 * Add the account menu's values to a page's template dict (resp_tmpl
 * calls it for every page): user_name, user_email, is_admin, is_member
 * (any logged-in user), user_unlimited, csrf (logged-in users only; guest
 * forms call csrf_token() themselves).
 */
void		 session_decorate(struct req *, struct tdict *);

/*
 * A logged-in member's history for the dashboard (the last 50 of each):
 * call from the code page and the search page, outside a transaction.
 * No-ops for guests; a failure is logged and ignored.
 */
void		 session_recent_code(struct req *, const char *code_set,
		    const char *code);
void		 session_recent_search(struct req *, const char *q);

#endif /* SESSION_H */
