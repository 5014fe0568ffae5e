/*
 * serve: start-up, the supervisor and the request loop; see serve.h.
 * The supervisor only forks, reaps and respawns; workers own one database
 * connection each and handle one request at a time.
 */
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>

#include <err.h>
#include <errno.h>
#include <grp.h>
#include <pwd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <fcgiapp.h>
#include <sodium.h>

#include "arena.h"
#include "buf.h"
#include "cfg.h"
#include "codeset.h"
#include "csrf.h"
#include "db.h"
#include "log.h"
#include "meter.h"
#include "ratelimit.h"
#include "req.h"
#include "resp.h"
#include "route.h"
#include "serve.h"
#include "session.h"
#include "tmpl.h"
#include "url.h"

static volatile sig_atomic_t	 quit;
static volatile sig_atomic_t	 child_exited;

static void
on_term(int sig)
{
	(void)sig;
	quit = 1;
	FCGX_ShutdownPending();
}

static void
on_chld(int sig)
{
	(void)sig;
	child_exited = 1;
}

static void
catch(int sig, void (*fn)(int))
{
	struct sigaction	 sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = fn;
	sigemptyset(&sa.sa_mask);
	/* No SA_RESTART: accept() must return so the loop sees quit. */
	if (sigaction(sig, &sa, NULL) == -1)
		err(1, "sigaction");
}

/* Drop root as slowcgi does; a no-op for ordinary users. */
static void
drop_privileges(void)
{
	struct passwd	*pw;

	if (geteuid() != 0)
		return;
	if ((pw = getpwnam(cfg.user)) == NULL)
		errx(1, "MEDCODE_USER: no user %s", cfg.user);
	if (setgroups(1, &pw->pw_gid) == -1 ||
	    setresgid(pw->pw_gid, pw->pw_gid, pw->pw_gid) == -1 ||
	    setresuid(pw->pw_uid, pw->pw_uid, pw->pw_uid) == -1)
		err(1, "dropping privileges to %s", cfg.user);
	log_info("running as %s", cfg.user);
}

static int
field_cb(void *arg, const char *k, size_t klen, const char *v, size_t vlen)
{
	return req_field_set(arg, k, klen, v, vlen);
}

static int
cookie_cb(void *arg, const char *k, size_t klen, const char *v, size_t vlen)
{
	struct req	*r = arg;
	struct cookie	*c;

	(void)klen;
	if (r->ncookies == 32)
		return 0;
	if (r->cookies == NULL)
		r->cookies = arena_calloc(r->arena, 32, sizeof(*c));
	c = &r->cookies[r->ncookies++];
	c->name = k;
	c->value = v;
	c->valuelen = vlen;
	return 0;
}

/* Read an urlencoded body into the fields. Returns 0 or a status. */
static int
read_body(struct req *r, FCGX_Request *fr)
{
	const char	*ct, *cl;
	char		*data;
	size_t		 len = 0, i;
	int		 n;

	cl = FCGX_GetParam("CONTENT_LENGTH", fr->envp);
	ct = FCGX_GetParam("CONTENT_TYPE", fr->envp);
	if (cl == NULL || *cl == '\0')
		return 0;
	for (i = 0; cl[i] != '\0'; i++) {
		if (cl[i] < '0' || cl[i] > '9' || i > 12)
			return 400;
		len = len * 10 + (size_t)(cl[i] - '0');
	}
	if (len == 0)
		return 0;
	if (len > cfg.max_body)
		return 413;
	if (ct == NULL || strncmp(ct, "application/x-www-form-urlencoded",
	    33) != 0)
		return 415;
	data = arena_alloc(r->arena, len + 1);
	n = FCGX_GetStr(data, (int)len, fr->in);
	if (n < 0 || (size_t)n != len)
		return 400;
	data[len] = '\0';
	if (req_parse_urlenc(r->arena, data, len, field_cb, r) == -1)
		return resp_fail(r, 400, "The form data is not valid "
		    "percent-encoding.");
	return 0;
}

