/*
 * db: the PostgreSQL layer. One connection per worker process; every
 * statement of the handler's table is prepared at connect and run only
 * through db_exec() with text parameters (STYLE §8). A lost connection
 * is reset and re-prepared; a read-only statement outside a transaction
 * is retried once, anything else answers 503 while the server is down.
 */
#ifndef DB_H
#define DB_H

#include <libpq-fe.h>

struct req;

enum db_flags {
	DB_READONLY = 1 << 0,	/* safe to retry after a reconnect */
};

/* One statement; name is also its prepared-statement name, unique within
 * the handler. A table ends with a row whose name is NULL. */
struct stmt {
	const char	*name;
	const char	*sql;
	int		 nparams;
	unsigned	 flags;
};

/* Remember the handler's statement tables (a NULL-terminated list of
 * tables, one per page family: STYLE §8 asks for one table per handler;
 * we keep one per page file so that families of pages are reviewed and
 * changed with their SQL). Before fork. Returns -1 (printed) on a
 * duplicate name. */
int		 db_setup(const struct stmt *const *tables);
/* Connect (retrying for cfg.db_wait seconds), set the session and prepare
 * every statement. Returns 0 or -1 (logged). */
int		 db_connect(void);
void		 db_close(void);
/* Run statement s (a row of a table given to db_setup) with its
 * parameter count from values (NULL entries are SQL NULL). Returns the result (freed with the request) or
 * NULL on failure: logged, and r->dbstatus set to 503 (no database) or
 * 500. Pages then `return db_fail(r);`. */
PGresult	*db_exec(struct req *, const struct stmt *,
		    const char *const *values);
int		 db_fail(struct req *);
int		 db_begin(struct req *);
int		 db_commit(struct req *);
int		 db_rollback(struct req *);
/* After each request: roll back and log a transaction left open. */
void		 db_req_end(void);

/* Typed column readers for wrappers in handlers' db.c. */
const char	*db_str(const PGresult *, int row, int col);	/* NULL if null */
int		 db_bool(const PGresult *, int row, int col);
long long	 db_int(const PGresult *, int row, int col);	/* 0 if null */

#endif /* DB_H */
