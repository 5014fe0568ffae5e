/*
 * page_premium: the bodies of the code page's premium sections (payment,
 * NCCI edits, unit limits, modifiers, history, similar codes), rendered
 * from small templates (www/templates/premium-*.html) into trusted
 * markup. page_code.c calls premium_body() only for unlocked sections.
 * The payment locality comes from ?locality= (then remembered in the
 * `locality` cookie) or from the cookie; it is checked against the live
 * GPCI table.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "arena.h"
#include "buf.h"
#include "codeset.h"
#include "hash.h"
#include "html.h"
#include "lookup.h"
#include "premium.h"
#include "req.h"
#include "resp.h"
#include "tmpl.h"
#include "url.h"
#include "util.h"

#define NCCI_SECTION_MAX	20	/* edits per role on the code page */
#define SIMILAR_MAX		12
#define LOCALITY_COOKIE_AGE	"31536000"	/* a year */

/*
 * A per-worker cache of rendered section bodies. The data only changes
 * with a release switch, so an entry lives CACHE_TTL seconds (like the
 * footer's release list: a switch shows within a minute). Keyed by
 * section, set, code and payment locality; direct-mapped, a collision
 * replaces the older entry. Busy codes (99213 is column 2 of ~14,000
 * edits) then cost one hash lookup instead of a dozen queries.
 */
#define CACHE_SLOTS	512
#define CACHE_TTL	60

static struct centry {
	char	*key;
	char	*body;
	size_t	 len;
	time_t	 at;
} cache[CACHE_SLOTS];

static struct centry *
cache_slot(const char *key)
{
	return &cache[hash_str(key) % CACHE_SLOTS];
}

static int
cache_get(const char *key, struct buf *out)
{
	struct centry	*e = cache_slot(key);

	if (e->key == NULL || strcmp(e->key, key) != 0 ||
	    time(NULL) - e->at >= CACHE_TTL)
		return 0;
	buf_add(out, e->body, e->len);
	return 1;
}

static void
cache_put(const char *key, const struct buf *b, size_t from)
{
	struct centry	*e = cache_slot(key);

	free(e->key);
	free(e->body);
	e->key = xstrdup(key);
	e->len = b->len - from;
	e->body = xmalloc(e->len + 1);
	memcpy(e->body, b->data + from, e->len);
	e->at = time(NULL);
}

static const char *
code_link(struct req *r, const char *key)
{
	char	 k[CODESET_KEY_SIZE];
	int	 set;

	if (key == NULL || premium_proc_code(key, strlen(key), k, &set) != 0)
		return NULL;
	return url_path(r->arena, "/codes", codeset_name((enum code_set)set),
	    k, NULL);
}

/* "1.30" × "0.869": the term of the formula as printed. */
static void
term(struct buf *b, const char *rvu, const char *gpci, const char *what)
{
	buf_addf(b, "%s %s × %s", what, rvu != NULL ? rvu : "0",
	    gpci != NULL ? gpci : "1");
}

static const char *
formula(struct req *r, const struct rvu *v, int facility)
{
	struct buf	 b;
	char		*s;

	buf_init(&b, 128);
	buf_adds(&b, "(");
	term(&b, v->work, v->gw, "work");
	buf_adds(&b, " + ");
	term(&b, facility ? v->pe_fac : v->pe_nonfac, v->gpe,
	    facility ? "facility PE" : "non-facility PE");
	buf_adds(&b, " + ");
	term(&b, v->mp, v->gmp, "MP");
	buf_addf(&b, ") = %s RVUs × %s = $%s",
	    facility ? v->sum_fac : v->sum_nonfac, v->conv_factor,
	    facility ? v->pay_fac : v->pay_nonfac);
	s = arena_strdup(r->arena, b.data);
	buf_release(&b);
	return s;
}

static void
indicator(struct tdict *d, const char *name, const char *label,
    const char *value, const char *meaning)
{
	struct tdict	*it;

	if (value == NULL || value[0] == '\0')
		return;
	it = tdict_push(d, "indicators");
	tdict_str(it, "key", name);
	tdict_str(it, "label", label);
	tdict_str(it, "value", value);
	tdict_str(it, "meaning", meaning != NULL ? meaning :
	    "Value not described in the layout.");
}

