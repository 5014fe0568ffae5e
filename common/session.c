/*
 * session: loading, starting and ending sessions; see session.h. Tokens
 * never appear in logs: only their hashes reach the database, and
 * nothing here logs a cookie.
 */
#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "arena.h"
#include "buf.h"
#include "cfg.h"
#include "csrf.h"
#include "db.h"
#include "log.h"
#include "req.h"
#include "resp.h"
#include "session.h"
#include "tmpl.h"

#define TOKEN_BYTES	32
#define TOKEN_B64	sodium_base64_ENCODED_LEN(TOKEN_BYTES, \
			    sodium_base64_VARIANT_URLSAFE_NO_PADDING)

enum {
	STMT_SESSIONS_GET,
	STMT_SESSIONS_TOUCH,
	STMT_SESSIONS_INSERT,
	STMT_SESSIONS_DELETE,
	STMT_SESSIONS_DELETE_BY_USER,
	STMT_SESSIONS_GC,
	STMT_RECENT_CODES_TOUCH,
	STMT_RECENT_SEARCHES_ADD,
	STMT_SESSION__MAX
};

enum { SG_ID, SG_EMAIL, SG_NAME, SG_COMPANY, SG_ROLE, SG_PLAN, SG_VERIFIED,
    SG_CSRF, SG_STALE, SG_ROLE_CHANGED };

const struct stmt session_stmts[STMT_SESSION__MAX + 1] = {
	{ "sessions_get",
	  "SELECT u.id, u.email, u.name, u.company, u.role, u.plan, "
	  "u.verified_at IS NOT NULL, s.csrf, "
	  "s.last_seen < now() - interval '60 seconds', s.role <> u.role "
	  "FROM app.sessions s JOIN app.users u ON u.id = s.user_id "
	  "WHERE s.token_hash = $1::bytea AND s.expires_at > now() "
	  "AND s.last_seen > now() - make_interval(secs => $2::int) "
	  "AND u.locked_at IS NULL", 2,
	  DB_READONLY }, /* STMT_SESSIONS_GET */
	{ "sessions_touch",
	  "UPDATE app.sessions SET last_seen = now() "
	  "WHERE token_hash = $1::bytea", 1,
	  0 }, /* STMT_SESSIONS_TOUCH */
	{ "sessions_insert",
	  "INSERT INTO app.sessions (token_hash, user_id, csrf, role, "
	  "expires_at, remote_addr) SELECT $1::bytea, id, $3, role, "
	  "now() + make_interval(secs => $4::int), $5 FROM app.users "
	  "WHERE id = $2::bigint", 5,
	  0 }, /* STMT_SESSIONS_INSERT */
	{ "sessions_delete",
	  "DELETE FROM app.sessions WHERE token_hash = $1::bytea", 1,
	  0 }, /* STMT_SESSIONS_DELETE */
	{ "sessions_delete_by_user",
	  "DELETE FROM app.sessions WHERE user_id = $1::bigint "
	  "AND ($2::bytea IS NULL OR token_hash <> $2::bytea)", 2,
	  0 }, /* STMT_SESSIONS_DELETE_BY_USER */
	{ "sessions_gc",
	  "DELETE FROM app.sessions WHERE expires_at < now() "
	  "OR last_seen < now() - make_interval(secs => $1::int)", 1,
	  0 }, /* STMT_SESSIONS_GC */
	{ "recent_codes_touch",
	  "WITH t AS (INSERT INTO app.recent_codes (user_id, code_set, code) "
	  "VALUES ($1::bigint, $2, $3) ON CONFLICT (user_id, code_set, code) "
	  "DO UPDATE SET at = now() RETURNING user_id) "
	  "DELETE FROM app.recent_codes WHERE user_id = $1::bigint AND "
	  "(code_set, code) NOT IN (SELECT code_set, code FROM "
	  "app.recent_codes WHERE user_id = $1::bigint ORDER BY at DESC "
	  "LIMIT 49)", 3,
	  0 }, /* STMT_RECENT_CODES_TOUCH */
	{ "recent_searches_add",
	  "WITH t AS (INSERT INTO app.recent_searches (user_id, q) "
	  "VALUES ($1::bigint, $2) RETURNING id) "
	  "DELETE FROM app.recent_searches WHERE user_id = $1::bigint AND "
	  "id NOT IN (SELECT id FROM app.recent_searches WHERE user_id = "
	  "$1::bigint ORDER BY at DESC LIMIT 49)", 2,
	  0 }, /* STMT_RECENT_SEARCHES_ADD */
	{ NULL, NULL, 0, 0 },
};

static const char *const roles[ROLE__MAX] = {
	"guest", /* ROLE_GUEST */
	"member", /* ROLE_MEMBER */
	"employer", /* ROLE_EMPLOYER */
	"subscriber", /* ROLE_SUBSCRIBER */
	"admin", /* ROLE_ADMIN */
};

enum role
role_from_name(const char *s)
{
	int	 i;

	for (i = 0; s != NULL && i < ROLE__MAX; i++)
		if (strcmp(s, roles[i]) == 0)
			return (enum role)i;
	return ROLE__MAX;
}

