/*
 * page_auth.c: register, verify, log in and out, forgot and reset
 * password. Answers never say whether an address has an account: the
 * same page, the same status and the same work (a password hash is
 * checked against a dummy hash for unknown addresses).
 */
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "account.h"
#include "arena.h"
#include "cfg.h"
#include "csrf.h"
#include "db.h"
#include "log.h"
#include "num.h"
#include "pwhash.h"
#include "ratelimit.h"
#include "req.h"
#include "resp.h"
#include "serve.h"
#include "session.h"
#include "tmpl.h"

#define VERIFY_TTL	(48 * 3600)
#define RESET_TTL	3600
#define LOGIN_WINDOW	900

/* A limit from the environment (documented in account.8), else def. */
static int
limit(const char *name, int def)
{
	const char	*v = getenv(name), *errstr;
	int64_t		 n;

	if (v == NULL || num_parse_i64(v, strlen(v), 1, 1000000, &n,
	    &errstr) == -1)
		return def;
	return (int)n;
}

static const char *
fstr(struct req *r, int f)
{
	return r->field[f] != NULL ? r->field[f]->s : NULL;
}

const char *
account_next(struct req *r, const char *def)
{
	const char	*n = fstr(r, F_NEXT);

	/* Same-site paths only: "/x", never "//host" or "/\host". */
	if (n == NULL || n[0] != '/' || n[1] == '/' || n[1] == '\\' ||
	    strpbrk(n, "\r\n\\") != NULL)
		return def;
	return n;
}