/* Parse the request; returns 0 or an error status for resp_finish. */
static int
begin(struct req *r, FCGX_Request *fr)
{
	const char	*uri, *qs, *ck, *https;
	size_t		 n;
	int		 st;

	r->method = req_method(FCGX_GetParam("REQUEST_METHOD", fr->envp));
	r->remote_addr = FCGX_GetParam("REMOTE_ADDR", fr->envp);
	https = FCGX_GetParam("HTTPS", fr->envp);
	r->https = https != NULL && *https != '\0';
	if ((uri = FCGX_GetParam("REQUEST_URI", fr->envp)) == NULL)
		return 400;
	if ((st = req_parse_path(r->arena, uri, strlen(uri), &r->path,
	    &r->pathlen)) != 0)
		return resp_fail(r, st, st == 414 ? "The address is too long." :
		    "The address is not valid.");
	if (r->method == METHOD__MAX)
		return 405;
	n = r->spec->nfields;
	r->field = arena_calloc(r->arena, n ? n : 1, sizeof(*r->field));
	r->bad = arena_calloc(r->arena, n ? n : 1, sizeof(*r->bad));
	r->field_err = arena_calloc(r->arena, n ? n : 1,
	    sizeof(*r->field_err));
	if ((ck = FCGX_GetParam("HTTP_COOKIE", fr->envp)) != NULL) {
		if (strlen(ck) > REQ_MAX_COOKIE)
			return resp_fail(r, 400, "Too many cookies.");
		(void)req_parse_cookies(r->arena, ck, strlen(ck), cookie_cb,
		    r);
	}
	qs = FCGX_GetParam("QUERY_STRING", fr->envp);
	if (qs != NULL && *qs != '\0') {
		if (strlen(qs) > REQ_MAX_QUERY)
			return resp_fail(r, 414, "The query is too long.");
		if (req_parse_urlenc(r->arena, qs, strlen(qs), field_cb,
		    r) == -1)
			return resp_fail(r, 400, "The query is not valid "
			    "percent-encoding.");
	}
	if (r->method == METHOD_POST)
		return read_body(r, fr);
	return 0;
}

static void
allow_header(struct req *r, unsigned allow)
{
	struct buf	 b;
	int		 m;

	buf_init(&b, 32);
	for (m = 0; m < METHOD__MAX; m++)
		if (allow & (1u << m))
			buf_addf(&b, "%s%s", b.len ? ", " : "",
			    req_method_name((enum method)m));
	resp_header(r, "Allow", arena_strdup(r->arena, b.data));
	buf_release(&b);
}

/*
 * The route's gate, before the page: the session (every request), the
 * login and admin requirements, and the CSRF token of every POST. Returns
 * 0 to run the page, else the status to answer with.
 */
static int
gate(struct req *r)
{
	unsigned	 flags = r->route->flags;
	const char	*next;
	struct buf	 b;

	if (session_load(r) == -1) {
		/* Public pages still work (as a guest) without the session
		 * table; pages that need the user answer 503. */
		if (flags & (ROUTE_AUTH | ROUTE_ADMIN))
			return db_fail(r);
		r->dbstatus = 0;
		r->user = NULL;
		r->session_csrf = NULL;
		r->session_hash = NULL;
	}
	if ((flags & (ROUTE_AUTH | ROUTE_ADMIN)) && r->user == NULL) {
		if ((flags & ROUTE_JSON) || r->method != METHOD_GET)
			return resp_fail(r, (flags & ROUTE_JSON) ? 401 : 403,
			    "Please log in first.");
		buf_init(&b, 64);
		buf_adds(&b, "/login?next=");
		url_encode(&b, r->path, r->pathlen);
		next = arena_strdup(r->arena, b.data);
		buf_release(&b);
		return resp_redirect(r, 303, next);
	}
	if ((flags & ROUTE_ADMIN) && r->user->role != ROLE_ADMIN)
		return resp_fail(r, 403, "This page is for administrators.");
	if (csrf_required(r) && !csrf_check(r))
		return resp_fail(r, 403, "The form has expired or did not "
		    "come from this site. Please reload the page and try "
		    "again.");
	return 0;
}

