/*
 * page_account.c: the member's dashboard (favourites, notes, recent
 * searches and codes), changing password and email, deleting the account,
 * logging out everywhere, and the favourite and note forms of code pages.
 */
#include <string.h>

#include <sodium.h>

#include "account.h"
#include "arena.h"
#include "csrf.h"
#include "db.h"
#include "log.h"
#include "pwhash.h"
#include "req.h"
#include "resp.h"
#include "session.h"
#include "tmpl.h"
#include "url.h"

static const char *
fstr(struct req *r, int f)
{
	return r->field[f] != NULL ? r->field[f]->s : NULL;
}

/* The storage key of a code as pages print it: "E11.9" -> "E119". */
static const char *
code_key(struct req *r)
{
	const char	*c = fstr(r, F_CODE);
	char		*k;
	size_t		 i, j;

	if (c == NULL)
		return NULL;
	k = arena_strdup(r->arena, c);
	for (i = j = 0; c[i] != '\0'; i++)
		if (c[i] != '.')
			k[j++] = (c[i] >= 'a' && c[i] <= 'z') ?
			    (char)(c[i] - 'a' + 'A') : c[i];
	k[j] = '\0';
	return j > 0 ? k : NULL;
}

static void
list(struct req *r, struct tdict *d, const char *key, struct item *it,
    size_t n)
{
	struct tdict	*e;
	size_t		 i;

	tdict_list(d, key);
	for (i = 0; i < n; i++) {
		e = tdict_push(d, key);
		if (it[i].set != NULL) {
			tdict_str(e, "set", it[i].set);
			tdict_str(e, "code", it[i].code);
			tdict_str(e, "url", url_path(r->arena, "/codes",
			    it[i].set, it[i].code, NULL));
		}
		if (it[i].text != NULL) {
			tdict_str(e, "text", it[i].text);
			tdict_str(e, "search_url", arena_printf(r->arena,
			    "/search?q=%s", url_path(r->arena, "",
			    it[i].text, NULL) + 1));
		}
		tdict_str(e, "at", it[i].at);
		tdict_bool(e, "spent", it[i].spent);
	}
}

/* The dashboard with a message; status 200 or the error's. */
static int
dashboard(struct req *r, int status, const char *notice, const char *err,
    const char *errkey)
{
	static const char *const keys[] = { "favourites", "notes",
	    "searches", "codes" };
	struct tdict	*d = tdict_new(r->arena);
	struct item	*it;
	size_t		 n;
	int		 i;

	for (i = 0; i < 4; i++) {
		if (db_items(r, i, r->user->id, &it, &n) == -1)
			return db_fail(r);
		list(r, d, keys[i], it, n);
	}
	tdict_str(d, "title", "Your account");
	tdict_str(d, "name", r->user->name);
	tdict_str(d, "email", r->user->email);
	tdict_str(d, "role", r->user->role_name);
	tdict_str(d, "plan", r->user->plan);
	tdict_str(d, "company", r->user->company);
	if (notice != NULL)
		tdict_str(d, "notice", notice);
	if (err != NULL)
		tdict_str(d, errkey, err);
	tdict_str(d, "csrf", csrf_token(r));
	return resp_tmpl(r, status, "account", d);
}

/*
 * GET /account: the dashboard. 200 (guests were sent to /login).
 */
int
page_account(struct req *r)
{
	return dashboard(r, 200, NULL, NULL, NULL);
}

/* Check the current password; 1 right, 0 wrong, -1 busy/failure. */
static int
current_ok(struct req *r, struct account *a)
{
	const char	*pw = fstr(r, F_PASSWORD);
	int		 rc;

	if ((rc = db_users_get_by_id(r, r->user->id, a)) != 1)
		return rc == 0 ? 0 : -1;
	if (pw == NULL)
		return 0;
	return pwhash_verify(a->hash, pw, strlen(pw));
}

/*
 * POST /account/password: password (current), new_password. 303 to
 * /account?changed=password with a new session (others end); 400 wrong
 * current or unacceptable new password.
 */
