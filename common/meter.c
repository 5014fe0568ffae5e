/*
 * meter: premium views, decided and recorded in PostgreSQL; see meter.h
 * and the comment at the top of sql/migrations/0005-metering.sql.
 *
 * A request first peeks (one read, no lock): a code already unlocked is
 * free and a quota already gone stays gone, because the ledger and the
 * counters only grow. Only when a view may be spent does it open one
 * transaction that locks the viewer's quota row, looks again, takes the
 * view (for a guest also from the address's daily counter) and writes the
 * ledger; every "no" rolls the whole transaction back.
 */
#include <sys/stat.h>

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <sodium.h>

#include "arena.h"
#include "db.h"
#include "hash.h"
#include "log.h"
#include "meter.h"
#include "num.h"
#include "req.h"
#include "resp.h"
#include "route.h"
#include "session.h"

enum {
	STMT_METER_GUEST_PEEK,
	STMT_METER_GUEST_MAKE,
	STMT_METER_GUEST_LOCK,
	STMT_METER_GUEST_SEEN,
	STMT_METER_GUEST_SPEND,
	STMT_METER_ADDR_TAKE,
	STMT_METER_ACCOUNT_PEEK,
	STMT_METER_ACCOUNT_MAKE,
	STMT_METER_ACCOUNT_LOCK,
	STMT_METER_ACCOUNT_SEEN,
	STMT_METER_ACCOUNT_SPEND,
	STMT_METER_VIEWS_RECORD,
	STMT_METER__MAX
};

/* Peek columns. */
enum { MP_SEEN, MP_USED, MP_ADDR_USED };

const struct stmt meter_stmts[STMT_METER__MAX + 1] = {
	{ "meter_guest_peek",
	  "SELECT EXISTS (SELECT 1 FROM app.meter_views WHERE guest_id = "
	  "$1::uuid AND code_set = $2 AND code = $3), "
	  "coalesce((SELECT used FROM app.meter_guests WHERE id = $1::uuid), "
	  "0), coalesce((SELECT used FROM app.meter_addr_days WHERE addr = "
	  "app.meter_addr($4::inet) AND day = app.meter_today()), 0)", 4,
	  DB_READONLY }, /* STMT_METER_GUEST_PEEK */
	{ "meter_guest_make",
	  "INSERT INTO app.meter_guests (id, addr) VALUES ($1::uuid, "
	  "$2::inet) ON CONFLICT (id) DO NOTHING", 2,
	  0 }, /* STMT_METER_GUEST_MAKE */
	{ "meter_guest_lock",
	  "SELECT used FROM app.meter_guests WHERE id = $1::uuid FOR UPDATE",
	  1, 0 }, /* STMT_METER_GUEST_LOCK */
	{ "meter_guest_seen",
	  "SELECT 1 FROM app.meter_views WHERE guest_id = $1::uuid AND "
	  "code_set = $2 AND code = $3", 3,
	  0 }, /* STMT_METER_GUEST_SEEN */
	{ "meter_guest_spend",
	  "WITH v AS (INSERT INTO app.meter_views (guest_id, code_set, code, "
	  "addr, spent) VALUES ($1::uuid, $2, $3, $4::inet, true)) "
	  "UPDATE app.meter_guests SET used = used + 1 WHERE id = $1::uuid "
	  "RETURNING used", 4,
	  0 }, /* STMT_METER_GUEST_SPEND */
	{ "meter_addr_take",
	  "INSERT INTO app.meter_addr_days AS d (addr, day, used) VALUES "
	  "(app.meter_addr($1::inet), app.meter_today(), 1) "
	  "ON CONFLICT (addr, day) DO UPDATE SET used = d.used + 1 "
	  "WHERE d.used < $2::int RETURNING d.used", 2,
	  0 }, /* STMT_METER_ADDR_TAKE */
	{ "meter_account_peek",
	  "SELECT EXISTS (SELECT 1 FROM app.meter_views WHERE user_id = "
	  "$1::bigint AND code_set = $2 AND code = $3), "
	  "coalesce((SELECT used FROM app.meter_accounts WHERE user_id = "
	  "$1::bigint), 0), 0", 3,
	  DB_READONLY }, /* STMT_METER_ACCOUNT_PEEK */
	{ "meter_account_make",
	  "INSERT INTO app.meter_accounts (user_id) VALUES ($1::bigint) "
	  "ON CONFLICT (user_id) DO NOTHING", 1,
	  0 }, /* STMT_METER_ACCOUNT_MAKE */
	{ "meter_account_lock",
	  "SELECT used FROM app.meter_accounts WHERE user_id = $1::bigint "
	  "FOR UPDATE", 1,
	  0 }, /* STMT_METER_ACCOUNT_LOCK */
	{ "meter_account_seen",
	  "SELECT 1 FROM app.meter_views WHERE user_id = $1::bigint AND "
	  "code_set = $2 AND code = $3", 3,
	  0 }, /* STMT_METER_ACCOUNT_SEEN */
	{ "meter_account_spend",
	  "WITH v AS (INSERT INTO app.meter_views (user_id, code_set, code, "
	  "spent) VALUES ($1::bigint, $2, $3, true)) "
	  "UPDATE app.meter_accounts SET used = used + 1 "
	  "WHERE user_id = $1::bigint RETURNING used", 3,
	  0 }, /* STMT_METER_ACCOUNT_SPEND */
	{ "meter_views_record",
	  "INSERT INTO app.meter_views (user_id, code_set, code, spent) "
	  "SELECT $1::bigint, $2, $3, false WHERE NOT EXISTS (SELECT 1 FROM "
	  "app.meter_views WHERE user_id = $1::bigint AND code_set = $2 AND "
	  "code = $3) ON CONFLICT (user_id, code_set, code) "
	  "WHERE user_id IS NOT NULL DO NOTHING", 3,
	  0 }, /* STMT_METER_VIEWS_RECORD */
	{ NULL, NULL, 0, 0 },
};

