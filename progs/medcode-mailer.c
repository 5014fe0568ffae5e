/*
 * medcode-mailer: delivers app.mail_outbox. Over SMTP to
 * MEDCODE_SMTP_HOST:MEDCODE_SMTP_PORT (plain SMTP to a local relay: EHLO,
 * MAIL FROM, RCPT TO, DATA, QUIT) or, when no host is set, as .eml files
 * in MEDCODE_MAIL_DIR (default var/mail). Woken by NOTIFY mail_outbox and
 * every MEDCODE_MAIL_POLL seconds; a failed message is retried with
 * exponential backoff (30 s doubling, at most 1 h) and given up after 10
 * attempts. Message bodies (they hold one-time links) are never logged.
 *
 *	medcode-mailer [-1]	(-1: deliver what is due, then exit)
 */
#include <sys/select.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/types.h>

#include <err.h>
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <libpq-fe.h>

#include "buf.h"

#define MAX_ATTEMPTS	10

static volatile sig_atomic_t	 quit;
static const char		*smtp_host, *smtp_port, *mail_dir, *mail_from;
static char			 errmsg[256];

static void
on_term(int sig)
{
	(void)sig;
	quit = 1;
}

static void
logmsg(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static void
logmsg(const char *fmt, ...)
{
	va_list	 ap;
	char	 ts[32];
	time_t	 now = time(NULL);

	strftime(ts, sizeof(ts), "%Y-%m-%dT%H:%M:%S", gmtime(&now));
	fprintf(stderr, "%s mailer: ", ts);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

static const char *
env_or(const char *k, const char *def)
{
	const char	*v = getenv(k);

	return v != NULL && *v != '\0' ? v : def;
}

/* One SMTP reply (all its lines); the code, or -1. */
static int
smtp_reply(int fd)
{
	char	 line[1024];
	size_t	 n = 0;
	char	 c;
	ssize_t	 k;
	int	 code;

	for (;;) {
		n = 0;
		for (;;) {
			if ((k = read(fd, &c, 1)) != 1) {
				snprintf(errmsg, sizeof(errmsg),
				    "read: %s", k == 0 ? "closed" :
				    strerror(errno));
				return -1;
			}
			if (c == '\n')
				break;
			if (n < sizeof(line) - 1 && c != '\r')
				line[n++] = c;
		}
		line[n] = '\0';
		if (n < 3 || line[0] < '1' || line[0] > '5') {
			snprintf(errmsg, sizeof(errmsg), "bad reply");
			return -1;
		}
		code = (line[0] - '0') * 100 + (line[1] - '0') * 10 +
		    (line[2] - '0');
		if (n == 3 || line[3] != '-') {
			if (code >= 400)
				snprintf(errmsg, sizeof(errmsg), "%.200s",
				    line);
			return code;
		}
	}
}

static int
send_all(int fd, const char *p, size_t len)
{
	ssize_t	 k;

	while (len > 0) {
		if ((k = write(fd, p, len)) <= 0) {
			snprintf(errmsg, sizeof(errmsg), "write: %s",
			    strerror(errno));
			return -1;
		}
		p += k;
		len -= (size_t)k;
	}
	return 0;
}

/* Send a command and expect a reply class (2 or 3). */
static int
cmd(int fd, const char *line, int want)
{
	if (line != NULL && send_all(fd, line, strlen(line)) == -1)
		return -1;
	return smtp_reply(fd) / 100 == want ? 0 : -1;
}

/* The message: headers and the body with CRLF line ends, dot-stuffed
 * when for SMTP. */
static void
message(struct buf *m, long long id, const char *to, const char *subject,
    const char *body, int dots)
{
	char		 date[64];
	time_t		 now = time(NULL);
	const char	*p;

	strftime(date, sizeof(date), "%a, %d %b %Y %H:%M:%S +0000",
	    gmtime(&now));
	buf_addf(m, "From: medcode <%s>\r\nTo: <%s>\r\nSubject: %s\r\n"
	    "Date: %s\r\nMessage-ID: <outbox-%lld.%ld@medcode>\r\n"
	    "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n"
	    "Content-Transfer-Encoding: 8bit\r\n\r\n", mail_from, to, subject,
	    date, id, (long)now);
	for (p = body; *p != '\0'; p++) {
		if (dots && *p == '.' && (p == body || p[-1] == '\n'))
			buf_addc(m, '.');
		if (*p == '\n' && (p == body || p[-1] != '\r'))
			buf_addc(m, '\r');
		buf_addc(m, *p);
	}
	if (m->len < 2 || m->data[m->len - 1] != '\n')
		buf_adds(m, "\r\n");
}

static int
deliver_smtp(long long id, const char *to, const char *subject,
    const char *body)
{
	struct addrinfo	 hints, *res, *ai;
	struct timeval	 tv = { 15, 0 };
	struct buf	 m, line;
	int		 fd = -1, rc = -1, e;

	memset(&hints, 0, sizeof(hints));
	hints.ai_socktype = SOCK_STREAM;
	if ((e = getaddrinfo(smtp_host, smtp_port, &hints, &res)) != 0) {
		snprintf(errmsg, sizeof(errmsg), "%s: %s", smtp_host,
		    gai_strerror(e));
		return -1;
	}
	for (ai = res; ai != NULL; ai = ai->ai_next) {
		if ((fd = socket(ai->ai_family, ai->ai_socktype,
		    ai->ai_protocol)) == -1)
			continue;
		setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
		setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv));
		if (connect(fd, ai->ai_addr, ai->ai_addrlen) == 0)
			break;
		snprintf(errmsg, sizeof(errmsg), "connect: %s",
		    strerror(errno));
		close(fd);
		fd = -1;
	}
	freeaddrinfo(res);
	if (fd == -1)
		return -1;
	buf_init(&m, 4096);
	buf_init(&line, 256);
	message(&m, id, to, subject, body, 1);
	buf_adds(&m, ".\r\n");
	if (cmd(fd, NULL, 2) == -1 || cmd(fd, "EHLO medcode\r\n", 2) == -1)
		goto out;
	buf_addf(&line, "MAIL FROM:<%s>\r\n", mail_from);
	if (cmd(fd, line.data, 2) == -1)
		goto out;
	buf_reset(&line);
	buf_addf(&line, "RCPT TO:<%s>\r\n", to);
	if (cmd(fd, line.data, 2) == -1 || cmd(fd, "DATA\r\n", 3) == -1)
		goto out;
	if (send_all(fd, m.data, m.len) == -1 || cmd(fd, NULL, 2) == -1)
		goto out;
	(void)cmd(fd, "QUIT\r\n", 2);
	rc = 0;
out:
	close(fd);
	buf_release(&m);
	buf_release(&line);
	return rc;
}

