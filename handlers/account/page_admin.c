/*
 * page_admin.c: /admin/users: search users, one user's page with the
 * view ledger, role and plan changes, lock and unlock. Every route needs
 * the admin role (serve.c answers 403 otherwise) and nginx fences /admin/.
 */
#include <string.h>

#include "account.h"
#include "arena.h"
#include "csrf.h"
#include "db.h"
#include "log.h"
#include "req.h"
#include "resp.h"
#include "session.h"
#include "tmpl.h"
#include "url.h"
#include "valid.h"

static void
user_dict(struct req *r, struct tdict *e, const struct account *a)
{
	tdict_int(e, "id", a->id);
	tdict_str(e, "email", a->email);
	tdict_str(e, "name", a->name);
	tdict_str(e, "company", a->company);
	tdict_str(e, "role", a->role);
	tdict_str(e, "plan", a->plan);
	tdict_str(e, "created", a->created);
	tdict_str(e, "last_login", a->last_login);
	tdict_bool(e, "verified", a->verified);
	tdict_bool(e, "locked", a->locked);
	tdict_int(e, "failed", a->failed);
	tdict_str(e, "url", arena_printf(r->arena, "/admin/users/%lld",
	    (long long)a->id));
}

/*
 * GET /admin/users?q=: up to 100 users matching q in email, name or
 * company (newest first). 200.
 */
int
page_admin_users(struct req *r)
{
	struct tdict	*d = tdict_new(r->arena);
	struct account	*a;
	size_t		 n, i;
	const char	*q = r->field[F_Q] != NULL ? r->field[F_Q]->s : "";

	if (db_users_search(r, q, &a, &n) == -1)
		return db_fail(r);
	tdict_str(d, "title", "Users");
	tdict_str(d, "uq", q);
	tdict_list(d, "users");
	for (i = 0; i < n; i++)
		user_dict(r, tdict_push(d, "users"), &a[i]);
	tdict_int(d, "count", (long long)n);
	return resp_tmpl(r, 200, "admin-users", d);
}

static int
user_id(struct req *r, int64_t *id)
{
	struct fval	 v = r->param[0];

	if (r->nparam < 1 || valid_u64(&v, r->arena) != NULL)
		return -1;
	*id = v.i;
	return 0;
}

static int
show(struct req *r, int status, int64_t id, const char *notice)
{
	struct tdict	*d = tdict_new(r->arena);
	struct account	 a;
	struct item	*it;
	size_t		 n, i;
	struct tdict	*e;
	int		 rc;

	if ((rc = db_users_get_by_id(r, id, &a)) == -1)
		return db_fail(r);
	if (rc == 0)
		return resp_fail(r, 404, "There is no such user.");
	if (db_items(r, ITEMS_LEDGER, id, &it, &n) == -1)
		return db_fail(r);
	tdict_str(d, "title", arena_printf(r->arena, "User %s", a.email));
	user_dict(r, d, &a);
	tdict_list(d, "ledger");
	for (i = 0; i < n; i++) {
		e = tdict_push(d, "ledger");
		tdict_str(e, "set", it[i].set);
		tdict_str(e, "code", it[i].code);
		tdict_str(e, "at", it[i].at);
		tdict_bool(e, "spent", it[i].spent);
		tdict_str(e, "code_url", url_path(r->arena, "/codes",
		    it[i].set, it[i].code, NULL));
	}
	tdict_int(d, "ledger_count", (long long)n);
	if (notice != NULL)
		tdict_str(d, "notice", notice);
	tdict_bool(d, "role_member", strcmp(a.role, "member") == 0);
	tdict_bool(d, "role_employer", strcmp(a.role, "employer") == 0);
	tdict_bool(d, "role_subscriber", strcmp(a.role, "subscriber") == 0);
	tdict_bool(d, "role_admin", strcmp(a.role, "admin") == 0);
	tdict_bool(d, "plan_pro", strcmp(a.plan, "pro") == 0);
	tdict_str(d, "csrf", csrf_token(r));
	return resp_tmpl(r, status, "admin-user", d);
}

/*
 * GET /admin/users/{id}: the user, actions and the view ledger. 200, 404.
 */
int
page_admin_user(struct req *r)
{
	int64_t	 id;

	if (user_id(r, &id) == -1)
		return resp_fail(r, 404, "There is no such user.");
	return show(r, 200, id, NULL);
}

/*
 * POST /admin/users/{id}: action=role (role=member|employer|subscriber|
 * admin), action=plan (plan=free|pro), action=lock, action=unlock. 303
 * back to the user; 400 unknown action or value; 404 no user. A change
 * of role rotates the user's session tokens at their next request
 * (common/session.c); a lock ends their sessions.
 */
int
page_admin_user_update(struct req *r)
{
	const char	*act, *v;
	int64_t		 id;
	int		 rc = 0;

	if (user_id(r, &id) == -1)
		return resp_fail(r, 404, "There is no such user.");
	act = r->field[F_ACTION] != NULL ? r->field[F_ACTION]->s : "";
	if (strcmp(act, "role") == 0) {
		v = r->field[F_ROLE] != NULL ? r->field[F_ROLE]->s : "";
		if (role_from_name(v) == ROLE__MAX ||
		    role_from_name(v) == ROLE_GUEST)
			return resp_fail(r, 400, "Unknown role.");
		rc = db_users_set_role(r, id, v);
	} else if (strcmp(act, "plan") == 0) {
		v = r->field[F_PLAN] != NULL ? r->field[F_PLAN]->s : "";
		if (strcmp(v, "free") != 0 && strcmp(v, "pro") != 0)
			return resp_fail(r, 400, "Unknown plan.");
		rc = db_users_set_plan(r, id, v);
	} else if (strcmp(act, "lock") == 0) {
		if (id == r->user->id)
			return resp_fail(r, 400, "You cannot lock yourself "
			    "out.");
		if ((rc = db_users_set_locked(r, id, 1)) > 0 &&
		    session_end_all(r, id, 0) == -1)
			rc = -1;
	} else if (strcmp(act, "unlock") == 0)
		rc = db_users_set_locked(r, id, 0);
	else
		return resp_fail(r, 400, "Unknown action.");
	if (rc == -1)
		return db_fail(r);
	if (rc == 0)
		return resp_fail(r, 404, "There is no such user.");
	log_info("admin %lld: %s user %lld", (long long)r->user->id, act,
	    (long long)id);
	return resp_redirect(r, 303, arena_printf(r->arena,
	    "/admin/users/%lld", (long long)id));
}