/* The locality to price at: ?locality= (remembered in a cookie when
 * valid) or the cookie. Sets *bad to the text of an unknown locality. */
static int
pick_locality(struct req *r, struct locality *loc, int *have,
    const char **bad)
{
	const struct cookie	*ck;
	const char		*id = NULL;
	int			 from_query = 0, rc;

	*have = 0;
	*bad = NULL;
	if (r->field[F_LOCALITY] != NULL) {
		id = r->field[F_LOCALITY]->s;
		from_query = 1;
		if (id[0] == '\0') {
			resp_header(r, "Set-Cookie", "locality=; Path=/; "
			    "Max-Age=0; SameSite=Lax; HttpOnly");
			return 0;
		}
	} else if (r->bad[F_LOCALITY] != NULL) {
		*bad = r->bad[F_LOCALITY]->s;
		return 0;
	} else if ((ck = req_cookie(r, "locality")) != NULL &&
	    ck->valuelen > 0 && ck->valuelen < 32)
		id = arena_strndup(r->arena, ck->value, ck->valuelen);
	if (id == NULL)
		return 0;
	if ((rc = db_gpci_get(r, id, loc)) == -1)
		return -1;
	if (rc == 0) {
		if (from_query)
			*bad = id;
		return 0;
	}
	*have = 1;
	if (from_query)
		resp_header(r, "Set-Cookie", arena_printf(r->arena,
		    "locality=%s; Path=/; Max-Age=" LOCALITY_COOKIE_AGE
		    "; SameSite=Lax; HttpOnly", loc->id));
	return 0;
}

