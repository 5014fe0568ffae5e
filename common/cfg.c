/*
 * cfg: environment configuration; see cfg.h. Values are validated once
 * here so the rest of the program can trust them.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cfg.h"
#include "log.h"
#include "num.h"
#include "util.h"

struct cfg cfg;

static const char *
env_or(const char *name, const char *def)
{
	const char	*v;

	v = getenv(name);
	return v != NULL && *v != '\0' ? v : def;
}

static int
env_int(const char *name, int64_t def, int64_t min, int64_t max,
    int64_t *out)
{
	const char	*v, *errstr;

	if ((v = getenv(name)) == NULL || *v == '\0') {
		*out = def;
		return 0;
	}
	if (num_parse_i64(v, strlen(v), min, max, out, &errstr) == -1) {
		fprintf(stderr, "%s: %s (%s)\n", name, errstr, v);
		return -1;
	}
	return 0;
}

int
cfg_load(const char *name)
{
	static const char *const levels[] = { "debug", "info", "warn",
	    "error" };
	const char	*lvl;
	int64_t		 n;
	size_t		 i;
	char		 user[64];

	cfg.name = name;
	cfg.db = env_or("MEDCODE_DB", "dbname=medcode");
	if (snprintf(user, sizeof(user), "medcode_%s", name) >=
	    (int)sizeof(user))
		return -1;
	cfg.db_user = xstrdup(env_or("MEDCODE_DB_USER", user));
	cfg.templates = env_or("MEDCODE_TEMPLATES", "www/templates");
	cfg.user = env_or("MEDCODE_USER", "nobody");
	cfg.site_url = env_or("MEDCODE_SITE_URL", "");
	if (env_int("MEDCODE_WORKERS", 4, 1, 256, &n) == -1)
		return -1;
	cfg.workers = (int)n;
	if (env_int("MEDCODE_DB_WAIT", 30, 0, 3600, &n) == -1)
		return -1;
	cfg.db_wait = (int)n;
	if (env_int("MEDCODE_MAX_BODY", 1024 * 1024, 1024, 64 * 1024 * 1024,
	    &n) == -1)
		return -1;
	cfg.max_body = (size_t)n;
	if (env_int("MEDCODE_SESSION_IDLE", 2 * 3600, 60, 30 * 86400,
	    &n) == -1)
		return -1;
	cfg.session_idle = (int)n;
	if (env_int("MEDCODE_SESSION_LIFETIME", 7 * 86400, 300, 365 * 86400,
	    &n) == -1)
		return -1;
	cfg.session_lifetime = (int)n;
	lvl = env_or("MEDCODE_COOKIE_SECURE", "auto");
	if (strcmp(lvl, "auto") == 0)
		cfg.cookie_secure = COOKIE_SECURE_AUTO;
	else if (strcmp(lvl, "always") == 0)
		cfg.cookie_secure = COOKIE_SECURE_ALWAYS;
	else if (strcmp(lvl, "never") == 0)
		cfg.cookie_secure = COOKIE_SECURE_NEVER;
	else {
		fprintf(stderr, "MEDCODE_COOKIE_SECURE: auto, always or never "
		    "(%s)\n", lvl);
		return -1;
	}
	lvl = env_or("MEDCODE_LOG_LEVEL", "info");
	cfg.log_level = -1;
	for (i = 0; i < NITEMS(levels); i++)
		if (strcmp(lvl, levels[i]) == 0)
			cfg.log_level = (int)i;
	if (cfg.log_level == -1) {
		fprintf(stderr, "MEDCODE_LOG_LEVEL: debug, info, warn or "
		    "error (%s)\n", lvl);
		return -1;
	}
	return 0;
}