const char *
role_name(enum role r)
{
	return r < ROLE__MAX ? roles[r] : "?";
}

int
session_cookie_secure(const struct req *r)
{
	switch (cfg.cookie_secure) {
	case COOKIE_SECURE_ALWAYS:
		return 1;
	case COOKIE_SECURE_NEVER:
		return 0;
	default:
		return r->https;
	}
}

const char *
session_cookie_format(struct arena *a, const char *name, const char *value,
    int secure, long maxage)
{
	struct buf	 b;
	const char	*s;

	buf_init(&b, 128);
	buf_addf(&b, "%s=%s; Path=/; HttpOnly; SameSite=Lax", name, value);
	if (secure)
		buf_adds(&b, "; Secure");
	if (maxage >= 0)
		buf_addf(&b, "; Max-Age=%ld", maxage);
	s = arena_strdup(a, b.data);
	buf_release(&b);
	return s;
}

/* "\x<hex>" for a bytea parameter. */
static const char *
bytea_param(struct arena *a, const unsigned char *h, size_t len)
{
	char	*s;

	s = arena_alloc(a, 2 + len * 2 + 1);
	s[0] = '\\';
	s[1] = 'x';
	sodium_bin2hex(s + 2, len * 2 + 1, h, len);
	return s;
}

static void
set_cookie(struct req *r, const char *value, long maxage)
{
	int	 secure = session_cookie_secure(r);

	resp_header(r, "Set-Cookie", session_cookie_format(r->arena,
	    secure ? SESSION_COOKIE_SECURE : SESSION_COOKIE_PLAIN, value,
	    secure, maxage));
}

