/*
 * cfg: the process configuration, read once from the environment by
 * cfg_load() before anything else and validated there (STYLE §9). Each
 * variable is documented in README.md and in the handler's man page.
 */
#ifndef CFG_H
#define CFG_H

#include <stddef.h>

struct cfg {
	const char	*name;		/* handler name: "lookup" */
	const char	*db;		/* MEDCODE_DB: libpq conninfo, no user */
	const char	*db_user;	/* MEDCODE_DB_USER, default medcode_<name> */
	int		 db_wait;	/* MEDCODE_DB_WAIT: seconds to retry at start */
	int		 workers;	/* MEDCODE_WORKERS, 1..256, default 4 */
	const char	*templates;	/* MEDCODE_TEMPLATES, default www/templates */
	const char	*user;		/* MEDCODE_USER: drop to it when root */
	int		 log_level;	/* MEDCODE_LOG_LEVEL */
	size_t		 max_body;	/* MEDCODE_MAX_BODY bytes, default 1 MiB */
	const char	*site_url;	/* MEDCODE_SITE_URL: canonical links */
	/* Sessions (common/session.c). */
	int		 cookie_secure;	/* MEDCODE_COOKIE_SECURE: COOKIE_SECURE_* */
	int		 session_idle;	/* MEDCODE_SESSION_IDLE seconds, def. 2 h */
	int		 session_lifetime; /* MEDCODE_SESSION_LIFETIME, def. 7 d */
};

enum cookie_secure {
	COOKIE_SECURE_AUTO,	/* Secure when the request came over TLS */
	COOKIE_SECURE_ALWAYS,
	COOKIE_SECURE_NEVER,	/* plain local http only */
};

extern struct cfg cfg;

/* Fill cfg from the environment; on a bad value print why and return -1. */
int	cfg_load(const char *name);

#endif /* CFG_H */
