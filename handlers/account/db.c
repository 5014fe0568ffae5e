/*
 * db.c: every SQL statement of the account handler and the typed
 * wrappers the pages call. Column indexes are enums beside their SQL.
 */
#include <string.h>

#include "account.h"
#include "arena.h"
#include "db.h"
#include "req.h"

enum {
	STMT_USERS_GET_BY_EMAIL,
	STMT_USERS_GET_BY_ID,
	STMT_USERS_INSERT,
	STMT_USERS_LOGIN_OK,
	STMT_USERS_LOGIN_FAILED,
	STMT_USERS_SET_PASSWORD,
	STMT_USERS_SET_EMAIL,
	STMT_USERS_VERIFY,
	STMT_USERS_DELETE,
	STMT_USERS_SET_ROLE,
	STMT_USERS_SET_PLAN,
	STMT_USERS_SET_LOCKED,
	STMT_USERS_SEARCH,
	STMT_TOKENS_INSERT,
	STMT_TOKENS_USE,
	STMT_OUTBOX_INSERT,
	STMT_FAVOURITES_ADD,
	STMT_FAVOURITES_DELETE,
	STMT_NOTES_UPSERT,
	STMT_NOTES_DELETE,
	STMT_ITEMS_FAVOURITES,
	STMT_ITEMS_NOTES,
	STMT_ITEMS_SEARCHES,
	STMT_ITEMS_CODES,
	STMT_ITEMS_LEDGER,
	STMT__MAX
};

#define USER_COLS \
	"id, email, name, company, role, plan, password_hash, " \
	"to_char(created_at, 'YYYY-MM-DD HH24:MI'), " \
	"to_char(last_login_at, 'YYYY-MM-DD HH24:MI'), " \
	"verified_at IS NOT NULL, locked_at IS NOT NULL, failed_logins"
enum { U_ID, U_EMAIL, U_NAME, U_COMPANY, U_ROLE, U_PLAN, U_HASH, U_CREATED,
    U_LAST, U_VERIFIED, U_LOCKED, U_FAILED };

