/*
 * medcode-account: accounts, sessions, member features and the user
 * admin. This file is the spec: the route table, the field table, the
 * statement tables and the start-up hook (password hashing slots).
 */
#include <string.h>

#include "account.h"
#include "arena.h"
#include "pwhash.h"
#include "req.h"
#include "route.h"
#include "serve.h"
#include "tmpl.h"
#include "util.h"
#include "valid.h"

#define NC	ROUTE_NOCACHE

static const struct route routes[] = {
	/* page_auth.c */
	{ METHOD_GET, "/register", page_register_form, NC },
	{ METHOD_POST, "/register", page_register, NC },
	{ METHOD_GET, "/verify", page_verify, NC },
	{ METHOD_GET, "/login", page_login_form, NC },
	{ METHOD_POST, "/login", page_login, NC },
	{ METHOD_POST, "/logout", page_logout, NC },
	{ METHOD_GET, "/password/forgot", page_forgot_form, NC },
	{ METHOD_POST, "/password/forgot", page_forgot, NC },
	{ METHOD_GET, "/password/reset", page_reset_form, NC },
	{ METHOD_POST, "/password/reset", page_reset, NC },
	/* page_account.c */
	{ METHOD_GET, "/account", page_account, ROUTE_AUTH | NC },
	{ METHOD_POST, "/account/password", page_account_password,
	    ROUTE_AUTH | NC },
	{ METHOD_POST, "/account/email", page_account_email, ROUTE_AUTH | NC },
	{ METHOD_POST, "/account/delete", page_account_delete,
	    ROUTE_AUTH | NC },
	{ METHOD_POST, "/account/sessions", page_account_sessions,
	    ROUTE_AUTH | NC },
	{ METHOD_POST, "/account/favourites", page_favourite, ROUTE_AUTH | NC },
	{ METHOD_POST, "/account/notes", page_note, ROUTE_AUTH | NC },
	/* page_admin.c */
	{ METHOD_GET, "/admin/users", page_admin_users, ROUTE_ADMIN | NC },
	{ METHOD_GET, "/admin/users/{id}", page_admin_user, ROUTE_ADMIN | NC },
	{ METHOD_POST, "/admin/users/{id}", page_admin_user_update,
	    ROUTE_ADMIN | NC },
	{ METHOD__MAX, NULL, NULL, 0 },
};

/* Passwords are taken as typed: no trimming, any text. */
static const char *
valid_password(struct fval *v, struct arena *a UNUSED)
{
	return v->len == 0 ? "is required" : NULL;
}

static const char *
valid_name(struct fval *v, struct arena *a)
{
	return valid_text_limit(v, a, 100);
}

static const char *
valid_company(struct fval *v, struct arena *a)
{
	return valid_text_limit(v, a, 200);
}

/* Words of letters and digits: code-set names, roles, plans, actions. */
static const char *
valid_word(struct fval *v, struct arena *a UNUSED)
{
	size_t	 i;

	if (v->len == 0 || v->len > 32)
		return "is not valid";
	for (i = 0; i < v->len; i++)
		if (!((v->s[i] >= 'a' && v->s[i] <= 'z') ||
		    (v->s[i] >= '0' && v->s[i] <= '9') || v->s[i] == '_'))
			return "is not valid";
	return NULL;
}

/* A code key as stored: letters, digits, '.', '-'. */
static const char *
valid_key(struct fval *v, struct arena *a UNUSED)
{
	size_t	 i;

	if (v->len == 0 || v->len > 32)
		return "is not a code";
	for (i = 0; i < v->len; i++)
		if (!((v->s[i] >= 'A' && v->s[i] <= 'Z') ||
		    (v->s[i] >= 'a' && v->s[i] <= 'z') ||
		    (v->s[i] >= '0' && v->s[i] <= '9') ||
		    v->s[i] == '.' || v->s[i] == '-'))
			return "is not a code";
	return NULL;
}

/* 43 base64url characters (32 random bytes). */
static const char *
valid_token(struct fval *v, struct arena *a UNUSED)
{
	size_t	 i;

	if (v->len != 43)
		return "is not a valid link";
	for (i = 0; i < v->len; i++)
		if (!((v->s[i] >= 'A' && v->s[i] <= 'Z') ||
		    (v->s[i] >= 'a' && v->s[i] <= 'z') ||
		    (v->s[i] >= '0' && v->s[i] <= '9') ||
		    v->s[i] == '-' || v->s[i] == '_'))
			return "is not a valid link";
	return NULL;
}

static const struct field fields[F__MAX] = {
	{ "email", valid_email, 254, 0 }, /* F_EMAIL */
	{ "password", valid_password, 512, FIELD_SECRET }, /* F_PASSWORD */
	{ "new_password", valid_password, 512,
	    FIELD_SECRET }, /* F_NEW_PASSWORD */
	{ "name", valid_name, 400, 0 }, /* F_NAME */
	{ "company", valid_company, 800, 0 }, /* F_COMPANY */
	{ "kind", valid_word, 32, 0 }, /* F_KIND */
	{ "token", valid_token, 64, FIELD_SECRET }, /* F_TOKEN */
	{ "next", valid_text, 400, 0 }, /* F_NEXT */
	{ "set", valid_word, 32, 0 }, /* F_SET */
	{ "code", valid_key, 32, 0 }, /* F_CODE */
	{ "on", valid_bool, 8, 0 }, /* F_ON */
	{ "body", valid_multiline, 80000, FIELD_MULTILINE }, /* F_BODY */
	{ "q", valid_text, 200, 0 }, /* F_Q */
	{ "role", valid_word, 32, 0 }, /* F_ROLE */
	{ "plan", valid_word, 32, 0 }, /* F_PLAN */
	{ "action", valid_word, 32, 0 }, /* F_ACTION */
};

static const struct stmt *const stmt_tables[] = {
	account_stmts,
	NULL,
};

static int
init(void)
{
	return pwhash_init();
}

static void
decorate(struct req *r, struct tdict *d)
{
	tdict_list(d, "releases");
	if (r->field != NULL && r->field[F_Q] != NULL &&
	    strncmp(r->path, "/admin/", 7) != 0)
		tdict_str(d, "q", r->field[F_Q]->s);
}

static const struct spec spec = {
	"account",
	routes,
	fields,
	F__MAX,
	stmt_tables,
	init,
	decorate,
	NULL,
};

int
main(int argc, char *argv[])
{
	return serve(&spec, argc, argv);
}
