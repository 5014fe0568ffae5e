/*
 * account.h: what the account handler's files share: the field ids, the
 * statement table, the typed wrappers (db.c) and the pages.
 */
#ifndef ACCOUNT_H
#define ACCOUNT_H

#include <stddef.h>
#include <stdint.h>

#include "db.h"

struct req;
struct tdict;

enum field_id {
	F_EMAIL,
	F_PASSWORD,
	F_NEW_PASSWORD,
	F_NAME,
	F_COMPANY,
	F_KIND,		/* member | employer */
	F_TOKEN,
	F_NEXT,		/* return path */
	F_SET,
	F_CODE,
	F_ON,
	F_BODY,
	F_Q,
	F_ROLE,
	F_PLAN,
	F_ACTION,
	F__MAX
};

/* A row of app.users (arena memory). */
struct account {
	int64_t		 id;
	const char	*email;
	const char	*name;
	const char	*company;
	const char	*role;
	const char	*plan;
	const char	*hash;
	const char	*created;
	const char	*last_login;
	int		 verified;
	int		 locked;
	int		 failed;
};

struct item {			/* favourites, notes, recent rows */
	const char	*set;
	const char	*code;
	const char	*text;	/* note body, search q */
	const char	*at;
	int		 spent;	/* ledger rows */
};

extern const struct stmt account_stmts[];

int	 db_users_get_by_email(struct req *, const char *, struct account *);
int	 db_users_get_by_id(struct req *, int64_t, struct account *);
int	 db_users_insert(struct req *, const char *email, const char *name,
	    const char *company, const char *role, const char *hash,
	    int64_t *id);
int	 db_users_login_ok(struct req *, int64_t, const char *newhash);
int	 db_users_login_failed(struct req *, int64_t);
int	 db_users_set_password(struct req *, int64_t, const char *hash);
int	 db_users_set_email(struct req *, int64_t, const char *email);
int	 db_users_verify(struct req *, int64_t);
int	 db_users_delete(struct req *, int64_t);
int	 db_users_set_role(struct req *, int64_t, const char *role);
int	 db_users_set_plan(struct req *, int64_t, const char *plan);
int	 db_users_set_locked(struct req *, int64_t, int locked);
int	 db_users_search(struct req *, const char *q, struct account **,
	    size_t *);
/* One-time tokens: the raw token goes only into the mail. */
int	 db_tokens_insert(struct req *, int64_t user, const char *purpose,
	    const char *hashparam, const char *new_email, int ttl_secs);
/* Use a token: 1 and *user/new_email when valid (marked used), 0 when
 * unknown, expired or used; -1 on failure. */
int	 db_tokens_use(struct req *, const char *hashparam,
	    const char *purpose, int64_t *user, const char **new_email);
int	 db_outbox_insert(struct req *, const char *to, const char *subject,
	    const char *body);
int	 db_favourites_set(struct req *, int64_t, const char *set,
	    const char *code, int on);
int	 db_notes_set(struct req *, int64_t, const char *set,
	    const char *code, const char *body);
int	 db_items(struct req *, int which, int64_t user, struct item **,
	    size_t *);
enum { ITEMS_FAVOURITES, ITEMS_NOTES, ITEMS_SEARCHES, ITEMS_CODES,
    ITEMS_LEDGER };

/* Pages. */
int	 page_register_form(struct req *);
int	 page_register(struct req *);
int	 page_verify(struct req *);
int	 page_login_form(struct req *);
int	 page_login(struct req *);
int	 page_logout(struct req *);
int	 page_forgot_form(struct req *);
int	 page_forgot(struct req *);
int	 page_reset_form(struct req *);
int	 page_reset(struct req *);
int	 page_account(struct req *);
int	 page_account_password(struct req *);
int	 page_account_email(struct req *);
int	 page_account_delete(struct req *);
int	 page_account_sessions(struct req *);
int	 page_favourite(struct req *);
int	 page_note(struct req *);
int	 page_admin_users(struct req *);
int	 page_admin_user(struct req *);
int	 page_admin_user_update(struct req *);

/* Shared helpers (page_auth.c). */
/* Make a one-time token for user, store its hash, queue the mail whose
 * body is built around link path?token=... Returns 0 or -1. */
int	 account_mail_token(struct req *, int64_t user, const char *to,
	    const char *purpose, const char *new_email, const char *subject,
	    const char *intro, const char *path, int ttl);
/* The hash parameter ("\x..") of a base64url token, NULL if malformed. */
const char *account_token_hash(struct req *, const char *tok);
/* A validated same-site return path from F_NEXT, else def. */
const char *account_next(struct req *, const char *def);
/* Render tmpl with the form's values and errors. */
int	 account_form(struct req *, int status, const char *tmpl,
	    struct tdict *);

#endif /* ACCOUNT_H */
