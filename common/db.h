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

struct stmt {
	const char	*name;
	const char	*sql;
	int		 nparams;
	unsigned	 flags;
};

/* Remember the statement table (before fork). */
void		 db_setup(const struct stmt *, size_t);
/* Connect (retrying for cfg.db_wait seconds), set the session and prepare
 * every statement. Returns 0 or -1 (logged). */
int		 db_connect(void);
void		 db_close(void);
/* Run statement id with the table's parameter count from values (NULL
 * entries are SQL NULL). Returns the result (freed with the request) or
 * NULL on failure: logged, and r->dbstatus set to 503 (no database) or
 * 500. Pages then `return db_fail(r);`. */
PGresult	*db_exec(struct req *, int id, const char *const *values);
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