const struct stmt account_stmts[STMT__MAX + 1] = {
	{ "users_get_by_email",
	  "SELECT " USER_COLS " FROM app.users WHERE email = lower($1)", 1,
	  DB_READONLY }, /* STMT_USERS_GET_BY_EMAIL */
	{ "users_get_by_id",
	  "SELECT " USER_COLS " FROM app.users WHERE id = $1::bigint", 1,
	  DB_READONLY }, /* STMT_USERS_GET_BY_ID */
	{ "users_insert",
	  "INSERT INTO app.users (email, name, company, role, password_hash) "
	  "VALUES (lower($1), $2, $3, $4, $5) ON CONFLICT (email) DO NOTHING "
	  "RETURNING id", 5,
	  0 }, /* STMT_USERS_INSERT */
	{ "users_login_ok",
	  "UPDATE app.users SET failed_logins = 0, last_login_at = now(), "
	  "password_hash = coalesce($2, password_hash) WHERE id = $1::bigint",
	  2, 0 }, /* STMT_USERS_LOGIN_OK */
	{ "users_login_failed",
	  "UPDATE app.users SET failed_logins = failed_logins + 1 "
	  "WHERE id = $1::bigint", 1,
	  0 }, /* STMT_USERS_LOGIN_FAILED */
	{ "users_set_password",
	  "UPDATE app.users SET password_hash = $2, updated_at = now(), "
	  "failed_logins = 0 WHERE id = $1::bigint", 2,
	  0 }, /* STMT_USERS_SET_PASSWORD */
	{ "users_set_email",
	  "UPDATE app.users SET email = lower($2), verified_at = now(), "
	  "updated_at = now() WHERE id = $1::bigint AND NOT EXISTS "
	  "(SELECT 1 FROM app.users WHERE email = lower($2))", 2,
	  0 }, /* STMT_USERS_SET_EMAIL */
	{ "users_verify",
	  "UPDATE app.users SET verified_at = coalesce(verified_at, now()) "
	  "WHERE id = $1::bigint", 1,
	  0 }, /* STMT_USERS_VERIFY */
	{ "users_delete",
	  "DELETE FROM app.users WHERE id = $1::bigint", 1,
	  0 }, /* STMT_USERS_DELETE */
	{ "users_set_role",
	  "UPDATE app.users SET role = $2, updated_at = now(), "
	  "company = CASE WHEN $2 = 'employer' THEN coalesce(company, name) "
	  "ELSE company END WHERE id = $1::bigint", 2,
	  0 }, /* STMT_USERS_SET_ROLE */
	{ "users_set_plan",
	  "UPDATE app.users SET plan = $2, updated_at = now() "
	  "WHERE id = $1::bigint", 2,
	  0 }, /* STMT_USERS_SET_PLAN */
	{ "users_set_locked",
	  "UPDATE app.users SET locked_at = CASE WHEN $2::boolean "
	  "THEN coalesce(locked_at, now()) END, failed_logins = CASE WHEN "
	  "$2::boolean THEN failed_logins ELSE 0 END, updated_at = now() "
	  "WHERE id = $1::bigint", 2,
	  0 }, /* STMT_USERS_SET_LOCKED */
	{ "users_search",
	  "SELECT " USER_COLS " FROM app.users WHERE $1 = '' "
	  "OR strpos(email, lower($1)) > 0 OR strpos(lower(name), lower($1)) "
	  "> 0 OR strpos(lower(coalesce(company, '')), lower($1)) > 0 "
	  "ORDER BY created_at DESC, id DESC LIMIT 100", 1,
	  DB_READONLY }, /* STMT_USERS_SEARCH */
	{ "tokens_insert",
	  "INSERT INTO app.user_tokens (token_hash, user_id, purpose, "
	  "new_email, expires_at) VALUES ($1::bytea, $2::bigint, $3, $4, "
	  "now() + make_interval(secs => $5::int))", 5,
	  0 }, /* STMT_TOKENS_INSERT */
	{ "tokens_use",
	  "UPDATE app.user_tokens SET used_at = now() "
	  "WHERE token_hash = $1::bytea AND purpose = $2 AND used_at IS NULL "
	  "AND expires_at > now() RETURNING user_id, new_email", 2,
	  0 }, /* STMT_TOKENS_USE */
	{ "outbox_insert",
	  "WITH m AS (INSERT INTO app.mail_outbox (to_addr, subject, body) "
	  "VALUES ($1, $2, $3) RETURNING id) "
	  "SELECT pg_notify('mail_outbox', id::text) FROM m", 3,
	  0 }, /* STMT_OUTBOX_INSERT */
	{ "favourites_add",
	  "INSERT INTO app.favourites (user_id, code_set, code) "
	  "VALUES ($1::bigint, $2, $3) ON CONFLICT DO NOTHING", 3,
	  0 }, /* STMT_FAVOURITES_ADD */
	{ "favourites_delete",
	  "DELETE FROM app.favourites WHERE user_id = $1::bigint "
	  "AND code_set = $2 AND code = $3", 3,
	  0 }, /* STMT_FAVOURITES_DELETE */
	{ "notes_upsert",
	  "INSERT INTO app.notes (user_id, code_set, code, body) "
	  "VALUES ($1::bigint, $2, $3, $4) ON CONFLICT (user_id, code_set, "
	  "code) DO UPDATE SET body = excluded.body, updated_at = now()", 4,
	  0 }, /* STMT_NOTES_UPSERT */
	{ "notes_delete",
	  "DELETE FROM app.notes WHERE user_id = $1::bigint "
	  "AND code_set = $2 AND code = $3", 3,
	  0 }, /* STMT_NOTES_DELETE */
	{ "items_favourites",
	  "SELECT code_set, code, NULL, to_char(created_at, 'YYYY-MM-DD'), "
	  "false FROM app.favourites WHERE user_id = $1::bigint "
	  "ORDER BY created_at DESC LIMIT 200", 1,
	  DB_READONLY }, /* STMT_ITEMS_FAVOURITES */
	{ "items_notes",
	  "SELECT code_set, code, body, to_char(updated_at, 'YYYY-MM-DD'), "
	  "false FROM app.notes WHERE user_id = $1::bigint "
	  "ORDER BY updated_at DESC LIMIT 200", 1,
	  DB_READONLY }, /* STMT_ITEMS_NOTES */
	{ "items_searches",
	  "SELECT NULL, NULL, q, to_char(at, 'YYYY-MM-DD HH24:MI'), false "
	  "FROM app.recent_searches WHERE user_id = $1::bigint "
	  "ORDER BY at DESC LIMIT 20", 1,
	  DB_READONLY }, /* STMT_ITEMS_SEARCHES */
	{ "items_codes",
	  "SELECT code_set, code, NULL, to_char(at, 'YYYY-MM-DD HH24:MI'), "
	  "false FROM app.recent_codes WHERE user_id = $1::bigint "
	  "ORDER BY at DESC LIMIT 20", 1,
	  DB_READONLY }, /* STMT_ITEMS_CODES */
	{ "items_ledger",
	  "SELECT code_set, code, NULL, "
	  "to_char(first_viewed_at, 'YYYY-MM-DD HH24:MI'), spent "
	  "FROM app.meter_views WHERE user_id = $1::bigint "
	  "ORDER BY first_viewed_at DESC LIMIT 500", 1,
	  DB_READONLY }, /* STMT_ITEMS_LEDGER */
	{ NULL, NULL, 0, 0 },
};