static int
body_payment(struct req *r, const struct code *c, struct buf *out)
{
	struct rvu	*v;
	struct locality	 loc, *locs;
	struct tdict	*d, *it;
	const char	*bad, *ckey = NULL;
	size_t		 n, nlocs, i, from = out->len;
	int		 have;

	if (pick_locality(r, &loc, &have, &bad) == -1)
		return -1;
	if (bad == NULL) {
		ckey = arena_printf(r->arena, "payment|%d|%s|%s", (int)c->set,
		    c->key, have ? loc.id : "");
		if (cache_get(ckey, out))
			return 0;
	}
	if (db_pfs_by_code(r, c->key, have ? loc.id : NULL, NULL, &v, &n) == -1)
		return -1;
	if (n == 0)
		return 0;
	if (db_gpci_list(r, &locs, &nlocs) == -1)
		return -1;
	d = tdict_new(r->arena);
	tdict_str(d, "action", arena_printf(r->arena, "%s#payment",
	    url_path(r->arena, "/codes", codeset_name(c->set), c->display,
	    NULL)));
	tdict_str(d, "bad_locality", bad);
	tdict_bool(d, "national", !have);
	if (have) {
		tdict_str(d, "loc_name", loc.name);
		tdict_str(d, "loc_state", loc.state);
		tdict_str(d, "loc_id", loc.id);
		tdict_str(d, "gw", loc.gw);
		tdict_str(d, "gpe", loc.gpe);
		tdict_str(d, "gmp", loc.gmp);
		tdict_str(d, "gpci_release", loc.rel.label);
	} else if (nlocs > 0)
		tdict_str(d, "gpci_release", locs[0].rel.label);
	tdict_list(d, "localities");
	for (i = 0; i < nlocs; i++) {
		it = tdict_push(d, "localities");
		tdict_str(it, "id", locs[i].id);
		tdict_str(it, "label", arena_printf(r->arena, "%s · %s (%s)",
		    locs[i].state, locs[i].name, locs[i].id));
		tdict_bool(it, "selected", have && strcmp(locs[i].id,
		    loc.id) == 0);
	}

	/* The record without modifier first (SQL order), then 26/TC/53. */
	tdict_str(d, "release", v[0].rel.label);
	tdict_str(d, "cf", v[0].conv_factor);
	tdict_str(d, "status", v[0].status);
	tdict_str(d, "status_meaning", pfs_status_meaning(v[0].status));
	tdict_bool(d, "payable", pfs_status_payable(v[0].status));
	tdict_str(d, "global", v[0].global);
	tdict_str(d, "global_meaning", pfs_global_meaning(v[0].global));
	tdict_str(d, "preop", v[0].preop);
	tdict_str(d, "intraop", v[0].intraop);
	tdict_str(d, "postop", v[0].postop);
	tdict_bool(d, "has_split", v[0].global != NULL &&
	    (strcmp(v[0].global, "010") == 0 ||
	    strcmp(v[0].global, "090") == 0 || strcmp(v[0].global, "000") == 0));
	tdict_list(d, "rows");
	for (i = 0; i < n; i++) {
		it = tdict_push(d, "rows");
		tdict_str(it, "modifier", v[i].modifier[0] != '\0' ?
		    v[i].modifier : NULL);
		tdict_str(it, "status", v[i].status);
		tdict_str(it, "work", v[i].work);
		tdict_str(it, "pe_nonfac", v[i].pe_nonfac);
		tdict_bool(it, "pe_nonfac_na", v[i].pe_nonfac_na);
		tdict_str(it, "pe_fac", v[i].pe_fac);
		tdict_bool(it, "pe_fac_na", v[i].pe_fac_na);
		tdict_str(it, "mp", v[i].mp);
		tdict_str(it, "total_nonfac", v[i].total_nonfac);
		tdict_str(it, "total_fac", v[i].total_fac);
		tdict_bool(it, "payable", pfs_status_payable(v[i].status));
		tdict_str(it, "pay_nonfac", v[i].pay_nonfac);
		tdict_str(it, "pay_fac", v[i].pay_fac);
		if (pfs_status_payable(v[i].status)) {
			if (!v[i].pe_nonfac_na)
				tdict_str(it, "formula_nonfac",
				    formula(r, &v[i], 0));
			if (!v[i].pe_fac_na)
				tdict_str(it, "formula_fac",
				    formula(r, &v[i], 1));
		}
	}
	tdict_list(d, "indicators");
	indicator(d, "pctc", "PC/TC (modifiers 26, TC)", v[0].pctc,
	    pfs_pctc_meaning(v[0].pctc));
	indicator(d, "mult", "Multiple procedures (51)", v[0].mult_proc,
	    pfs_mult_meaning(v[0].mult_proc));
	indicator(d, "bilat", "Bilateral (50)", v[0].bilateral,
	    pfs_bilat_meaning(v[0].bilateral));
	indicator(d, "asst", "Assistant at surgery (80, 81, 82, AS)",
	    v[0].assistant, pfs_asst_meaning(v[0].assistant));
	indicator(d, "cosurg", "Co-surgeons (62)", v[0].cosurgeons,
	    pfs_cosurg_meaning(v[0].cosurgeons));
	indicator(d, "team", "Team surgery (66)", v[0].team,
	    pfs_team_meaning(v[0].team));
	if (v[0].endo_base != NULL && v[0].endo_base[0] != '\0') {
		tdict_str(d, "endo_base", v[0].endo_base);
		tdict_str(d, "endo_url", code_link(r, v[0].endo_base));
	}
	if (tmpl_render_name(out, "premium-payment", d) == -1)
		return -1;
	if (ckey != NULL)
		cache_put(ckey, out, from);
	return 0;
}

