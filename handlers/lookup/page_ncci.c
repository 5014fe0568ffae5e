/*
 * page_ncci: the NCCI pair checker (/ncci: two to NCCI_CODES_MAX codes, a
 * setting and an optional date of service; every PTP edit among them and
 * what to do about it) and the full, paged edit list of one code
 * (/codes/{set}/{code}/ncci?role=col1|col2&setting=&status=&page=).
 * Both are premium: every code shown is metered (meter_code_view); a
 * locked code answers 403 with the Register / Log in call to action.
 */
#include <string.h>

#include "arena.h"
#include "buf.h"
#include "codeset.h"
#include "lookup.h"
#include "meter.h"
#include "premium.h"
#include "req.h"
#include "resp.h"
#include "tmpl.h"
#include "url.h"

#define NCCI_CODES_MAX	25
#define NCCI_PAGE_SIZE	100
#define NCCI_DATE_MIN	"1996-01-01"	/* the first NCCI edits */

struct pcode {
	char	 key[CODESET_KEY_SIZE];
	int	 set;
};

/* Split the codes field; returns the count, or -1 with *msg set. */
static int
parse_codes(struct req *r, const char *s, struct pcode *out, size_t max,
    const char **msg)
{
	const char	*p = s, *e;
	size_t		 n = 0, ntok = 0, i, len;
	struct pcode	 c;
	int		 rc, dup;

	*msg = NULL;
	for (;;) {
		while (*p == ' ' || *p == ',' || *p == ';' || *p == '\t')
			p++;
		if (*p == '\0')
			break;
		e = p + strcspn(p, " ,;\t");
		len = (size_t)(e - p);
		ntok++;
		if (ntok > max) {
			/* count them all for the message */
			p = e;
			continue;
		}
		rc = premium_proc_code(p, len, c.key, &c.set);
		if (rc == -2 && *msg == NULL)
			*msg = arena_printf(r->arena, "“%.*s” is an %s code; "
			    "NCCI edits pair procedure codes (CPT or HCPCS)",
			    (int)(len > 32 ? 32 : len), p,
			    codeset_label((enum code_set)c.set));
		else if (rc != 0 && *msg == NULL)
			*msg = arena_printf(r->arena, "“%.*s” is not a CPT or "
			    "HCPCS code", (int)(len > 32 ? 32 : len), p);
		if (rc == 0) {
			for (dup = 0, i = 0; i < n; i++)
				if (strcmp(out[i].key, c.key) == 0)
					dup = 1;
			if (!dup)
				out[n++] = c;
		}
		p = e;
	}
	if (ntok > max) {
		*msg = arena_printf(r->arena, "at most %zu codes at a time "
		    "(%zu given)", max, ntok);
		return -1;
	}
	if (*msg != NULL)
		return -1;
	if (n < 2) {
		*msg = "enter at least two different codes";
		return -1;
	}
	return (int)n;
}

/* The setting field: NULL (default practitioner) or a known value. */
static const char *
get_setting(struct req *r, const char **msg)
{
	const char	*s;

	*msg = NULL;
	if (r->bad[F_SETTING] != NULL) {
		*msg = "must be practitioner or hospital";
		return NULL;
	}
	if (r->field[F_SETTING] == NULL || r->field[F_SETTING]->s[0] == '\0')
		return "practitioner";
	s = r->field[F_SETTING]->s;
	if (ncci_dataset(s) == NULL) {
		*msg = "must be practitioner or hospital";
		return NULL;
	}
	return s;
}

const char *
premium_date(struct req *r, const char **msg)
{
	*msg = NULL;
	if (r->bad[F_DATE] != NULL) {
		*msg = r->field_err[F_DATE];
		return NULL;
	}
	if (r->field[F_DATE] == NULL || r->field[F_DATE]->s[0] == '\0')
		return NULL;
	if (strcmp(r->field[F_DATE]->s, NCCI_DATE_MIN) < 0) {
		*msg = "must be on or after 1996-01-01, when NCCI began";
		return NULL;
	}
	return r->field[F_DATE]->s;
}