static int
deliver_file(long long id, const char *to, const char *subject,
    const char *body)
{
	struct buf	 m, path, tmp;
	int		 fd, rc = -1;

	buf_init(&m, 4096);
	buf_init(&path, 256);
	buf_init(&tmp, 256);
	message(&m, id, to, subject, body, 0);
	buf_addf(&path, "%s/%lld.eml", mail_dir, id);
	buf_addf(&tmp, "%s/.%lld.eml.tmp", mail_dir, id);
	if ((fd = open(tmp.data, O_WRONLY | O_CREAT | O_TRUNC, 0600)) == -1 ||
	    send_all(fd, m.data, m.len) == -1 || fsync(fd) == -1) {
		snprintf(errmsg, sizeof(errmsg), "%s: %s", tmp.data,
		    strerror(errno));
	} else if (rename(tmp.data, path.data) == -1)
		snprintf(errmsg, sizeof(errmsg), "rename: %s",
		    strerror(errno));
	else
		rc = 0;
	if (fd != -1)
		close(fd);
	buf_release(&m);
	buf_release(&path);
	buf_release(&tmp);
	return rc;
}

/* Header-safe: no CR, LF or angle brackets in an address or subject. */
static int
safe(const char *s)
{
	return strpbrk(s, "\r\n<>") == NULL;
}

static int
run_due(PGconn *c)
{
	PGresult	*res, *u;
	const char	*vals[3];
	char		 idbuf[32];
	int		 i, n, ok, attempts;

	res = PQexec(c, "SELECT id, to_addr, subject, body, attempts "
	    "FROM app.mail_outbox WHERE sent_at IS NULL AND failed_at IS NULL "
	    "AND next_attempt_at <= now() ORDER BY id LIMIT 50");
	if (PQresultStatus(res) != PGRES_TUPLES_OK) {
		logmsg("select: %s", PQerrorMessage(c));
		PQclear(res);
		return -1;
	}
	n = PQntuples(res);
	for (i = 0; i < n && !quit; i++) {
		const char *to = PQgetvalue(res, i, 1);
		const char *subject = PQgetvalue(res, i, 2);
		long long id = strtoll(PQgetvalue(res, i, 0), NULL, 10);

		attempts = (int)strtol(PQgetvalue(res, i, 4), NULL, 10) + 1;
		errmsg[0] = '\0';
		if (!safe(to) || !safe(subject)) {
			snprintf(errmsg, sizeof(errmsg), "unsafe header");
			ok = 0;
			attempts = MAX_ATTEMPTS;
		} else if (smtp_host != NULL)
			ok = deliver_smtp(id, to, subject,
			    PQgetvalue(res, i, 3)) == 0;
		else
			ok = deliver_file(id, to, subject,
			    PQgetvalue(res, i, 3)) == 0;
		snprintf(idbuf, sizeof(idbuf), "%lld", id);
		vals[0] = idbuf;
		vals[1] = ok ? NULL : errmsg;
		vals[2] = attempts >= MAX_ATTEMPTS ? "t" : "f";
		u = PQexecParams(c, ok ?
		    "UPDATE app.mail_outbox SET sent_at = now(), "
		    "attempts = attempts + 1, last_error = $2 WHERE id = $1" :
		    "UPDATE app.mail_outbox SET attempts = attempts + 1, "
		    "last_error = $2, next_attempt_at = now() + "
		    "least(interval '30 seconds' * power(2, attempts), "
		    "interval '1 hour'), failed_at = CASE WHEN $3::boolean "
		    "THEN now() END WHERE id = $1", ok ? 2 : 3, NULL, vals,
		    NULL, NULL, 0);
		if (PQresultStatus(u) != PGRES_COMMAND_OK)
			logmsg("update %lld: %s", id, PQerrorMessage(c));
		PQclear(u);
		if (ok)
			logmsg("message %lld delivered (%s)", id,
			    smtp_host != NULL ? "smtp" : "file");
		else
			logmsg("message %lld attempt %d failed: %s", id,
			    attempts, errmsg);
	}
	PQclear(res);
	return 0;
}