/* The cookie's token hash, or NULL when absent or malformed. */
static const unsigned char *
cookie_hash(struct req *r, int *present)
{
	const struct cookie	*c;
	unsigned char		 tok[TOKEN_BYTES], *h;
	size_t			 len;

	*present = 0;
	if ((c = req_cookie(r, SESSION_COOKIE_SECURE)) == NULL &&
	    (c = req_cookie(r, SESSION_COOKIE_PLAIN)) == NULL)
		return NULL;
	*present = 1;
	if (sodium_base642bin(tok, sizeof(tok), c->value, c->valuelen, NULL,
	    &len, NULL, sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0 ||
	    len != TOKEN_BYTES)
		return NULL;
	h = arena_alloc(r->arena, crypto_generichash_BYTES);
	crypto_generichash(h, crypto_generichash_BYTES, tok, sizeof(tok),
	    NULL, 0);
	sodium_memzero(tok, sizeof(tok));
	return h;
}

static const char *
str_or_null(struct arena *a, const char *s)
{
	return s != NULL ? arena_strdup(a, s) : NULL;
}

int
session_load(struct req *r)
{
	const unsigned char	*h;
	const char		*vals[2];
	struct user		*u;
	PGresult		*res;
	int			 present;

	r->user = NULL;
	r->session_csrf = NULL;
	r->session_hash = NULL;
	if ((h = cookie_hash(r, &present)) == NULL) {
		if (present)
			set_cookie(r, "", 0);
		return 0;
	}
	vals[0] = bytea_param(r->arena, h, crypto_generichash_BYTES);
	vals[1] = arena_printf(r->arena, "%d", cfg.session_idle);
	if ((res = db_exec(r, &session_stmts[STMT_SESSIONS_GET], vals)) ==
	    NULL)
		return -1;
	if (PQntuples(res) != 1) {
		set_cookie(r, "", 0);
		return 0;
	}
	u = arena_calloc(r->arena, 1, sizeof(*u));
	u->id = db_int(res, 0, SG_ID);
	u->email = str_or_null(r->arena, db_str(res, 0, SG_EMAIL));
	u->name = str_or_null(r->arena, db_str(res, 0, SG_NAME));
	u->company = str_or_null(r->arena, db_str(res, 0, SG_COMPANY));
	u->role_name = str_or_null(r->arena, db_str(res, 0, SG_ROLE));
	u->role = role_from_name(u->role_name);
	if (u->role == ROLE__MAX || u->role == ROLE_GUEST)
		u->role = ROLE_MEMBER;
	u->plan = str_or_null(r->arena, db_str(res, 0, SG_PLAN));
	u->verified = db_bool(res, 0, SG_VERIFIED);
	u->unlimited = u->role == ROLE_SUBSCRIBER || u->role == ROLE_ADMIN ||
	    (u->plan != NULL && strcmp(u->plan, "pro") == 0);
	r->user = u;
	r->session_hash = h;
	r->session_csrf = str_or_null(r->arena, db_str(res, 0, SG_CSRF));
	if (db_bool(res, 0, SG_ROLE_CHANGED)) {
		/* A change of role gets a new token (and CSRF token). */
		if (session_start(r, u->id) == -1)
			return -1;
		r->user = u;
		return 0;
	}
	if (db_bool(res, 0, SG_STALE) && db_exec(r,
	    &session_stmts[STMT_SESSIONS_TOUCH], vals) == NULL)
		r->dbstatus = 0;	/* last_seen is not worth a failure */
	return 0;
}

int
session_start(struct req *r, int64_t user_id)
{
	unsigned char	 tok[TOKEN_BYTES], csrf[TOKEN_BYTES], *h;
	char		 tok64[TOKEN_B64], csrf64[TOKEN_B64];
	const char	*vals[5];
	PGresult	*res;

	/* Rotation: the session the request came with ends here. */
	if (r->session_hash != NULL) {
		vals[0] = bytea_param(r->arena, r->session_hash,
		    crypto_generichash_BYTES);
		if (db_exec(r, &session_stmts[STMT_SESSIONS_DELETE], vals) ==
		    NULL)
			return -1;
		r->session_hash = NULL;
	}
	vals[0] = arena_printf(r->arena, "%d", cfg.session_idle);
	if (db_exec(r, &session_stmts[STMT_SESSIONS_GC], vals) == NULL)
		return -1;
	randombytes_buf(tok, sizeof(tok));
	randombytes_buf(csrf, sizeof(csrf));
	sodium_bin2base64(tok64, sizeof(tok64), tok, sizeof(tok),
	    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	sodium_bin2base64(csrf64, sizeof(csrf64), csrf, sizeof(csrf),
	    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	h = arena_alloc(r->arena, crypto_generichash_BYTES);
	crypto_generichash(h, crypto_generichash_BYTES, tok, sizeof(tok),
	    NULL, 0);
	vals[0] = bytea_param(r->arena, h, crypto_generichash_BYTES);
	vals[1] = arena_printf(r->arena, "%lld", (long long)user_id);
	vals[2] = csrf64;
	vals[3] = arena_printf(r->arena, "%d", cfg.session_lifetime);
	vals[4] = r->remote_addr;
	if ((res = db_exec(r, &session_stmts[STMT_SESSIONS_INSERT], vals)) ==
	    NULL)
		return -1;
	if (strcmp(PQcmdTuples(res), "1") != 0) {
		log_err("%s: no user %lld", __func__, (long long)user_id);
		r->dbstatus = 500;
		return -1;
	}
	/* A browser-session cookie bounded by the absolute lifetime. */
	set_cookie(r, arena_strdup(r->arena, tok64), cfg.session_lifetime);
	sodium_memzero(tok, sizeof(tok));
	sodium_memzero(tok64, sizeof(tok64));
	r->session_hash = h;
	r->session_csrf = arena_strdup(r->arena, csrf64);
	return 0;
}

int
session_end(struct req *r)
{
	const char	*vals[1];

	if (r->session_hash != NULL) {
		vals[0] = bytea_param(r->arena, r->session_hash,
		    crypto_generichash_BYTES);
		if (db_exec(r, &session_stmts[STMT_SESSIONS_DELETE], vals) ==
		    NULL)
			return -1;
	}
	set_cookie(r, "", 0);
	r->user = NULL;
	r->session_hash = NULL;
	r->session_csrf = NULL;
	return 0;
}

int
session_end_all(struct req *r, int64_t user_id, int keep_current)
{
	const char	*vals[2];

	vals[0] = arena_printf(r->arena, "%lld", (long long)user_id);
	vals[1] = keep_current && r->session_hash != NULL ?
	    bytea_param(r->arena, r->session_hash, crypto_generichash_BYTES) :
	    NULL;
	if (db_exec(r, &session_stmts[STMT_SESSIONS_DELETE_BY_USER], vals) ==
	    NULL)
		return -1;
	return 0;
}

void
session_decorate(struct req *r, struct tdict *d)
{
	const struct user	*u = r->user;

	if (u == NULL) {
		tdict_bool(d, "is_member", 0);
		return;
	}
	tdict_bool(d, "is_member", 1);
	tdict_str(d, "user_name", u->name);
	tdict_str(d, "user_email", u->email);
	tdict_bool(d, "is_admin", u->role == ROLE_ADMIN);
	tdict_bool(d, "user_unlimited", u->unlimited);
	tdict_str(d, "user_role", u->role_name);
	if (r->session_csrf != NULL)
		tdict_str(d, "csrf", r->session_csrf);
}

/* Member history: failures are logged and ignored (not worth a page). */
void
session_recent_code(struct req *r, const char *code_set, const char *code)
{
	const char	*vals[3];

	if (r->user == NULL)
		return;
	vals[0] = arena_printf(r->arena, "%lld", (long long)r->user->id);
	vals[1] = code_set;
	vals[2] = code;
	if (db_exec(r, &session_stmts[STMT_RECENT_CODES_TOUCH], vals) == NULL)
		r->dbstatus = 0;
}

void
session_recent_search(struct req *r, const char *q)
{
	const char	*vals[2];

	if (r->user == NULL || q == NULL || *q == '\0')
		return;
	vals[0] = arena_printf(r->arena, "%lld", (long long)r->user->id);
	vals[1] = q;
	if (db_exec(r, &session_stmts[STMT_RECENT_SEARCHES_ADD], vals) ==
	    NULL)
		r->dbstatus = 0;
}
