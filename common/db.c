/*
 * db: one libpq connection per worker; see db.h. Statements are prepared
 * at connect under their names and re-prepared after every reset, because
 * prepared statements die with the session.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "arena.h"
#include "cfg.h"
#include "db.h"
#include "log.h"
#include "req.h"

static PGconn			*conn;
static const struct stmt *const	*tables;

int
db_setup(const struct stmt *const *t)
{
	const struct stmt *const	*t1, *const *t2;
	const struct stmt		*s1, *s2;

	for (t1 = t; *t1 != NULL; t1++)
		for (s1 = *t1; s1->name != NULL; s1++)
			for (t2 = t1; *t2 != NULL; t2++)
				for (s2 = t2 == t1 ? s1 + 1 : *t2;
				    s2->name != NULL; s2++)
					if (strcmp(s1->name, s2->name) == 0) {
						log_err("statement %s twice",
						    s1->name);
						return -1;
					}
	tables = t;
	return 0;
}

/* Prepare every statement on the current connection. */
static int
prepare_all(void)
{
	const struct stmt *const	*t;
	const struct stmt		*s;
	PGresult			*res;
	int				 rc = 0;

	for (t = tables; *t != NULL; t++)
		for (s = *t; s->name != NULL && rc == 0; s++) {
			res = PQprepare(conn, s->name, s->sql, s->nparams,
			    NULL);
			if (PQresultStatus(res) != PGRES_COMMAND_OK) {
				log_err("prepare %s: %s", s->name,
				    PQerrorMessage(conn));
				rc = -1;
			}
			PQclear(res);
		}
	return rc;
}

static PGconn *
connect_once(void)
{
	const char *const keys[] = { "dbname", "user", "application_name",
	    "options", "connect_timeout", NULL };
	const char *vals[] = { cfg.db, cfg.db_user, cfg.name,
	    "-c search_path=app -c statement_timeout=5s "
	    "-c plan_cache_mode=force_generic_plan", "5", NULL };

	return PQconnectdbParams(keys, vals, 1);
}

int
db_connect(void)
{
	time_t	 deadline = time(NULL) + cfg.db_wait;
	int	 delay = 100;

	for (;;) {
		if (conn != NULL)
			PQfinish(conn);
		conn = connect_once();
		if (PQstatus(conn) == CONNECTION_OK)
			break;
		if (time(NULL) >= deadline) {
			log_err("connect: %s", PQerrorMessage(conn));
			return -1;
		}
		usleep((useconds_t)delay * 1000);
		if (delay < 2000)
			delay *= 2;
	}
	return prepare_all();
}

void
db_close(void)
{
	if (conn != NULL)
		PQfinish(conn);
	conn = NULL;
}

/* Get the connection back (force: even if libpq thinks it is fine) and
 * prepare the statements again, since they died with the session. */
static int
reset(int force)
{
	if (!force && PQstatus(conn) == CONNECTION_OK)
		return 0;
	PQreset(conn);
	if (PQstatus(conn) != CONNECTION_OK) {
		log_warn("reconnect: %s", PQerrorMessage(conn));
		return -1;
	}
	log_info("reconnected; preparing statements again");
	return prepare_all();
}

/* Did this failure lose the server (not a bad statement)? Connection
 * exceptions (08) and operator intervention (57P: shutdown, crash
 * recovery, cannot connect now) say so even while libpq still thinks
 * the socket is fine. */
static int
conn_lost(const PGresult *res)
{
	const char	*st;

	if (PQstatus(conn) != CONNECTION_OK)
		return 1;
	st = PQresultErrorField(res, PG_DIAG_SQLSTATE);
	return st != NULL && (strncmp(st, "08", 2) == 0 ||
	    strncmp(st, "57P", 3) == 0);
}

static void
clear(void *p)
{
	PQclear(p);
}

PGresult *
db_exec(struct req *r, const struct stmt *s, const char *const *values)
{
	PGresult	*res;
	ExecStatusType	 st;
	int		 tries, idle, lost;

	for (tries = 0; tries < 2; tries++) {
		/* A connection lost between requests is noticed here. */
		if (PQstatus(conn) != CONNECTION_OK && reset(0) == -1)
			break;
		idle = PQtransactionStatus(conn) == PQTRANS_IDLE;
		res = PQexecPrepared(conn, s->name, s->nparams, values,
		    NULL, NULL, 0);
		st = PQresultStatus(res);
		if (st == PGRES_TUPLES_OK || st == PGRES_COMMAND_OK) {
			arena_defer(r->arena, clear, res);
			return res;
		}
		log_err("%s: %s", s->name, PQerrorMessage(conn));
		lost = conn_lost(res);
		PQclear(res);
		if (!lost) {
			r->dbstatus = 500;
			return NULL;
		}
		/* Only a read outside a transaction is safe to repeat. */
		if (reset(1) == -1 || !(s->flags & DB_READONLY) || !idle)
			break;
	}
	r->dbstatus = 503;
	return NULL;
}

int
db_fail(struct req *r)
{
	return r->dbstatus ? r->dbstatus : 500;
}

static int
simple(struct req *r, const char *sql)
{
	PGresult	*res;
	int		 rc = 0;

	if (PQstatus(conn) != CONNECTION_OK && reset(0) == -1) {
		r->dbstatus = 503;
		return -1;
	}
	res = PQexec(conn, sql);
	if (PQresultStatus(res) != PGRES_COMMAND_OK) {
		log_err("%s: %s", sql, PQerrorMessage(conn));
		r->dbstatus = PQstatus(conn) == CONNECTION_OK ? 500 : 503;
		rc = -1;
	}
	PQclear(res);
	return rc;
}

int
db_begin(struct req *r)
{
	/* Nothing has run yet: after a lost connection (a server restart
	 * between requests) BEGIN is safe to repeat on a new one. */
	if (simple(r, "BEGIN") == 0)
		return 0;
	if (PQstatus(conn) == CONNECTION_OK && PQtransactionStatus(conn) !=
	    PQTRANS_IDLE)
		return -1;
	if (reset(1) == -1)
		return -1;
	r->dbstatus = 0;
	return simple(r, "BEGIN");
}

int
db_commit(struct req *r)
{
	return simple(r, "COMMIT");
}

int
db_rollback(struct req *r)
{
	return simple(r, "ROLLBACK");
}

void
db_req_end(void)
{
	PGresult	*res;

	if (conn == NULL || PQstatus(conn) != CONNECTION_OK ||
	    PQtransactionStatus(conn) == PQTRANS_IDLE)
		return;
	log_err("transaction left open by the page: rolled back");
	res = PQexec(conn, "ROLLBACK");
	PQclear(res);
}

const char *
db_str(const PGresult *res, int row, int col)
{
	if (PQgetisnull(res, row, col))
		return NULL;
	return PQgetvalue(res, row, col);
}

int
db_bool(const PGresult *res, int row, int col)
{
	const char	*v = db_str(res, row, col);

	return v != NULL && v[0] == 't';
}

long long
db_int(const PGresult *res, int row, int col)
{
	const char	*v = db_str(res, row, col);
	long long	 n = 0;
	int		 neg = 0;

	/* PostgreSQL's own integer text: trusted digits, no strtol dance. */
	if (v == NULL)
		return 0;
	if (*v == '-') {
		neg = 1;
		v++;
	}
	while (*v >= '0' && *v <= '9')
		n = n * 10 + (*v++ - '0');
	return neg ? -n : n;
}