static void
handle(const struct spec *spec, struct req *r, FCGX_Request *fr)
{
	const struct route	*rt = NULL;
	struct buf		 head;
	unsigned		 allow;
	int			 status;
	struct timespec		 t0, t1;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	if ((status = begin(r, fr)) == 0) {
		switch (route_match(r->arena, spec->routes, r->method, r->path,
		    r->pathlen, &rt, r->param, &r->nparam, &allow)) {
		case ROUTE_FOUND:
			r->route = rt;
			if ((status = gate(r)) == 0)
				status = rt->page(r);
			break;
		case ROUTE_BAD_METHOD:
			allow_header(r, allow);
			status = 405;
			break;
		default:
			status = 404;
			break;
		}
	}
	buf_init(&head, 512);
	resp_finish(r, status, &head);
	FCGX_PutStr(head.data, (int)head.len, fr->out);
	if (r->method != METHOD_HEAD && r->body.len > 0)
		FCGX_PutStr(r->body.data, (int)r->body.len, fr->out);
	buf_release(&head);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	if (status >= 500)
		log_err("%s %s -> %d", req_method_name(r->method),
		    r->path ? r->path : "?", status);
	else
		log_debug("%s %s -> %d %ldus", req_method_name(r->method),
		    r->path ? r->path : "?", status,
		    (long)((t1.tv_sec - t0.tv_sec) * 1000000 +
		    (t1.tv_nsec - t0.tv_nsec) / 1000));
}

static void
worker(const struct spec *spec, int fd)
{
	FCGX_Request	 fr;
	struct req	 r;
	struct arena	*a;
	sigset_t	 none;

	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	catch(SIGTERM, on_term);
	catch(SIGINT, on_term);
	signal(SIGCHLD, SIG_DFL);
	signal(SIGPIPE, SIG_IGN);
	if (db_connect() == -1)
		exit(1);
	a = arena_new();
	memset(&r, 0, sizeof(r));
	if (spec->warm != NULL) {
		r.arena = a;
		r.spec = spec;
		buf_init(&r.body, 0);
		spec->warm(&r);
		db_req_end();
		buf_release(&r.body);
		arena_reset(a);
		memset(&r, 0, sizeof(r));
	}
	if (FCGX_InitRequest(&fr, fd, FCGI_FAIL_ACCEPT_ON_INTR) != 0)
		errx(1, "FCGX_InitRequest");
	buf_init(&r.body, 16 * 1024);
	while (!quit && FCGX_Accept_r(&fr) == 0) {
		struct buf	 body = r.body;

		memset(&r, 0, sizeof(r));
		r.body = body;
		buf_reset(&r.body);
		r.arena = a;
		r.spec = spec;
		r.fcgx = &fr;
		handle(spec, &r, &fr);
		db_req_end();
		FCGX_Finish_r(&fr);
		arena_reset(a);
		/* Don't keep a huge page's buffer for the next request. */
		if (r.body.cap > 1024 * 1024) {
			buf_release(&r.body);
			buf_init(&r.body, 16 * 1024);
		}
	}
	FCGX_Free(&fr, 1);
	buf_release(&r.body);
	arena_free(a);
	db_close();
	tmpl_free_all();
	exit(0);
}

static pid_t
spawn(const struct spec *spec, int fd)
{
	pid_t	 pid;

	if ((pid = fork()) == -1) {
		log_err("fork: %s", strerror(errno));
		return -1;
	}
	if (pid == 0)
		worker(spec, fd);
	return pid;
}