static int
body_ncci(struct req *r, const struct code *c, struct buf *out)
{
	static const char *const settings[] = { "practitioner", "hospital" };
	struct edit	*v;
	struct tdict	*d, *s, *it;
	const char	*base, *role;
	size_t		 n, i, k;
	long long	 n1, n2, nh;
	int		 any = 0, noeff;

	d = tdict_new(r->arena);
	base = url_path(r->arena, "/codes", codeset_name(c->set), c->display,
	    "ncci", NULL);
	tdict_str(d, "code", c->display);
	tdict_str(d, "checker", arena_printf(r->arena, "/ncci?codes=%s",
	    c->key));
	tdict_list(d, "settings");
	for (k = 0; k < NITEMS(settings); k++) {
		if (db_ncci_section(r, ncci_dataset(settings[k]), c->key,
		    NCCI_SECTION_MAX, &v, &n) == -1)
			return -1;
		if (n == 0)
			continue;	/* no live release for this setting */
		any = 1;
		s = tdict_push(d, "settings");
		tdict_str(s, "setting", ncci_setting_label(settings[k]));
		tdict_str(s, "release", v[0].rel.label);
		tdict_list(s, "col1");
		tdict_list(s, "col2");
		n1 = n2 = nh = 0;
		noeff = 1;
		for (i = 0; i < n; i++) {
			role = v[i].role;
			if (strcmp(role, "hist") == 0) {
				nh = v[i].total;
				continue;
			}
			if (strcmp(role, "col1") == 0)
				n1 = v[i].total;
			else
				n2 = v[i].total;
			if (v[i].effective != NULL)
				noeff = 0;
			it = tdict_push(s, role);
			tdict_str(it, "code", v[i].other);
			tdict_str(it, "url", code_link(r, v[i].other));
			tdict_int(it, "modifier", v[i].modifier);
			tdict_bool(it, "mod0", v[i].modifier == 0);
			tdict_str(it, "modifier_meaning",
			    ncci_mod_meaning(v[i].modifier));
			tdict_str(it, "rationale", v[i].rationale);
			tdict_str(it, "effective", v[i].effective);
			tdict_bool(it, "prior_1996", v[i].prior_1996);
		}
		tdict_int(s, "n1", n1);
		tdict_int(s, "n2", n2);
		tdict_int(s, "nh", nh);
		tdict_bool(s, "none", n1 == 0 && n2 == 0);
		tdict_bool(s, "noeff", noeff && (n1 > 0 || n2 > 0));
		if (n1 > NCCI_SECTION_MAX)
			tdict_str(s, "more1", arena_printf(r->arena,
			    "%s?role=col1&setting=%s", base, settings[k]));
		if (n2 > NCCI_SECTION_MAX)
			tdict_str(s, "more2", arena_printf(r->arena,
			    "%s?role=col2&setting=%s", base, settings[k]));
		if (nh > 0)
			tdict_str(s, "hist_url", arena_printf(r->arena,
			    "%s?role=col1&status=deleted&setting=%s", base,
			    settings[k]));
		tdict_str(s, "all1", arena_printf(r->arena,
		    "%s?role=col1&setting=%s", base, settings[k]));
		tdict_str(s, "all2", arena_printf(r->arena,
		    "%s?role=col2&setting=%s", base, settings[k]));
	}
	if (!any)
		return 0;
	return tmpl_render_name(out, "premium-ncci", d) == -1 ? -1 : 0;
}

static int
body_mue(struct req *r, const struct code *c, struct buf *out)
{
	struct mue	*v;
	struct tdict	*d, *it;
	size_t		 n, i;

	if (db_mue_by_code(r, c->key, NULL, &v, &n) == -1)
		return -1;
	if (n == 0)
		return 0;
	d = tdict_new(r->arena);
	tdict_str(d, "release", v[0].rel.label);
	tdict_list(d, "rows");
	for (i = 0; i < n; i++) {
		it = tdict_push(d, "rows");
		tdict_str(it, "setting", ncci_setting_label(v[i].setting));
		tdict_str(it, "units", v[i].units);
		tdict_int(it, "mai", v[i].mai);
		tdict_str(it, "mai_text", v[i].mai_text);
		tdict_str(it, "mai_meaning", mue_mai_meaning(v[i].mai));
		tdict_str(it, "rationale", v[i].rationale);
	}
	return tmpl_render_name(out, "premium-mue", d) == -1 ? -1 : 0;
}

/* Modifiers this code's PFS indicators call for. CPT modifiers are named
 * in our own words; Level II ones take their title from the HCPCS file. */