/* Who is viewing, and what the database says about them. */
struct viewer {
	int		 guest;
	const char	*id;		/* uuid text, or the user id */
	const char	*addr;		/* client address text */
	int		 quota;
	long long	 used;		/* views spent */
	long long	 addr_used;	/* guests: the address's views today */
	int		 seen;		/* this code is already unlocked */
};

static unsigned char	 cookie_key[METER_KEY_BYTES];
static int		 addr_limit = 1 + METER_EXTRA_DEFAULT;

/* The cookie key from a secret of any length (at least 32 bytes). */
static void
set_key(const unsigned char *secret, size_t len)
{
	unsigned char	 master[crypto_kdf_KEYBYTES];

	crypto_generichash(master, sizeof(master), secret, len, NULL, 0);
	crypto_kdf_derive_from_key(cookie_key, sizeof(cookie_key), 1,
	    "mc-guest", master);
	sodium_memzero(master, sizeof(master));
}

static int
key_from_file(const char *path)
{
	unsigned char	 buf[4096];
	struct stat	 st;
	ssize_t		 n;
	int		 fd;

	if ((fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)) == -1) {
		fprintf(stderr, "MEDCODE_SECRET_FILE %s: %s\n", path,
		    strerror(errno));
		return -1;
	}
	if (fstat(fd, &st) == -1 || !S_ISREG(st.st_mode) ||
	    (st.st_mode & 077) != 0) {
		fprintf(stderr, "MEDCODE_SECRET_FILE %s: must be a regular "
		    "file of mode 0600 (or stricter)\n", path);
		close(fd);
		return -1;
	}
	n = read(fd, buf, sizeof(buf));
	close(fd);
	if (n < 32) {
		fprintf(stderr, "MEDCODE_SECRET_FILE %s: unreadable or shorter "
		    "than 32 bytes\n", path);
		sodium_memzero(buf, sizeof(buf));
		return -1;
	}
	set_key(buf, (size_t)n);
	sodium_memzero(buf, sizeof(buf));
	return 0;
}

int
meter_init(void)
{
	const char	*s, *errstr;
	int64_t		 n;

	s = getenv("MEDCODE_GUEST_EXTRA_PER_ADDR");
	if (s != NULL && *s != '\0') {
		if (num_parse_i64(s, strlen(s), 0, 1000, &n, &errstr) == -1) {
			fprintf(stderr, "MEDCODE_GUEST_EXTRA_PER_ADDR: %s "
			    "(%s)\n", errstr, s);
			return -1;
		}
		addr_limit = 1 + (int)n;
	}
	if ((s = getenv("MEDCODE_SECRET")) != NULL && *s != '\0') {
		if (strlen(s) < 32) {
			fprintf(stderr, "MEDCODE_SECRET: at least 32 bytes\n");
			return -1;
		}
		set_key((const unsigned char *)s, strlen(s));
		return 0;
	}
	if ((s = getenv("MEDCODE_SECRET_FILE")) != NULL && *s != '\0')
		return key_from_file(s);
	randombytes_buf(cookie_key, sizeof(cookie_key));
	log_warn("neither MEDCODE_SECRET nor MEDCODE_SECRET_FILE: guest "
	    "cookies are signed with a key of this run only");
	return 0;
}