static const char *
other_url(struct req *r, const char *key)
{
	char	 k[CODESET_KEY_SIZE];
	int	 set;

	if (premium_proc_code(key, strlen(key), k, &set) != 0)
		return NULL;
	return url_path(r->arena, "/codes", codeset_name((enum code_set)set),
	    k, NULL);
}

static void
edit_dict(struct req *r, struct tdict *it, const struct edit *e)
{
	tdict_str(it, "col1", e->col1);
	tdict_str(it, "col2", e->col2);
	tdict_str(it, "col1_url", other_url(r, e->col1));
	tdict_str(it, "col2_url", other_url(r, e->col2));
	tdict_int(it, "modifier", e->modifier);
	tdict_bool(it, "mod0", e->modifier == 0);
	tdict_str(it, "meaning", ncci_mod_meaning(e->modifier));
	tdict_str(it, "action", e->applies ? ncci_mod_action(e->modifier) :
	    "Not in force for this date of service.");
	tdict_str(it, "rationale", e->rationale);
	tdict_str(it, "effective", e->effective);
	tdict_str(it, "deleted", e->deleted);
	tdict_bool(it, "prior_1996", e->prior_1996);
}

/* Meter every code; 1 if all are unlocked, 0 (status 403 set up) if not. */
static int
meter_all(struct req *r, const struct pcode *v, size_t n, int *st)
{
	struct meter	 m;
	size_t		 i;

	for (i = 0; i < n; i++) {
		if (meter_code_view(r, codeset_name((enum code_set)v[i].set),
		    v[i].key, &m) == -1) {
			*st = db_fail(r);
			return 0;
		}
		if (!m.unlocked) {
			*st = resp_fail(r, 403, "NCCI edits are premium data "
			    "and your free views are used up (%s). Register "
			    "or log in to check these codes.", v[i].key);
			return 0;
		}
	}
	return 1;
}