const char *
account_token_hash(struct req *r, const char *tok)
{
	unsigned char	 raw[32], h[crypto_generichash_BYTES];
	char		*s;
	size_t		 len;

	if (tok == NULL || sodium_base642bin(raw, sizeof(raw), tok,
	    strlen(tok), NULL, &len, NULL,
	    sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0 || len != 32)
		return NULL;
	crypto_generichash(h, sizeof(h), raw, sizeof(raw), NULL, 0);
	s = arena_alloc(r->arena, 2 + sizeof(h) * 2 + 1);
	s[0] = '\\';
	s[1] = 'x';
	sodium_bin2hex(s + 2, sizeof(h) * 2 + 1, h, sizeof(h));
	return s;
}

static const char *
site(void)
{
	return cfg.site_url != NULL && *cfg.site_url != '\0' ? cfg.site_url :
	    "http://localhost";
}

int
account_mail_token(struct req *r, int64_t user, const char *to,
    const char *purpose, const char *new_email, const char *subject,
    const char *intro, const char *path, int ttl)
{
	unsigned char	 raw[32];
	char		 tok[64];
	const char	*body;

	randombytes_buf(raw, sizeof(raw));
	sodium_bin2base64(tok, sizeof(tok), raw, sizeof(raw),
	    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	if (db_tokens_insert(r, user, purpose, account_token_hash(r, tok),
	    new_email, ttl) == -1)
		return -1;
	body = arena_printf(r->arena, "%s\r\n\r\n%s%s?token=%s\r\n\r\n"
	    "The link works once and expires in %d hours.\r\n"
	    "If you did not ask for this, ignore this message.\r\n\r\n"
	    "-- \r\nmedcode\r\n", intro, site(), path, tok,
	    ttl / 3600 > 0 ? ttl / 3600 : 1);
	sodium_memzero(tok, sizeof(tok));
	return db_outbox_insert(r, to, subject, body);
}

/* Put what was typed and the errors into d. */
static void
form_values(struct req *r, struct tdict *d)
{
	static const struct { int f; const char *k, *e; } m[] = {
		{ F_EMAIL, "email", "email_error" },
		{ F_PASSWORD, "password", "password_error" },
		{ F_NEW_PASSWORD, "new_password", "new_password_error" },
		{ F_NAME, "name", "name_error" },
		{ F_COMPANY, "company", "company_error" },
		{ F_KIND, "kind", "kind_error" },
	};
	const char	*v;
	size_t		 i;

	for (i = 0; i < sizeof(m) / sizeof(m[0]); i++) {
		if ((v = req_field_text(r, m[i].f)) != NULL)
			tdict_str(d, m[i].k, v);
		if (r->field_err[m[i].f] != NULL)
			tdict_str(d, m[i].e, arena_printf(r->arena, "%s %s",
			    r->spec->fields[m[i].f].name,
			    r->field_err[m[i].f]));
	}
	tdict_bool(d, "kind_employer", (v = fstr(r, F_KIND)) != NULL &&
	    strcmp(v, "employer") == 0);
	if ((v = account_next(r, NULL)) != NULL)
		tdict_str(d, "next", v);
}

int
account_form(struct req *r, int status, const char *tmpl, struct tdict *d)
{
	form_values(r, d);
	tdict_str(d, "csrf", csrf_token(r));
	return resp_tmpl(r, status, tmpl, d);
}

static int
form_error(struct req *r, int status, const char *tmpl, const char *title,
    const char *msg)
{
	struct tdict	*d = tdict_new(r->arena);

	tdict_str(d, "title", title);
	if (msg != NULL)
		tdict_str(d, "form_error", msg);
	return account_form(r, status, tmpl, d);
}

static int
message(struct req *r, int status, const char *title, const char *msg)
{
	struct tdict	*d = tdict_new(r->arena);

	tdict_str(d, "title", title);
	tdict_str(d, "message", msg);
	return resp_tmpl(r, status, "account-message", d);
}

/*
 * GET /register: the form. 200.
 */
int
page_register_form(struct req *r)
{
	return form_error(r, 200, "account-register", "Register", NULL);
}

/*
 * POST /register: 200 "check your mail" (also when the address is
 * taken: that address gets a notice instead), 400 form with errors,
 * 429 too many registrations from this address.
 */
int
page_register(struct req *r)
{
	char		 hash[crypto_pwhash_STRBYTES];
	struct account	 a;
	const char	*email = fstr(r, F_EMAIL), *pw = fstr(r, F_PASSWORD);
	const char	*name = fstr(r, F_NAME), *kind = fstr(r, F_KIND);
	const char	*company = fstr(r, F_COMPANY), *msg;
	int64_t		 id = 0;
	int		 bad = 0, rc, taken;

	if (kind == NULL)
		kind = "member";
	if (email == NULL && r->field_err[F_EMAIL] == NULL)
		r->field_err[F_EMAIL] = "is required";
	if (name == NULL || *name == '\0') {
		if (r->field_err[F_NAME] == NULL)
			r->field_err[F_NAME] = "is required";
		name = NULL;
	}
	if (strcmp(kind, "member") != 0 && strcmp(kind, "employer") != 0)
		r->field_err[F_KIND] = "must be member or employer";
	if (strcmp(kind, "employer") == 0 && (company == NULL ||
	    *company == '\0') && r->field_err[F_COMPANY] == NULL)
		r->field_err[F_COMPANY] = "is required for an employer account";
	if (pw == NULL) {
		if (r->field_err[F_PASSWORD] == NULL)
			r->field_err[F_PASSWORD] = "is required";
	} else if ((msg = pwhash_check_new(pw, strlen(pw), email)) != NULL)
		r->field_err[F_PASSWORD] = msg;
	for (rc = 0; rc < F__MAX; rc++)
		if (r->field_err[rc] != NULL)
			bad = 1;
	if (bad)
		return form_error(r, 400, "account-register", "Register",
		    "Please correct the fields marked below.");
	/* A read first: after a database restart it is the statement
	 * that may be retried on the new connection (db.h). */
	if (db_users_get_by_email(r, email, &a) == -1)
		return db_fail(r);
	switch (ratelimit_hit(r, arena_printf(r->arena, "register:addr:%s",
	    r->remote_addr), limit("MEDCODE_REGISTER_PER_ADDR", 20), 3600)) {
	case -1:
		return db_fail(r);
	case 1:
		return form_error(r, 429, "account-register", "Register",
		    "Too many accounts were made from your network just now. "
		    "Please try again in an hour.");
	}
	if (pwhash_hash(hash, sizeof(hash), pw, strlen(pw)) == -1)
		return resp_fail(r, 503, "The site is busy. Please try again "
		    "in a moment.");
	if (db_begin(r) == -1)
		return db_fail(r);
	rc = db_users_insert(r, email, name, strcmp(kind, "employer") == 0 ?
	    company : NULL, kind, hash, &id);
	sodium_memzero(hash, sizeof(hash));
	taken = rc == 0;
	if (rc == 1)
		rc = account_mail_token(r, id, email, "verify", NULL,
		    "Confirm your email address for medcode",
		    "Welcome to medcode. Open this link to confirm your email "
		    "address:", "/verify", VERIFY_TTL);
	else if (rc == 0)
		rc = db_outbox_insert(r, email, "Your medcode account",
		    arena_printf(r->arena, "Someone (perhaps you) tried to "
		    "register with this address, which already has an "
		    "account.\r\n\r\nLog in: %s/login\r\nForgot your password? "
		    "%s/password/forgot\r\n\r\n-- \r\nmedcode\r\n", site(),
		    site()));
	if (rc == -1 || db_commit(r) == -1) {
		(void)db_rollback(r);
		return db_fail(r);
	}
	if (taken)
		log_info("register: the address has an account already");
	else
		log_info("register: %s account %lld", kind, (long long)id);
	return message(r, 200, "Check your email",
	    "We have sent a link to the address you gave. Open it to "
	    "confirm your address, then log in.");
}

/*
 * GET /verify?token=: 303 to /login?verified=1; 400 when the link is
 * unknown, used or expired. A token with new_email changes the address.
 */
int
page_verify(struct req *r)
{
	const char	*h = account_token_hash(r, fstr(r, F_TOKEN));
	const char	*new_email = NULL;
	int64_t		 user;
	int		 rc;

	if (h == NULL)
		return message(r, 400, "Link not valid",
		    "This confirmation link is not valid. Please copy the "
		    "whole link from the message.");
	if (db_begin(r) == -1)
		return db_fail(r);
	if ((rc = db_tokens_use(r, h, "verify", &user, &new_email)) == 1) {
		if (new_email != NULL)
			rc = db_users_set_email(r, user, new_email) == -1 ?
			    -1 : 1;
		else
			rc = db_users_verify(r, user) == -1 ? -1 : 1;
	}
	if (rc == -1 || db_commit(r) == -1) {
		(void)db_rollback(r);
		return db_fail(r);
	}
	if (rc == 0)
		return message(r, 400, "Link expired",
		    "This confirmation link has expired or was already used. "
		    "Log in to get a new one.");
	return resp_redirect(r, 303, new_email != NULL ?
	    "/account?changed=email" : "/login?verified=1");
}

/*
 * GET /login: the form (with a notice after verification or reset). 200.
 */
int
page_login_form(struct req *r)
{
	struct tdict	*d = tdict_new(r->arena);

	tdict_str(d, "title", "Log in");
	if (r->user != NULL)
		tdict_str(d, "notice", "You are logged in already.");
	return account_form(r, 200, "account-login", d);
}

static int
login_fail(struct req *r, int status, const char *msg)
{
	return form_error(r, status, "account-login", "Log in", msg);
}

/*
 * POST /login: 303 to next (default /account) with a new session; 401
 * wrong address or password (the same words either way), 403 locked or
 * not verified (only said after the right password), 429 too many
 * failures for this address or this account, 503 hashing busy.
 */
int
page_login(struct req *r)
{
	struct account	 a;
	const char	*email = fstr(r, F_EMAIL), *pw = fstr(r, F_PASSWORD);
	const char	*kacct, *kaddr, *newhash = NULL;
	char		 hash[crypto_pwhash_STRBYTES];
	int		 found, ok, over;

	if (email == NULL || pw == NULL)
		return login_fail(r, 400, "Please give your email address and "
		    "password.");
	kacct = arena_printf(r->arena, "login-fail:acct:%s", email);
	kaddr = arena_printf(r->arena, "login-fail:addr:%s", r->remote_addr);
	if ((found = db_users_get_by_email(r, email, &a)) == -1)
		return db_fail(r);
	/* The hash is checked in every case, so timing says nothing. */
	ok = pwhash_verify(found ? a.hash : NULL, pw, strlen(pw));
	if (ok == -1)
		return resp_fail(r, 503, "The site is busy. Please try again "
		    "in a moment.");
	if ((over = ratelimit_over(r, kacct, limit("MEDCODE_LOGIN_FAIL_ACCOUNT",
	    10), LOGIN_WINDOW)) == 0)
		over = ratelimit_over(r, kaddr,
		    limit("MEDCODE_LOGIN_FAIL_ADDR", 100), LOGIN_WINDOW);
	if (over == -1)
		return db_fail(r);
	if (over)
		return login_fail(r, 429, "Too many failed attempts. Please "
		    "wait 15 minutes, or reset your password.");
	if (!ok) {
		if (ratelimit_hit(r, kacct, 1000000, LOGIN_WINDOW) == -1 ||
		    ratelimit_hit(r, kaddr, 1000000, LOGIN_WINDOW) == -1 ||
		    (found && db_users_login_failed(r, a.id) == -1))
			return db_fail(r);
		log_info("login failed (account %s)", found ? "known" :
		    "unknown");
		return login_fail(r, 401, "The email address or password is "
		    "not right.");
	}
	if (a.locked)
		return login_fail(r, 403, "This account is locked. Please "
		    "contact the site's administrators.");
	if (!a.verified) {
		if (ratelimit_hit(r, arena_printf(r->arena, "verify:acct:%lld",
		    (long long)a.id), 5, 3600) == 0 &&
		    account_mail_token(r, a.id, a.email, "verify", NULL,
		    "Confirm your email address for medcode",
		    "Open this link to confirm your email address:",
		    "/verify", VERIFY_TTL) == -1)
			return db_fail(r);
		return login_fail(r, 403, "Please confirm your email address "
		    "first: we have sent you a new link.");
	}
	if (pwhash_needs_rehash(a.hash) && pwhash_hash(hash, sizeof(hash), pw,
	    strlen(pw)) == 0)
		newhash = hash;
	if (ratelimit_clear(r, kacct) == -1 ||
	    db_users_login_ok(r, a.id, newhash) == -1 ||
	    session_start(r, a.id) == -1)
		return db_fail(r);
	log_info("login: user %lld", (long long)a.id);
	return resp_redirect(r, 303, account_next(r, "/account"));
}

/*
 * POST /logout: 303 to /.
 */
int
page_logout(struct req *r)
{
	if (session_end(r) == -1)
		return db_fail(r);
	return resp_redirect(r, 303, "/");
}

/*
 * GET /password/forgot: the form. 200.
 */
int
page_forgot_form(struct req *r)
{
	return form_error(r, 200, "account-forgot", "Reset your password",
	    NULL);
}

/*
 * POST /password/forgot: 200 "if an account exists..." whether or not
 * it does; 400 no valid address; 429 too many requests from this address.
 */
int
page_forgot(struct req *r)
{
	struct account	 a;
	const char	*email = fstr(r, F_EMAIL);
	int		 found;

	if (email == NULL)
		return form_error(r, 400, "account-forgot",
		    "Reset your password", "Please give a valid email address.");
	if ((found = db_users_get_by_email(r, email, &a)) == -1)
		return db_fail(r);
	switch (ratelimit_hit(r, arena_printf(r->arena, "reset:addr:%s",
	    r->remote_addr), limit("MEDCODE_RESET_PER_ADDR", 5), 3600)) {
	case -1:
		return db_fail(r);
	case 1:
		return form_error(r, 429, "account-forgot",
		    "Reset your password", "Too many reset requests from your "
		    "network. Please try again in an hour.");
	}
	if (found && !a.locked && account_mail_token(r, a.id, a.email,
	    "reset", NULL, "Reset your medcode password",
	    "Someone (perhaps you) asked to reset the password of your "
	    "medcode account. Open this link to choose a new one:",
	    "/password/reset", RESET_TTL) == -1)
		return db_fail(r);
	return message(r, 200, "Check your email", "If an account exists "
	    "for that address, we have sent it a link to reset the password. "
	    "The link works once, for one hour.");
}

/*
 * GET /password/reset?token=: the new-password form (the token is only
 * checked when the form is sent). 200; 400 without a token.
 */
int
page_reset_form(struct req *r)
{
	struct tdict	*d;

	if (r->field[F_TOKEN] == NULL)
		return message(r, 400, "Link not valid", "This reset link is "
		    "not valid. Please copy the whole link from the message.");
	d = tdict_new(r->arena);
	tdict_str(d, "title", "Choose a new password");
	tdict_str(d, "token", fstr(r, F_TOKEN));
	tdict_bool(d, "no_referrer", 1);
	return account_form(r, 200, "account-reset", d);
}

/*
 * POST /password/reset: token, password. 303 to /login?reset=1 (every
 * session of the account ends); 400 bad password (form again) or a link
 * that is unknown, expired or used.
 */
int
page_reset(struct req *r)
{
	char		 hash[crypto_pwhash_STRBYTES];
	struct tdict	*d;
	const char	*h = account_token_hash(r, fstr(r, F_TOKEN));
	const char	*pw = fstr(r, F_PASSWORD), *msg, *ne;
	int64_t		 user;
	int		 rc;

	if (h == NULL)
		return message(r, 400, "Link not valid", "This reset link is "
		    "not valid or has expired. Please ask for a new one.");
	msg = pw == NULL ? "is required" : pwhash_check_new(pw, strlen(pw),
	    NULL);
	if (msg != NULL) {
		r->field_err[F_PASSWORD] = msg;
		d = tdict_new(r->arena);
		tdict_str(d, "title", "Choose a new password");
		tdict_str(d, "token", fstr(r, F_TOKEN));
		tdict_bool(d, "no_referrer", 1);
		return account_form(r, 400, "account-reset", d);
	}
	if (pwhash_hash(hash, sizeof(hash), pw, strlen(pw)) == -1)
		return resp_fail(r, 503, "The site is busy. Please try again "
		    "in a moment.");
	if (db_begin(r) == -1)
		return db_fail(r);
	rc = db_tokens_use(r, h, "reset", &user, &ne);
	if (rc == 1 && (db_users_set_password(r, user, hash) == -1 ||
	    db_users_verify(r, user) == -1 ||
	    session_end_all(r, user, 0) == -1))
		rc = -1;
	sodium_memzero(hash, sizeof(hash));
	if (rc == -1 || db_commit(r) == -1) {
		(void)db_rollback(r);
		return db_fail(r);
	}
	if (rc == 0)
		return message(r, 400, "Link expired", "This reset link has "
		    "expired or was already used. Please ask for a new one.");
	log_info("password reset: user %lld", (long long)user);
	return resp_redirect(r, 303, "/login?reset=1");
}