static const char *
dup(struct req *r, const PGresult *res, int row, int col)
{
	const char	*s = db_str(res, row, col);

	return s != NULL ? arena_strdup(r->arena, s) : NULL;
}

static const char *
id_param(struct req *r, int64_t id)
{
	return arena_printf(r->arena, "%lld", (long long)id);
}

static void
user_row(struct req *r, const PGresult *res, int i, struct account *a)
{
	memset(a, 0, sizeof(*a));
	a->id = db_int(res, i, U_ID);
	a->email = dup(r, res, i, U_EMAIL);
	a->name = dup(r, res, i, U_NAME);
	a->company = dup(r, res, i, U_COMPANY);
	a->role = dup(r, res, i, U_ROLE);
	a->plan = dup(r, res, i, U_PLAN);
	a->hash = dup(r, res, i, U_HASH);
	a->created = dup(r, res, i, U_CREATED);
	a->last_login = dup(r, res, i, U_LAST);
	a->verified = db_bool(res, i, U_VERIFIED);
	a->locked = db_bool(res, i, U_LOCKED);
	a->failed = (int)db_int(res, i, U_FAILED);
}

static int
affected(PGresult *res)
{
	const char	*p = PQcmdTuples(res);
	int		 n = 0;

	while (*p >= '0' && *p <= '9' && n < 1000000)
		n = n * 10 + (*p++ - '0');
	return n;
}

/* Run s; -1 on failure, else the number of rows (or rows affected). */
static int
run(struct req *r, int s, const char *const *vals, PGresult **out)
{
	PGresult	*res;

	if ((res = db_exec(r, &account_stmts[s], vals)) == NULL)
		return -1;
	if (out != NULL)
		*out = res;
	if (PQresultStatus(res) == PGRES_TUPLES_OK)
		return PQntuples(res);
	return affected(res);
}

static int
get_user(struct req *r, int s, const char *key, struct account *a)
{
	const char	*vals[1] = { key };
	PGresult	*res;
	int		 n;

	if ((n = run(r, s, vals, &res)) <= 0)
		return n;
	user_row(r, res, 0, a);
	return 1;
}

/* 1 found, 0 not, -1 failure. */
int
db_users_get_by_email(struct req *r, const char *email, struct account *a)
{
	return get_user(r, STMT_USERS_GET_BY_EMAIL, email, a);
}

int
db_users_get_by_id(struct req *r, int64_t id, struct account *a)
{
	return get_user(r, STMT_USERS_GET_BY_ID, id_param(r, id), a);
}

/* 1 made (*id), 0 the email is taken, -1 failure. */
int
db_users_insert(struct req *r, const char *email, const char *name,
    const char *company, const char *role, const char *hash, int64_t *id)
{
	const char	*vals[5] = { email, name, company, role, hash };
	PGresult	*res;
	int		 n;

	if ((n = run(r, STMT_USERS_INSERT, vals, &res)) <= 0)
		return n;
	*id = db_int(res, 0, 0);
	return 1;
}

int
db_users_login_ok(struct req *r, int64_t id, const char *newhash)
{
	const char	*vals[2] = { id_param(r, id), newhash };

	return run(r, STMT_USERS_LOGIN_OK, vals, NULL) < 0 ? -1 : 0;
}

int
db_users_login_failed(struct req *r, int64_t id)
{
	const char	*vals[1] = { id_param(r, id) };

	return run(r, STMT_USERS_LOGIN_FAILED, vals, NULL) < 0 ? -1 : 0;
}

int
db_users_set_password(struct req *r, int64_t id, const char *hash)
{
	const char	*vals[2] = { id_param(r, id), hash };

	return run(r, STMT_USERS_SET_PASSWORD, vals, NULL) < 0 ? -1 : 0;
}

/* 1 changed, 0 the address is taken, -1 failure. */
int
db_users_set_email(struct req *r, int64_t id, const char *email)
{
	const char	*vals[2] = { id_param(r, id), email };

	return run(r, STMT_USERS_SET_EMAIL, vals, NULL);
}