static int
body_modifiers(struct req *r, const struct code *c, struct buf *out)
{
	struct rvu	*v;
	struct hmod	*h;
	struct tdict	*d, *it;
	size_t		 n, nh, i, k;
	const char	*x;
	struct {
		const char	*mod, *what, *when;
	}		 rows[16];
	size_t		 nrows = 0;

#define ROW(m, w, c) do { if (nrows < NITEMS(rows)) { \
	rows[nrows].mod = (m); rows[nrows].what = (w); \
	rows[nrows].when = (c); nrows++; } } while (0)

	if (db_pfs_by_code(r, c->key, NULL, NULL, &v, &n) == -1)
		return -1;
	if (n > 0) {
		x = v[0].pctc != NULL ? v[0].pctc : "";
		if (strcmp(x, "1") == 0 || strcmp(x, "6") == 0) {
			ROW("26", "Professional component", "The "
			    "interpretation and report only.");
			if (strcmp(x, "1") == 0)
				ROW("TC", NULL, "The technical part only "
				    "(equipment, staff, supplies).");
		}
		x = v[0].mult_proc != NULL ? v[0].mult_proc : "";
		if (strcmp(x, "2") == 0 || strcmp(x, "3") == 0)
			ROW("51", "Multiple procedures", "With other "
			    "procedures the same day: payment is reduced.");
		x = v[0].bilateral != NULL ? v[0].bilateral : "";
		if (strcmp(x, "1") == 0 || strcmp(x, "3") == 0) {
			ROW("50", "Bilateral procedure", "Both sides in the "
			    "same session.");
			ROW("RT", NULL, "Right side.");
			ROW("LT", NULL, "Left side.");
		}
		x = v[0].assistant != NULL ? v[0].assistant : "";
		if (strcmp(x, "0") == 0 || strcmp(x, "2") == 0) {
			ROW("80", "Assistant surgeon", strcmp(x, "0") == 0 ?
			    "Only with documented medical necessity." :
			    "Assistant at surgery may be paid.");
			ROW("AS", NULL, "A physician assistant, nurse "
			    "practitioner or clinical nurse specialist "
			    "assisting.");
		}
		x = v[0].cosurgeons != NULL ? v[0].cosurgeons : "";
		if (strcmp(x, "1") == 0 || strcmp(x, "2") == 0)
			ROW("62", "Two surgeons (co-surgery)",
			    pfs_cosurg_meaning(x));
		x = v[0].team != NULL ? v[0].team : "";
		if (strcmp(x, "1") == 0 || strcmp(x, "2") == 0)
			ROW("66", "Surgical team", pfs_team_meaning(x));
		if (v[0].global != NULL && (strcmp(v[0].global, "010") == 0 ||
		    strcmp(v[0].global, "090") == 0)) {
			ROW("79", "Unrelated procedure in the postoperative "
			    "period", "Starts a new global period.");
			ROW("78", "Unplanned return to the operating room",
			    "Related complication in the global period.");
		}
	}
	ROW("59", "Distinct procedural service", "Bypasses an NCCI edit "
	    "with modifier indicator 1 when the services were distinct.");
	ROW("XE", NULL, "Separate encounter (NCCI indicator 1).");
	ROW("XS", NULL, "Separate structure or organ (NCCI indicator 1).");
	ROW("XP", NULL, "Separate practitioner (NCCI indicator 1).");
	ROW("XU", NULL, "Unusual non-overlapping service (NCCI indicator "
	    "1).");