int
page_account_password(struct req *r)
{
	struct account	 a;
	char		 hash[crypto_pwhash_STRBYTES];
	const char	*np = fstr(r, F_NEW_PASSWORD), *msg;
	int64_t		 id = r->user->id;

	switch (current_ok(r, &a)) {
	case -1:
		return r->dbstatus ? db_fail(r) : 503;
	case 0:
		return dashboard(r, 400, NULL, "The current password is not "
		    "right.", "password_error");
	}
	if ((msg = np == NULL ? "is required" :
	    pwhash_check_new(np, strlen(np), a.email)) != NULL)
		return dashboard(r, 400, NULL, arena_printf(r->arena,
		    "The new password %s.", msg), "password_error");
	if (pwhash_hash(hash, sizeof(hash), np, strlen(np)) == -1)
		return 503;
	if (db_begin(r) == -1)
		return db_fail(r);
	if (db_users_set_password(r, id, hash) == -1 ||
	    session_end_all(r, id, 0) == -1 || db_commit(r) == -1) {
		(void)db_rollback(r);
		return db_fail(r);
	}
	sodium_memzero(hash, sizeof(hash));
	r->session_hash = NULL;	/* its row is gone with the others */
	if (session_start(r, id) == -1)
		return db_fail(r);
	log_info("password changed: user %lld", (long long)id);
	return resp_redirect(r, 303, "/account?changed=password");
}

/*
 * POST /account/email: email (new), password. 303 to /account?sent=email:
 * a link goes to the new address, which takes effect when opened. 400
 * wrong password or no valid address.
 */
int
page_account_email(struct req *r)
{
	struct account	 a;
	const char	*email = fstr(r, F_EMAIL);

	if (email == NULL)
		return dashboard(r, 400, NULL, "Please give a valid email "
		    "address.", "email_error");
	switch (current_ok(r, &a)) {
	case -1:
		return r->dbstatus ? db_fail(r) : 503;
	case 0:
		return dashboard(r, 400, NULL, "The password is not right.",
		    "email_error");
	}
	if (account_mail_token(r, a.id, email, "verify", email,
	    "Confirm your new email address for medcode",
	    "Open this link to make this the address of your medcode "
	    "account:", "/verify", 48 * 3600) == -1)
		return db_fail(r);
	return resp_redirect(r, 303, "/account?sent=email");
}

/*
 * POST /account/delete: password. The account and everything it owns
 * (sessions, favourites, notes, history, ledger) are deleted; 303 to /.
 * 400 wrong password.
 */
int
page_account_delete(struct req *r)
{
	struct account	 a;

	switch (current_ok(r, &a)) {
	case -1:
		return r->dbstatus ? db_fail(r) : 503;
	case 0:
		return dashboard(r, 400, NULL, "The password is not right.",
		    "delete_error");
	}
	if (db_users_delete(r, a.id) == -1)
		return db_fail(r);
	r->session_hash = NULL;		/* deleted with the user */
	(void)session_end(r);
	log_info("account deleted: user %lld", (long long)a.id);
	return resp_redirect(r, 303, "/");
}

/*
 * POST /account/sessions: log out everywhere (this browser too). 303 to
 * /login.
 */
int
page_account_sessions(struct req *r)
{
	if (session_end_all(r, r->user->id, 0) == -1)
		return db_fail(r);
	r->session_hash = NULL;
	(void)session_end(r);
	return resp_redirect(r, 303, "/login");
}

/*
 * POST /account/favourites: set, code, on (1 add, 0 remove), next. 303 to
 * next (default /account); 400 without set and code.
 */
int
page_favourite(struct req *r)
{
	if (fstr(r, F_SET) == NULL || code_key(r) == NULL)
		return resp_fail(r, 400, "Which code?");
	if (db_favourites_set(r, r->user->id, fstr(r, F_SET), code_key(r),
	    r->field[F_ON] == NULL || r->field[F_ON]->i != 0) == -1)
		return db_fail(r);
	return resp_redirect(r, 303, account_next(r, "/account"));
}

/*
 * POST /account/notes: set, code, body (empty deletes), next. 303 to next;
 * 400 without set and code or with a note too long.
 */
int
page_note(struct req *r)
{
	if (fstr(r, F_SET) == NULL || code_key(r) == NULL)
		return resp_fail(r, 400, "Which code?");
	if (r->field_err[F_BODY] != NULL)
		return resp_fail(r, 400, "The note %s.", r->field_err[F_BODY]);
	if (db_notes_set(r, r->user->id, fstr(r, F_SET), code_key(r),
	    fstr(r, F_BODY)) == -1)
		return db_fail(r);
	return resp_redirect(r, 303, account_next(r, "/account"));
}