static PGconn *
connect_db(void)
{
	const char *const keys[] = { "dbname", "user", "application_name",
	    "options", NULL };
	const char *vals[] = { env_or("MEDCODE_DB", "dbname=medcode"),
	    env_or("MEDCODE_DB_USER", "medcode_account"), "mailer",
	    "-c search_path=app -c statement_timeout=10s", NULL };
	PGconn		*c;
	PGresult	*res;

	c = PQconnectdbParams(keys, vals, 1);
	if (PQstatus(c) != CONNECTION_OK) {
		logmsg("connect: %s", PQerrorMessage(c));
		PQfinish(c);
		return NULL;
	}
	res = PQexec(c, "LISTEN mail_outbox");
	PQclear(res);
	return c;
}

int
main(int argc, char *argv[])
{
	PGconn		*c = NULL;
	PGnotify	*nt;
	fd_set		 rfds;
	struct timeval	 tv;
	int		 once = 0, poll_s, fd;

	if (argc == 2 && strcmp(argv[1], "-1") == 0)
		once = 1;
	else if (argc != 1) {
		fprintf(stderr, "usage: medcode-mailer [-1]\n");
		return 2;
	}
	smtp_host = getenv("MEDCODE_SMTP_HOST");
	if (smtp_host != NULL && *smtp_host == '\0')
		smtp_host = NULL;
	smtp_port = env_or("MEDCODE_SMTP_PORT", "25");
	mail_dir = env_or("MEDCODE_MAIL_DIR", "var/mail");
	mail_from = env_or("MEDCODE_MAIL_FROM", "medcode@localhost");
	poll_s = (int)strtol(env_or("MEDCODE_MAIL_POLL", "5"), NULL, 10);
	if (poll_s < 1 || poll_s > 3600)
		poll_s = 5;
	if (!safe(mail_from))
		errx(1, "MEDCODE_MAIL_FROM: not an address");
	if (smtp_host == NULL && mkdir(mail_dir, 0700) == -1 &&
	    errno != EEXIST)
		err(1, "%s", mail_dir);
	signal(SIGTERM, on_term);
	signal(SIGINT, on_term);
	signal(SIGPIPE, SIG_IGN);
	logmsg("delivering to %s%s%s", smtp_host != NULL ? smtp_host :
	    mail_dir, smtp_host != NULL ? ":" : "",
	    smtp_host != NULL ? smtp_port : "");
	while (!quit) {
		if (c == NULL || PQstatus(c) != CONNECTION_OK) {
			if (c != NULL)
				PQfinish(c);
			if ((c = connect_db()) == NULL) {
				if (once)
					return 1;
				sleep((unsigned)poll_s);
				continue;
			}
		}
		if (run_due(c) == -1 && PQstatus(c) != CONNECTION_OK) {
			PQfinish(c);
			c = NULL;
			if (once)
				return 1;
			sleep(1);
			continue;
		}
		if (once)
			break;
		if (PQstatus(c) != CONNECTION_OK || (fd = PQsocket(c)) < 0 ||
		    fd >= FD_SETSIZE) {
			/* Lost the server: reconnect after a pause. */
			PQfinish(c);
			c = NULL;
			sleep(1);
			continue;
		}
		FD_ZERO(&rfds);
		FD_SET(fd, &rfds);
		tv.tv_sec = poll_s;
		tv.tv_usec = 0;
		if (select(fd + 1, &rfds, NULL, NULL, &tv) > 0) {
			PQconsumeInput(c);
			while ((nt = PQnotifies(c)) != NULL)
				PQfreemem(nt);
		}
	}
	if (c != NULL)
		PQfinish(c);
	return 0;
}