const char *
meter_cookie_make(struct arena *a, const unsigned char key[METER_KEY_BYTES],
    const unsigned char id[METER_ID_BYTES])
{
	unsigned char	 tag[crypto_auth_BYTES];
	char		*s;

	crypto_auth(tag, id, METER_ID_BYTES, key);
	s = arena_alloc(a, METER_COOKIE_LEN + 1);
	sodium_bin2hex(s, 2 * METER_ID_BYTES + 1, id, METER_ID_BYTES);
	s[2 * METER_ID_BYTES] = '.';
	sodium_bin2base64(s + 2 * METER_ID_BYTES + 1, 43 + 1, tag,
	    sizeof(tag), sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	return s;
}

int
meter_cookie_parse(const unsigned char key[METER_KEY_BYTES],
    const char *v, size_t len, unsigned char id[METER_ID_BYTES])
{
	unsigned char	 tag[crypto_auth_BYTES], bin[METER_ID_BYTES];
	size_t		 n, i;
	const char	*end;

	if (len != METER_COOKIE_LEN || v[2 * METER_ID_BYTES] != '.')
		return -1;
	/* Lower-case hex only: one spelling per id. */
	for (i = 0; i < 2 * METER_ID_BYTES; i++)
		if (!((v[i] >= '0' && v[i] <= '9') ||
		    (v[i] >= 'a' && v[i] <= 'f')))
			return -1;
	if (sodium_hex2bin(bin, sizeof(bin), v, 2 * METER_ID_BYTES, NULL,
	    &n, &end) != 0 || n != sizeof(bin))
		return -1;
	if (sodium_base642bin(tag, sizeof(tag), v + 2 * METER_ID_BYTES + 1,
	    43, NULL, &n, &end,
	    sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0 ||
	    n != sizeof(tag) || end != v + len)
		return -1;
	if (crypto_auth_verify(tag, bin, sizeof(bin), key) != 0)
		return -1;
	memcpy(id, bin, sizeof(bin));
	return 0;
}

/* "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx" */
static const char *
uuid_text(struct arena *a, const unsigned char id[METER_ID_BYTES])
{
	char	 hex[2 * METER_ID_BYTES + 1];

	sodium_bin2hex(hex, sizeof(hex), id, METER_ID_BYTES);
	return arena_printf(a, "%.8s-%.4s-%.4s-%.4s-%.12s", hex, hex + 8,
	    hex + 12, hex + 16, hex + 20);
}

/* The client's address, normalised; "0.0.0.0" (one shared bucket) when
 * the server gave none we can read. */
static const char *
client_addr(struct req *r)
{
	unsigned char	 bin[sizeof(struct in6_addr)];
	char		 s[INET6_ADDRSTRLEN];
	int		 af;

	if (r->remote_addr == NULL)
		return "0.0.0.0";
	af = strchr(r->remote_addr, ':') != NULL ? AF_INET6 : AF_INET;
	if (inet_pton(af, r->remote_addr, bin) != 1 ||
	    inet_ntop(af, bin, s, sizeof(s)) == NULL)
		return "0.0.0.0";
	return arena_strdup(r->arena, s);
}

/* The guest's id from the cookie; a new one (and its Set-Cookie, on GET)
 * when there is none or it is not ours. */
static const char *
guest_id(struct req *r)
{
	const struct cookie	*c;
	unsigned char		 id[METER_ID_BYTES];
	int			 secure;

	if (((c = req_cookie(r, METER_COOKIE_SECURE)) != NULL ||
	    (c = req_cookie(r, METER_COOKIE_PLAIN)) != NULL) &&
	    meter_cookie_parse(cookie_key, c->value, c->valuelen, id) == 0)
		return uuid_text(r->arena, id);
	randombytes_buf(id, sizeof(id));
	if (r->method == METHOD_GET) {
		secure = session_cookie_secure(r);
		resp_header(r, "Set-Cookie", session_cookie_format(r->arena,
		    secure ? METER_COOKIE_SECURE : METER_COOKIE_PLAIN,
		    meter_cookie_make(r->arena, cookie_key, id), secure,
		    METER_COOKIE_MAXAGE));
	}
	return uuid_text(r->arena, id);
}

/* Roll back after a failure without losing the failure's status. */
static int
fail(struct req *r)
{
	int	 st = r->dbstatus;

	(void)db_rollback(r);
	r->dbstatus = st ? st : 500;
	return -1;
}

/*
 * The one transaction that may spend a view of set/code for v: returns 1
 * when a view was spent (committed), 0 when none was (rolled back: the
 * code was unlocked meanwhile, v->seen, or the quota or the address is
 * used up), -1 on failure. v->used and v->addr_used are brought up to date.
 */
static int
spend(struct req *r, struct viewer *v, const char *set, const char *code)
{
	const struct stmt	*s = meter_stmts;
	const char		*one[] = { v->id };
	const char		*make[] = { v->id, v->addr };
	const char		*seen[] = { v->id, set, code };
	const char		*gspend[] = { v->id, set, code, v->addr };
	const char		*take[] = { v->addr, NULL };
	PGresult		*res;

	if (db_begin(r) == -1)
		return -1;
	/* The viewer's quota row, made if new, then locked: every request
	 * of this viewer that may spend waits here for the one before. */
	if (db_exec(r, &s[v->guest ? STMT_METER_GUEST_MAKE :
	    STMT_METER_ACCOUNT_MAKE], v->guest ? make : one) == NULL)
		return fail(r);
	if ((res = db_exec(r, &s[v->guest ? STMT_METER_GUEST_LOCK :
	    STMT_METER_ACCOUNT_LOCK], one)) == NULL)
		return fail(r);
	if (PQntuples(res) != 1) {
		log_err("%s: the quota row is missing", __func__);
		return fail(r);
	}
	v->used = db_int(res, 0, 0);
	/* Under the lock: did a parallel request unlock this code? */
	if ((res = db_exec(r, &s[v->guest ? STMT_METER_GUEST_SEEN :
	    STMT_METER_ACCOUNT_SEEN], seen)) == NULL)
		return fail(r);
	if (PQntuples(res) > 0)
		v->seen = 1;
	if (v->seen || v->used >= v->quota)
		return db_rollback(r) == -1 ? -1 : 0;
	if (v->guest) {
		/* The address's view for today: a guarded upsert. */
		take[1] = arena_printf(r->arena, "%d", addr_limit);
		if ((res = db_exec(r, &s[STMT_METER_ADDR_TAKE], take)) == NULL)
			return fail(r);
		if (PQntuples(res) == 0) {
			v->addr_used = addr_limit;
			return db_rollback(r) == -1 ? -1 : 0;
		}
		v->addr_used = db_int(res, 0, 0);
	}
	if ((res = db_exec(r, &s[v->guest ? STMT_METER_GUEST_SPEND :
	    STMT_METER_ACCOUNT_SPEND], v->guest ? gspend : seen)) == NULL)
		return fail(r);
	if (PQntuples(res) != 1) {
		log_err("%s: the quota row vanished", __func__);
		return fail(r);
	}
	v->used = db_int(res, 0, 0);
	if (db_commit(r) == -1)
		return -1;
	return 1;
}

/*
 * Decisions that cannot change, remembered per worker so that re-opening
 * a page costs no database round trip: a code unlocked for a viewer with
 * no views left (the ledger and the counters only grow, so the page and
 * its banner stay exactly the same), and an unlimited user's view already
 * written to the ledger. Direct-mapped; an entry lives MCACHE_TTL seconds
 * so that an account deleted or re-planned elsewhere is seen soon.
 */
#define MCACHE_SLOTS	4096
#define MCACHE_TTL	60

static struct mcache {
	char		 key[112];	/* "g:<id>|set|code" or "u:<id>|…" */
	time_t		 at;
} mcache[MCACHE_SLOTS];

static struct mcache *
mcache_slot(const char *key)
{
	return &mcache[hash_str(key) % MCACHE_SLOTS];
}

static const char *
mcache_key(struct req *r, int guest, const char *id, const char *set,
    const char *code)
{
	return arena_printf(r->arena, "%c:%s|%s|%s", guest ? 'g' : 'u', id,
	    set, code);
}

static int
mcache_get(const char *key)
{
	struct mcache	*e = mcache_slot(key);

	return strcmp(e->key, key) == 0 && time(NULL) - e->at < MCACHE_TTL;
}

static void
mcache_put(const char *key)
{
	struct mcache	*e = mcache_slot(key);

	if (strlen(key) >= sizeof(e->key))
		return;
	memcpy(e->key, key, strlen(key) + 1);
	e->at = time(NULL);
}

/* Subscribers, admins, plan pro: always unlocked; a GET's first view of
 * a code goes into the ledger (spent = false) for the admin's user page. */
static int
unlimited(struct req *r, const char *set, const char *code, struct meter *m)
{
	const char	*vals[] = { NULL, set, code }, *key;

	m->unlocked = 1;
	m->unlimited = 1;
	m->remaining = -1;
	if (r->method != METHOD_GET)
		return 0;
	vals[0] = arena_printf(r->arena, "%lld", (long long)r->user->id);
	key = mcache_key(r, 0, vals[0], set, code);
	if (mcache_get(key))
		return 0;
	if (db_exec(r, &meter_stmts[STMT_METER_VIEWS_RECORD], vals) == NULL)
		return -1;
	mcache_put(key);
	return 0;
}

static const char *
banner(struct req *r, const struct meter *m)
{
	const char	*views = m->remaining == 1 ? "view" : "views";

	if (m->guest)
		return arena_printf(r->arena, "%d code page %s remaining. "
		    "Guest accounts are limited to %d page view. Register "
		    "free account to get %d more views.", m->remaining, views,
		    METER_GUEST_VIEWS, METER_ACCOUNT_VIEWS - METER_GUEST_VIEWS);
	return arena_printf(r->arena, "%d code page %s remaining. Free "
	    "accounts are limited to %d page views. Subscribers have "
	    "unlimited views.", m->remaining, views, METER_ACCOUNT_VIEWS);
}

int
meter_code_view(struct req *r, const char *set, const char *code,
    struct meter *m)
{
	struct viewer	 v;
	PGresult	*res;
	const char	*peek[4], *key;
	long long	 left;
	int		 rc;

	memset(m, 0, sizeof(*m));
	memset(&v, 0, sizeof(v));
	/* What a page shows now depends on who asks. */
	if (r->route == NULL || !(r->route->flags & ROUTE_NOCACHE))
		resp_header(r, "Cache-Control", "private, no-cache");
	if (r->user != NULL && r->user->unlimited)
		return unlimited(r, set, code, m);

	v.guest = r->user == NULL;
	v.addr = client_addr(r);
	if (v.guest) {
		v.id = guest_id(r);
		v.quota = METER_GUEST_VIEWS;
	} else {
		v.id = arena_printf(r->arena, "%lld", (long long)r->user->id);
		v.quota = METER_ACCOUNT_VIEWS;
	}
	key = mcache_key(r, v.guest, v.id, set, code);
	if (mcache_get(key)) {
		m->unlocked = 1;
		m->guest = v.guest;
		m->quota = v.quota;
		m->remaining = 0;
		m->banner = banner(r, m);
		return 0;
	}
	peek[0] = v.id;
	peek[1] = set;
	peek[2] = code;
	peek[3] = v.addr;
	if ((res = db_exec(r, &meter_stmts[v.guest ? STMT_METER_GUEST_PEEK :
	    STMT_METER_ACCOUNT_PEEK], peek)) == NULL)
		return -1;
	if (PQntuples(res) != 1)
		return -1;
	v.seen = db_bool(res, 0, MP_SEEN);
	v.used = db_int(res, 0, MP_USED);
	v.addr_used = db_int(res, 0, MP_ADDR_USED);

	/* HEAD looks and never spends; a quota that is gone stays gone. */
	if (!v.seen && r->method == METHOD_GET && v.used < v.quota &&
	    (!v.guest || v.addr_used < addr_limit)) {
		if ((rc = spend(r, &v, set, code)) == -1)
			return -1;
		m->spent = rc;
	}
	m->unlocked = v.seen || m->spent;
	m->guest = v.guest;
	m->quota = v.quota;
	left = v.quota - v.used;
	if (v.guest && addr_limit - v.addr_used < left)
		left = addr_limit - v.addr_used;
	m->remaining = left < 0 ? 0 : (int)left;
	m->banner = banner(r, m);
	if (m->unlocked && m->remaining == 0)
		mcache_put(key);
	return 0;
}