#undef ROW

	if (db_hmods(r, "{TC,RT,LT,AS,XE,XS,XP,XU}", &h, &nh) == -1)
		return -1;
	d = tdict_new(r->arena);
	tdict_str(d, "code", c->display);
	if (n > 0) {
		tdict_str(d, "pfs_release", v[0].rel.label);
		tdict_str(d, "pctc", v[0].pctc);
		tdict_str(d, "pctc_meaning", pfs_pctc_meaning(v[0].pctc));
	}
	if (nh > 0)
		tdict_str(d, "hcpcs_release", h[0].rel.label);
	tdict_list(d, "rows");
	for (i = 0; i < nrows; i++) {
		it = tdict_push(d, "rows");
		tdict_str(it, "modifier", rows[i].mod);
		x = rows[i].what;
		for (k = 0; x == NULL && k < nh; k++)
			if (strcmp(h[k].modifier, rows[i].mod) == 0)
				x = h[k].title != NULL ? h[k].title :
				    h[k].short_title;
		tdict_str(it, "title", x);
		tdict_bool(it, "level2", rows[i].what == NULL);
		tdict_str(it, "when", rows[i].when);
	}
	return tmpl_render_name(out, "premium-modifiers", d) == -1 ? -1 : 0;
}

static int
body_history(struct req *r, const struct code *c, struct buf *out)
{
	struct history	*v;
	struct tdict	*d, *it;
	size_t		 n, i;

	if (db_history(r, codeset_name(c->set), c->key, &v, &n) == -1)
		return -1;
	if (n == 0)
		return 0;
	d = tdict_new(r->arena);
	tdict_list(d, "rows");
	for (i = 0; i < n; i++) {
		it = tdict_push(d, "rows");
		tdict_str(it, "action", v[i].action);
		tdict_bool(it, "deleted", v[i].action != NULL &&
		    strcmp(v[i].action, "deleted") == 0);
		tdict_str(it, "effective", v[i].effective);
		tdict_str(it, "release", v[i].release_label);
		tdict_str(it, "old_title", v[i].old_title);
		tdict_str(it, "new_title", v[i].new_title);
		tdict_str(it, "source", v[i].source);
	}
	return tmpl_render_name(out, "premium-history", d) == -1 ? -1 : 0;
}

static int
body_similar(struct req *r, const struct code *c, struct buf *out)
{
	struct sibling	*v;
	struct tdict	*d, *it;
	size_t		 n, i;

	if (c->parent == NULL)
		return 0;
	if (db_similar(r, c->release_id, c->parent, c->seq, c->key,
	    SIMILAR_MAX, &v, &n) == -1)
		return -1;
	if (n == 0)
		return 0;
	d = tdict_new(r->arena);
	tdict_str(d, "release", c->release.label);
	tdict_list(d, "rows");
	for (i = 0; i < n; i++) {
		it = tdict_push(d, "rows");
		tdict_str(it, "url", url_path(r->arena, "/codes",
		    codeset_name(c->set), v[i].display, NULL));
		tdict_str(it, "code", v[i].display);
		tdict_str(it, "title", v[i].title);
		tdict_bool(it, "billable", v[i].billable);
	}
	return tmpl_render_name(out, "premium-similar", d) == -1 ? -1 : 0;
}

static const struct {
	const char	*name;
	int		 proc_only;
	int		(*fn)(struct req *, const struct code *, struct buf *);
} bodies[] = {
	{ "ncci", 1, body_ncci },
	{ "mue", 1, body_mue },
	{ "modifiers", 1, body_modifiers },
	{ "history", 0, body_history },
	{ "similar", 0, body_similar },
};

int
premium_body(struct req *r, const struct code *c, const char *section,
    struct buf *out)
{
	int		 proc = c->set == CODESET_CPT || c->set == CODESET_HCPCS;
	size_t		 i, from = out->len;
	const char	*key;

	if (strcmp(section, "payment") == 0)
		return proc ? body_payment(r, c, out) : 0;
	for (i = 0; i < NITEMS(bodies); i++) {
		if (strcmp(section, bodies[i].name) != 0 ||
		    (bodies[i].proc_only && !proc))
			continue;
		key = arena_printf(r->arena, "%s|%d|%s", section, (int)c->set,
		    c->key);
		if (cache_get(key, out))
			return 0;
		if (bodies[i].fn(r, c, out) == -1)
			return -1;
		cache_put(key, out, from);
		return 0;
	}
	return 0;	/* guidelines: site-written, not yet */
}