static int
supervise(const struct spec *spec, int fd)
{
	pid_t		*kids;
	pid_t		 pid;
	int		 i, status, alive;
	time_t		 last_death = 0;
	int		 rapid = 0;
	sigset_t	 block, none;

	kids = calloc((size_t)cfg.workers, sizeof(*kids));
	if (kids == NULL)
		err(1, "calloc");
	catch(SIGTERM, on_term);
	catch(SIGINT, on_term);
	catch(SIGCHLD, on_chld);
	/* Signals arrive only inside sigsuspend(): no lost wake-ups. */
	sigemptyset(&block);
	sigaddset(&block, SIGCHLD);
	sigaddset(&block, SIGTERM);
	sigaddset(&block, SIGINT);
	sigprocmask(SIG_BLOCK, &block, NULL);
	sigemptyset(&none);
	for (i = 0; i < cfg.workers; i++)
		kids[i] = spawn(spec, fd);
	log_info("%s: %d workers", spec->name, cfg.workers);
	while (!quit) {
		if (!child_exited)
			sigsuspend(&none);
		child_exited = 0;
		while ((pid = waitpid(-1, &status, WNOHANG)) > 0) {
			for (i = 0; i < cfg.workers; i++)
				if (kids[i] == pid)
					break;
			if (i == cfg.workers || quit)
				continue;
			log_warn("worker %d exited (%s %d); starting another",
			    (int)pid, WIFSIGNALED(status) ? "signal" : "status",
			    WIFSIGNALED(status) ? WTERMSIG(status) :
			    WEXITSTATUS(status));
			/* A crash loop (no database) backs off, gently. */
			if (time(NULL) - last_death < 2 && rapid < 5)
				rapid++;
			else if (time(NULL) - last_death >= 2)
				rapid = 0;
			last_death = time(NULL);
			if (rapid > 0)
				sleep((unsigned)rapid);
			kids[i] = spawn(spec, fd);
		}
	}
	log_info("stopping workers");
	for (i = 0; i < cfg.workers; i++)
		if (kids[i] > 0)
			kill(kids[i], SIGTERM);
	for (alive = 1; alive;) {
		alive = 0;
		for (i = 0; i < cfg.workers; i++) {
			if (kids[i] <= 0)
				continue;
			if (waitpid(kids[i], &status, 0) == kids[i] ||
			    errno == ECHILD)
				kids[i] = 0;
			else
				alive = 1;
		}
	}
	free(kids);
	return 0;
}

/*
 * Statement tables of common/ that every handler prepares after its own:
 * sessions are loaded on every request, rate limits are shared.
 */
static const struct stmt *const common_stmts[] = {
	session_stmts,
	ratelimit_stmts,
	/* meter */
	meter_stmts,
	NULL,
};

/* The handler's tables followed by common_stmts (process memory). */
static const struct stmt *const *
all_stmts(const struct stmt *const *own)
{
	const struct stmt	**t;
	size_t			 n = 0, m = 0, i;

	while (own != NULL && own[n] != NULL)
		n++;
	while (common_stmts[m] != NULL)
		m++;
	t = calloc(n + m + 1, sizeof(*t));
	if (t == NULL)
		err(1, "calloc");
	for (i = 0; i < n; i++)
		t[i] = own[i];
	for (i = 0; i < m; i++)
		t[n + i] = common_stmts[i];
	return t;
}

int
serve(const struct spec *spec, int argc, char *argv[])
{
	const char	*sock = NULL;
	int		 ch, fd = 0;

	if (cfg_load(spec->name) == -1)
		return 1;
	while ((ch = getopt(argc, argv, "s:")) != -1) {
		switch (ch) {
		case 's':
			sock = optarg;
			break;
		default:
			fprintf(stderr, "usage: %s [-s socket]\n", argv[0]);
			return 1;
		}
	}
	log_open(spec->name, (enum log_level)cfg.log_level);
	if (tmpl_load_dir(cfg.templates) == -1)
		errx(1, "templates in %s failed to load", cfg.templates);
	if (codeset_init() == -1)
		errx(1, "code patterns failed to compile");
	if (sodium_init() < 0)
		errx(1, "sodium_init");
	if (meter_init() == -1)
		errx(1, "metering configuration");
	if (db_setup(all_stmts(spec->stmts)) == -1)
		errx(1, "statement table");
	if (spec->init != NULL && spec->init() == -1)
		errx(1, "init failed");
	if (FCGX_Init() != 0)
		errx(1, "FCGX_Init");
	if (sock != NULL) {
		(void)unlink(sock);
		if ((fd = FCGX_OpenSocket(sock, 128)) == -1)
			errx(1, "%s: cannot listen", sock);
		/* nginx workers run as another user: they must connect. */
		if (chmod(sock, 0666) == -1)
			err(1, "chmod %s", sock);
	}
	drop_privileges();
	return supervise(spec, fd);
}
