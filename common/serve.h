/*
 * serve: the one request loop (lwan lwan_main, kcgi sample-fcgi). A
 * handler's main() fills a struct spec and calls serve(); serve() loads
 * the configuration, templates and patterns, opens the FastCGI socket,
 * drops privileges, preforks workers under a supervisor that respawns
 * them, and runs each request through parse → route → page → response.
 */
#ifndef SERVE_H
#define SERVE_H

#include <stddef.h>

struct req;
struct route;
struct field;
struct stmt;
struct tdict;

struct spec {
	const char		*name;		/* "lookup": role, logs */
	const struct route	*routes;	/* NULL-pattern terminated */
	const struct field	*fields;
	size_t			 nfields;
	const struct stmt *const *stmts;	/* NULL-terminated tables */
	int			(*init)(void);	/* before fork; -1 exits */
	/* Site-wide template values (releases, account menu): called by
	 * resp_tmpl() for every page, error pages included. */
	void			(*decorate)(struct req *, struct tdict *);
	/* In each worker after it connects, before it accepts: fill
	 * per-worker caches (the search index). May be NULL. */
	void			(*warm)(struct req *);
};

/* Run the handler: returns the process exit status. Usage:
 *	medcode-<name> [-s socket] [-w workers]
 * Without -s the FastCGI socket is fd 0 (systemd socket activation). */
int	serve(const struct spec *, int argc, char *argv[]);

#endif /* SERVE_H */