int
page_ncci(struct req *r)
{
	struct pcode	 codes[NCCI_CODES_MAX];
	struct edit	*v;
	struct prel	 rel;
	struct tdict	*d, *it;
	struct buf	 arr;
	const char	*setting, *date, *msg, *cmsg = NULL, *dmsg, *smsg;
	size_t		 n = 0, ne, i, j, k;
	int		 nc = 0, st = 200, found, rc;

	d = tdict_new(r->arena);
	tdict_str(d, "title", "NCCI pair checker");
	tdict_str(d, "description", "Check NCCI procedure-to-procedure edits "
	    "between CPT and HCPCS codes, with what to do about each.");
	tdict_int(d, "max", NCCI_CODES_MAX);
	setting = get_setting(r, &smsg);
	date = premium_date(r, &dmsg);
	tdict_str(d, "codes", req_field_text(r, F_CODES));
	tdict_str(d, "date", req_field_text(r, F_DATE));
	tdict_bool(d, "hospital", setting != NULL &&
	    strcmp(setting, "hospital") == 0);
	tdict_str(d, "setting_err", smsg);
	tdict_str(d, "date_err", dmsg);
	if (r->bad[F_CODES] != NULL)
		cmsg = arena_printf(r->arena, "%s (at most %d codes)",
		    r->field_err[F_CODES], NCCI_CODES_MAX);
	else if (r->field[F_CODES] != NULL && r->field[F_CODES]->s[0] != '\0'
	    && (nc = parse_codes(r, r->field[F_CODES]->s, codes,
	    NCCI_CODES_MAX, &msg)) == -1)
		cmsg = msg;
	tdict_str(d, "codes_err", cmsg);
	if (cmsg != NULL || smsg != NULL || dmsg != NULL) {
		tdict_bool(d, "errors", 1);
		return resp_tmpl(r, 400, "ncci", d);
	}
	if (nc <= 0)
		return resp_tmpl(r, 200, "ncci", d);	/* the empty form */
	n = (size_t)nc;

	if ((rc = db_prem_release(r, ncci_dataset(setting), &rel)) == -1)
		return db_fail(r);
	if (rc == 0) {
		tdict_str(d, "no_release", ncci_setting_label(setting));
		return resp_tmpl(r, 404, "ncci", d);
	}
	if (!meter_all(r, codes, n, &st))
		return st;
	buf_init(&arr, 64);
	buf_addc(&arr, '{');
	for (i = 0; i < n; i++)
		buf_addf(&arr, "%s%s", i ? "," : "", codes[i].key);
	buf_addc(&arr, '}');
	rc = db_ncci_among(r, ncci_dataset(setting), arena_strdup(r->arena,
	    arr.data), date, &v, &ne);
	buf_release(&arr);
	if (rc == -1)
		return db_fail(r);

	tdict_bool(d, "checked", 1);
	tdict_str(d, "release", rel.label);
	tdict_str(d, "setting_label", ncci_setting_label(setting));
	tdict_str(d, "dos", date);
	tdict_list(d, "edits");
	tdict_list(d, "history");
	tdict_list(d, "clear");
	tdict_list(d, "checked_codes");
	for (i = 0; i < n; i++) {
		it = tdict_push(d, "checked_codes");
		tdict_str(it, "code", codes[i].key);
		tdict_str(it, "url", other_url(r, codes[i].key));
	}
	for (k = 0; k < ne; k++) {
		if (v[k].effective == NULL)
			tdict_bool(d, "noeff", 1);
		edit_dict(r, tdict_push(d, v[k].applies ? "edits" : "history"),
		    &v[k]);
	}
	tdict_int(d, "nedits", 0);
	for (k = 0, j = 0; k < ne; k++)
		j += v[k].applies != 0;
	tdict_int(d, "nedits", (long long)j);
	/* Pairs with no edit in force. */
	for (i = 0; i < n; i++)
		for (j = i + 1; j < n; j++) {
			found = 0;
			for (k = 0; k < ne && !found; k++)
				if (v[k].applies &&
				    ((strcmp(v[k].col1, codes[i].key) == 0 &&
				    strcmp(v[k].col2, codes[j].key) == 0) ||
				    (strcmp(v[k].col1, codes[j].key) == 0 &&
				    strcmp(v[k].col2, codes[i].key) == 0)))
					found = 1;
			if (found)
				continue;
			it = tdict_push(d, "clear");
			tdict_str(it, "a", codes[i].key);
			tdict_str(it, "b", codes[j].key);
		}
	return resp_tmpl(r, 200, "ncci", d);
}

