/*
 * meter: the site's access model for premium code data (DESIGN.md,
 * "Metering"). A view of a code's premium sections is decided and recorded
 * in one transaction: guests have 1 view, a free account (member,
 * employer) 6 (the guest's 1 and "5 more"), subscribers, admins and the
 * pro plan are unlimited; re-opening an unlocked code is free. A guest is
 * a signed cookie (crypto_auth) and is also limited per client address:
 * clearing cookies buys at most MEDCODE_GUEST_EXTRA_PER_ADDR (default 2)
 * more views per address per UTC day. HEAD never spends a view. The
 * tables are in sql/migrations/0005-metering.sql.
 */
#ifndef METER_H
#define METER_H

#include <stddef.h>

#include "db.h"

struct arena;
struct req;

#define METER_GUEST_VIEWS	1	/* views of a guest identity */
#define METER_ACCOUNT_VIEWS	6	/* views of a free account, in all */
#define METER_EXTRA_DEFAULT	2	/* MEDCODE_GUEST_EXTRA_PER_ADDR */

/* The guest cookie; as for the session cookie, browsers refuse the
 * __Host- name without Secure, so plain local http uses the other. */
#define METER_COOKIE_SECURE	"__Host-medcode-guest"
#define METER_COOKIE_PLAIN	"medcode-guest"
#define METER_COOKIE_MAXAGE	(365L * 24 * 60 * 60)

#define METER_ID_BYTES		16	/* a guest id: random, a uuid */
#define METER_KEY_BYTES		32	/* crypto_auth_KEYBYTES */
/* "<32 hex>.<43 base64url>": the id and its crypto_auth tag. */
#define METER_COOKIE_LEN	(2 * METER_ID_BYTES + 1 + 43)

struct meter {
	int		 unlocked;	/* premium data of this code may be
					   sent */
	int		 unlimited;	/* subscriber, admin or plan pro */
	int		 remaining;	/* views left after this request;
					   -1 unlimited */
	int		 spent;		/* this request spent a view */
	int		 guest;		/* a guest: offer Register / Log in */
	int		 quota;		/* views in all; 0 when unlimited */
	const char	*banner;	/* the banner text; NULL when not
					   metered */
};

/* Statements, appended by serve.c to every handler's tables. */
extern const struct stmt meter_stmts[];

/*
 * Start-up, before fork and before privileges are dropped: the cookie key
 * from MEDCODE_SECRET (at least 32 bytes) or the file MEDCODE_SECRET_FILE
 * (mode 0600 or stricter, at least 32 bytes; tools/run makes var/secret);
 * with neither, a random key for this run (logged: guest cookies then die
 * with the process). MEDCODE_GUEST_EXTRA_PER_ADDR (0..1000). Returns 0,
 * or -1 after printing why.
 */
int	meter_init(void);

/*
 * Decide (and record) a premium view of code_set/code (storage key) for
 * the requester (r->user, else the guest cookie, which is made and set
 * here when missing or forged). Fills m. Returns 0, or -1 on a database
 * failure (logged; r->dbstatus). Pages call it once per code and send
 * premium data only when m->unlocked.
 */
int	meter_code_view(struct req *, const char *code_set, const char *code,
	    struct meter *);

/* The guest cookie's value for id under key (arena string; pure). */
const char *meter_cookie_make(struct arena *,
	    const unsigned char key[METER_KEY_BYTES],
	    const unsigned char id[METER_ID_BYTES]);
/* Check a guest cookie's value (untrusted bytes) and extract its id.
 * Returns 0, or -1 when malformed or not signed with key (pure). */
int	meter_cookie_parse(const unsigned char key[METER_KEY_BYTES],
	    const char *value, size_t len, unsigned char id[METER_ID_BYTES]);

#endif /* METER_H */