int
db_users_verify(struct req *r, int64_t id)
{
	const char	*vals[1] = { id_param(r, id) };

	return run(r, STMT_USERS_VERIFY, vals, NULL) < 0 ? -1 : 0;
}

int
db_users_delete(struct req *r, int64_t id)
{
	const char	*vals[1] = { id_param(r, id) };

	return run(r, STMT_USERS_DELETE, vals, NULL) < 0 ? -1 : 0;
}

int
db_users_set_role(struct req *r, int64_t id, const char *role)
{
	const char	*vals[2] = { id_param(r, id), role };

	return run(r, STMT_USERS_SET_ROLE, vals, NULL);
}

int
db_users_set_plan(struct req *r, int64_t id, const char *plan)
{
	const char	*vals[2] = { id_param(r, id), plan };

	return run(r, STMT_USERS_SET_PLAN, vals, NULL);
}

int
db_users_set_locked(struct req *r, int64_t id, int locked)
{
	const char	*vals[2] = { id_param(r, id), locked ? "t" : "f" };

	return run(r, STMT_USERS_SET_LOCKED, vals, NULL);
}

int
db_users_search(struct req *r, const char *q, struct account **out,
    size_t *n)
{
	const char	*vals[1] = { q };
	PGresult	*res;
	int		 i, rows;

	if ((rows = run(r, STMT_USERS_SEARCH, vals, &res)) < 0)
		return -1;
	*out = arena_calloc(r->arena, (size_t)rows + 1, sizeof(**out));
	for (i = 0; i < rows; i++)
		user_row(r, res, i, &(*out)[i]);
	*n = (size_t)rows;
	return 0;
}

int
db_tokens_insert(struct req *r, int64_t user, const char *purpose,
    const char *hashparam, const char *new_email, int ttl)
{
	const char	*vals[5] = { hashparam, id_param(r, user), purpose,
	    new_email, arena_printf(r->arena, "%d", ttl) };

	return run(r, STMT_TOKENS_INSERT, vals, NULL) < 0 ? -1 : 0;
}

int
db_tokens_use(struct req *r, const char *hashparam, const char *purpose,
    int64_t *user, const char **new_email)
{
	const char	*vals[2] = { hashparam, purpose };
	PGresult	*res;
	int		 n;

	if ((n = run(r, STMT_TOKENS_USE, vals, &res)) <= 0)
		return n;
	*user = db_int(res, 0, 0);
	*new_email = dup(r, res, 0, 1);
	return 1;
}

int
db_outbox_insert(struct req *r, const char *to, const char *subject,
    const char *body)
{
	const char	*vals[3] = { to, subject, body };

	return run(r, STMT_OUTBOX_INSERT, vals, NULL) < 0 ? -1 : 0;
}

int
db_favourites_set(struct req *r, int64_t user, const char *set,
    const char *code, int on)
{
	const char	*vals[3] = { id_param(r, user), set, code };

	return run(r, on ? STMT_FAVOURITES_ADD : STMT_FAVOURITES_DELETE, vals,
	    NULL) < 0 ? -1 : 0;
}

int
db_notes_set(struct req *r, int64_t user, const char *set,
    const char *code, const char *body)
{
	const char	*vals[4] = { id_param(r, user), set, code, body };

	if (body == NULL || *body == '\0')
		return run(r, STMT_NOTES_DELETE, vals, NULL) < 0 ? -1 : 0;
	return run(r, STMT_NOTES_UPSERT, vals, NULL) < 0 ? -1 : 0;
}

int
db_items(struct req *r, int which, int64_t user, struct item **out,
    size_t *n)
{
	static const int	 stmts[] = { STMT_ITEMS_FAVOURITES,
	    STMT_ITEMS_NOTES, STMT_ITEMS_SEARCHES, STMT_ITEMS_CODES,
	    STMT_ITEMS_LEDGER };
	const char		*vals[1] = { id_param(r, user) };
	PGresult		*res;
	struct item		*it;
	int			 i, rows;

	if ((rows = run(r, stmts[which], vals, &res)) < 0)
		return -1;
	it = arena_calloc(r->arena, (size_t)rows + 1, sizeof(*it));
	for (i = 0; i < rows; i++) {
		it[i].set = dup(r, res, i, 0);
		it[i].code = dup(r, res, i, 1);
		it[i].text = dup(r, res, i, 2);
		it[i].at = dup(r, res, i, 3);
		it[i].spent = db_bool(res, i, 4);
	}
	*out = it;
	*n = (size_t)rows;
	return 0;
}