int
page_ncci_list(struct req *r)
{
	const struct fval	*ps = &r->param[0], *pc = &r->param[1];
	struct pcode		 c;
	struct edit		*v;
	struct prel		 rel;
	struct tdict		*d, *it;
	struct meter		 m;
	const char		*setting, *msg, *role = "col1", *base;
	size_t			 n, i;
	long long		 total, pages, page = 1;
	int			 set, as_col1 = 1, active = 1, rc;

	if ((set = codeset_from_name(ps->s, ps->len)) == -1 ||
	    (set != CODESET_CPT && set != CODESET_HCPCS))
		return resp_fail(r, 404, "NCCI edits exist for CPT and HCPCS "
		    "codes only.");
	if (codeset_key((enum code_set)set, pc->s, pc->len, c.key,
	    sizeof(c.key)) == -1)
		return resp_fail(r, 404, "\"%s\" is not a %s code.", pc->s,
		    codeset_label((enum code_set)set));
	c.set = set;
	if ((setting = get_setting(r, &msg)) == NULL)
		return resp_fail(r, 400, "setting: %s.", msg);
	if (r->bad[F_ROLE] != NULL || (r->field[F_ROLE] != NULL &&
	    strcmp(r->field[F_ROLE]->s, "col1") != 0 &&
	    strcmp(r->field[F_ROLE]->s, "col2") != 0))
		return resp_fail(r, 400, "role: must be col1 or col2.");
	if (r->field[F_ROLE] != NULL && strcmp(r->field[F_ROLE]->s,
	    "col2") == 0) {
		role = "col2";
		as_col1 = 0;
	}
	if (r->bad[F_STATUS] != NULL || (r->field[F_STATUS] != NULL &&
	    strcmp(r->field[F_STATUS]->s, "active") != 0 &&
	    strcmp(r->field[F_STATUS]->s, "deleted") != 0))
		return resp_fail(r, 400, "status: must be active or deleted.");
	if (r->field[F_STATUS] != NULL && strcmp(r->field[F_STATUS]->s,
	    "deleted") == 0)
		active = 0;
	if (r->bad[F_BROWSE_PAGE] != NULL || (r->field[F_BROWSE_PAGE] != NULL
	    && (r->field[F_BROWSE_PAGE]->i < 1 ||
	    r->field[F_BROWSE_PAGE]->i > 100000)))
		return resp_fail(r, 400, "page: must be a number from 1.");
	if (r->field[F_BROWSE_PAGE] != NULL)
		page = r->field[F_BROWSE_PAGE]->i;

	if ((rc = db_prem_release(r, ncci_dataset(setting), &rel)) == -1)
		return db_fail(r);
	if (rc == 0)
		return resp_fail(r, 404, "No %s PTP edit release is loaded.",
		    ncci_setting_label(setting));
	if (meter_code_view(r, codeset_name((enum code_set)set), c.key,
	    &m) == -1)
		return db_fail(r);
	if (!m.unlocked)
		return resp_fail(r, 403, "NCCI edits are premium data and "
		    "your free views are used up. Register or log in to see "
		    "the edits of %s.", c.key);
	if (db_ncci_list(r, ncci_dataset(setting), c.key, as_col1, active,
	    NCCI_PAGE_SIZE, (size_t)(page - 1) * NCCI_PAGE_SIZE, &v, &n,
	    &total) == -1)
		return db_fail(r);
	pages = (total + NCCI_PAGE_SIZE - 1) / NCCI_PAGE_SIZE;
	if (page > 1 && page > pages)
		return resp_fail(r, 404, "Page %lld: there are %lld pages.",
		    page, pages);

	base = url_path(r->arena, "/codes", codeset_name((enum code_set)set),
	    c.key, "ncci", NULL);
	d = tdict_new(r->arena);
	tdict_str(d, "title", arena_printf(r->arena, "NCCI edits of %s (%s)",
	    c.key, as_col1 ? "column 1" : "column 2"));
	tdict_str(d, "description", "NCCI procedure-to-procedure edits, "
	    "paged.");
	tdict_str(d, "code", c.key);
	tdict_str(d, "code_url", url_path(r->arena, "/codes",
	    codeset_name((enum code_set)set), c.key, NULL));
	tdict_bool(d, "as_col1", as_col1);
	tdict_bool(d, "active", active);
	tdict_str(d, "release", rel.label);
	tdict_str(d, "setting_label", ncci_setting_label(setting));
	tdict_int(d, "total", total);
	tdict_int(d, "page", page);
	tdict_int(d, "pages", pages);
	if (page > 1)
		tdict_str(d, "prev_url", arena_printf(r->arena,
		    "%s?role=%s&setting=%s&status=%s&page=%lld", base, role,
		    setting, active ? "active" : "deleted", page - 1));
	if (page < pages)
		tdict_str(d, "next_url", arena_printf(r->arena,
		    "%s?role=%s&setting=%s&status=%s&page=%lld", base, role,
		    setting, active ? "active" : "deleted", page + 1));
	tdict_str(d, "other_url", arena_printf(r->arena,
	    "%s?role=%s&setting=%s&status=%s", base, as_col1 ? "col2" : "col1",
	    setting, active ? "active" : "deleted"));
	tdict_str(d, "status_url", arena_printf(r->arena,
	    "%s?role=%s&setting=%s&status=%s", base, role, setting,
	    active ? "deleted" : "active"));
	tdict_list(d, "edits");
	for (i = 0; i < n; i++) {
		if (v[i].effective == NULL)
			tdict_bool(d, "noeff", 1);
		it = tdict_push(d, "edits");
		edit_dict(r, it, &v[i]);
	}
	return resp_tmpl(r, 200, "ncci-list", d);
}
