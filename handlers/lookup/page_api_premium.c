/*
 * page_api_premium: the premium JSON APIs of API.md: /api/ncci/pair,
 * /api/mue/{code}, /api/fee/{code}. Each code is metered like a code
 * page's premium sections (meter_code_view); a locked code answers 403
 * {"error":{"status":403,"message":"...register..."}}. Bad input answers
 * 400 (malformed) or 404 (well-formed but unknown: locality, year,
 * setting without a loaded release), never 500.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <json.h>

#include "arena.h"
#include "codeset.h"
#include "hash.h"
#include "jsonw.h"
#include "lookup.h"
#include "meter.h"
#include "premium.h"
#include "req.h"
#include "resp.h"
#include "util.h"

static void
put_json(void *p)
{
	json_object_put(p);
}

static struct json_object *
new_root(struct req *r)
{
	struct json_object	*o = json_object_new_object();

	arena_defer(r->arena, put_json, o);
	return o;
}

static struct json_object *
rel_json(const struct prel *p)
{
	struct json_object	*o = json_object_new_object();

	jsonw_add_str(o, "label", p->label);
	jsonw_add_str(o, "version", p->version);
	jsonw_add_str(o, "effective", p->effective);
	return o;
}

/* A decimal from PostgreSQL's text as a JSON number printed as is. */
static struct json_object *
num(const char *s)
{
	if (s == NULL)
		return NULL;
	return json_object_new_double_s(strtod(s, NULL), s);
}

static void
add_num(struct json_object *o, const char *k, const char *s)
{
	json_object_object_add(o, k, num(s));
}

/* The code in path parameter or field; 0, or a status (message set). */
static int
proc_code(struct req *r, const char *what, const char *s, size_t len,
    char *key, int *set)
{
	int	 rc;

	if (s == NULL || len == 0)
		return resp_fail(r, 400, "%s: required (a CPT or HCPCS code)",
		    what);
	rc = premium_proc_code(s, len, key, set);
	if (rc == -2)
		return resp_fail(r, 400, "%s: %.*s is an %s code; this data "
		    "is for CPT and HCPCS codes", what, (int)(len > 32 ? 32 :
		    len), s, codeset_label((enum code_set)*set));
	if (rc != 0)
		return resp_fail(r, 400, "%s: not a CPT or HCPCS code", what);
	return 0;
}

static int
meter_one(struct req *r, int set, const char *key, int *st)
{
	struct meter	 m;

	if (meter_code_view(r, codeset_name((enum code_set)set), key,
	    &m) == -1) {
		*st = db_fail(r);
		return 0;
	}
	if (!m.unlocked) {
		*st = resp_fail(r, 403, "%s: premium data; your free views are "
		    "used up: register or log in for more", key);
		return 0;
	}
	return 1;
}

static struct json_object *
edit_json(const struct edit *e)
{
	struct json_object	*o = json_object_new_object();

	jsonw_add_str(o, "column_1", e->col1);
	jsonw_add_str(o, "column_2", e->col2);
	jsonw_add_int(o, "modifier_indicator", e->modifier);
	jsonw_add_str(o, "modifier_meaning", ncci_mod_meaning(e->modifier));
	jsonw_add_str(o, "what_to_do", ncci_mod_action(e->modifier));
	jsonw_add_str(o, "effective", e->effective);
	jsonw_add_str(o, "deleted", e->deleted);
	jsonw_add_bool(o, "prior_1996", e->prior_1996);
	if (e->rationale_id > 0)
		jsonw_add_int(o, "rationale_id", e->rationale_id);
	jsonw_add_str(o, "rationale", e->rationale);
	json_object_object_add(o, "release", rel_json(&e->rel));
	return o;
}

/*
 * Pair answers per worker: an edit only changes with a release, and the
 * release version is part of the key. Direct-mapped; the body is kept as
 * the JSON text sent.
 */
#define PAIR_SLOTS	4096

static struct pair_cache {
	char	*key;
	char	*body;
} pair_cache[PAIR_SLOTS];

static struct pair_cache *
pair_slot(const char *key)
{
	return &pair_cache[hash_str(key) % PAIR_SLOTS];
}

int
page_api_ncci_pair(struct req *r)
{
	char			 k1[CODESET_KEY_SIZE], k2[CODESET_KEY_SIZE];
	const struct fval	*f1 = r->field[F_C1], *f2 = r->field[F_C2];
	const char		*setting = "practitioner", *date, *msg;
	struct json_object	*o, *a;
	struct edit		*v;
	struct prel		 rel;
	struct pair_cache	*pc;
	const char		*key;
	size_t			 n, i;
	int			 s1, s2, st, rc, shown = 0;

	if (r->bad[F_C1] != NULL || r->bad[F_C2] != NULL)
		return resp_fail(r, 400, "c1, c2: a CPT or HCPCS code each");
	if ((st = proc_code(r, "c1", f1 ? f1->s : NULL, f1 ? f1->len : 0,
	    k1, &s1)) != 0 || (st = proc_code(r, "c2", f2 ? f2->s : NULL,
	    f2 ? f2->len : 0, k2, &s2)) != 0)
		return st;
	if (strcmp(k1, k2) == 0)
		return resp_fail(r, 400, "c2: must differ from c1");
	if (r->bad[F_SETTING] != NULL || (r->field[F_SETTING] != NULL &&
	    ncci_dataset(r->field[F_SETTING]->s) == NULL))
		return resp_fail(r, 400, "setting: practitioner or hospital");
	if (r->field[F_SETTING] != NULL && r->field[F_SETTING]->s[0] != '\0')
		setting = r->field[F_SETTING]->s;
	date = premium_date(r, &msg);
	if (msg != NULL)
		return resp_fail(r, 400, "date: %s", msg);
	if ((rc = db_prem_release(r, ncci_dataset(setting), &rel)) == -1)
		return db_fail(r);
	if (rc == 0)
		return resp_fail(r, 404, "setting: no %s PTP edit release is "
		    "loaded", ncci_setting_label(setting));
	if (!meter_one(r, s1, k1, &st) || !meter_one(r, s2, k2, &st))
		return st;
	key = arena_printf(r->arena, "%s|%s|%s|%s|%s", setting,
	    rel.version != NULL ? rel.version : "", k1, k2,
	    date != NULL ? date : "");
	pc = pair_slot(key);
	if (pc->key != NULL && strcmp(pc->key, key) == 0) {
		buf_reset(&r->body);
		buf_adds(&r->body, pc->body);
		r->ctype = "application/json; charset=utf-8";
		return 200;
	}
	if (db_ncci_pair(r, ncci_dataset(setting), k1, k2, date, &v,
	    &n) == -1)
		return db_fail(r);

	o = new_root(r);
	jsonw_add_str(o, "c1", k1);
	jsonw_add_str(o, "c2", k2);
	jsonw_add_str(o, "setting", setting);
	jsonw_add_str(o, "date", date);
	/* Rows come in force first; the first is the edit. */
	if (n > 0 && v[0].applies) {
		json_object_object_add(o, "edit", edit_json(&v[0]));
		shown = 1;
	} else
		json_object_object_add(o, "edit", NULL);
	a = json_object_new_array();
	for (i = (size_t)shown; i < n; i++)
		if (!v[i].applies)
			json_object_array_add(a, edit_json(&v[i]));
	json_object_object_add(o, "not_in_force", a);
	json_object_object_add(o, "release", rel_json(&rel));
	if (rel.effective != NULL && n > 0 && v[0].effective == NULL)
		jsonw_add_str(o, "note", "this release's file has no "
		    "effective dates: an edit is taken to apply from before "
		    "any date of service until its deletion date");
	st = resp_json(r, 200, o);
	free(pc->key);
	free(pc->body);
	pc->key = xstrdup(key);
	pc->body = xstrdup(r->body.data);
	return st;
}

int
page_api_mue(struct req *r)
{
	char			 key[CODESET_KEY_SIZE];
	const char		*setting = "practitioner";
	struct json_object	*o, *a, *x;
	struct mue		*v;
	struct prel		 rel;
	size_t			 n, i;
	int			 set, st, rc, hit = -1;

	if ((st = proc_code(r, "code", r->param[0].s, r->param[0].len, key,
	    &set)) != 0)
		return st;
	if (r->bad[F_SETTING] != NULL || (r->field[F_SETTING] != NULL &&
	    r->field[F_SETTING]->s[0] != '\0' &&
	    strcmp(r->field[F_SETTING]->s, "practitioner") != 0 &&
	    strcmp(r->field[F_SETTING]->s, "hospital") != 0 &&
	    strcmp(r->field[F_SETTING]->s, "dme") != 0))
		return resp_fail(r, 400, "setting: practitioner, hospital or "
		    "dme");
	if (r->field[F_SETTING] != NULL && r->field[F_SETTING]->s[0] != '\0')
		setting = r->field[F_SETTING]->s;
	if ((rc = db_prem_release(r, "mue", &rel)) == -1)
		return db_fail(r);
	if (rc == 0)
		return resp_fail(r, 404, "no MUE release is loaded");
	if (!meter_one(r, set, key, &st))
		return st;
	if (db_mue_by_code(r, key, NULL, &v, &n) == -1)
		return db_fail(r);
	o = new_root(r);
	jsonw_add_str(o, "code", key);
	jsonw_add_str(o, "setting", setting);
	for (i = 0; i < n; i++)
		if (strcmp(v[i].setting, setting) == 0)
			hit = (int)i;
	jsonw_add_bool(o, "found", hit >= 0);
	if (hit >= 0) {
		add_num(o, "units", v[hit].units);
		jsonw_add_int(o, "mai", v[hit].mai);
		jsonw_add_str(o, "mai_text", v[hit].mai_text);
		jsonw_add_str(o, "mai_meaning", mue_mai_meaning(v[hit].mai));
		jsonw_add_str(o, "rationale", v[hit].rationale);
	} else {
		json_object_object_add(o, "units", NULL);
		json_object_object_add(o, "mai", NULL);
		json_object_object_add(o, "mai_meaning", NULL);
		json_object_object_add(o, "rationale", NULL);
		jsonw_add_str(o, "note", "no unit limit for this code and "
		    "setting in the loaded MUE table");
	}
	a = json_object_new_array();
	for (i = 0; i < n; i++) {
		x = json_object_new_object();
		jsonw_add_str(x, "setting", v[i].setting);
		add_num(x, "units", v[i].units);
		jsonw_add_int(x, "mai", v[i].mai);
		jsonw_add_str(x, "mai_meaning", mue_mai_meaning(v[i].mai));
		jsonw_add_str(x, "rationale", v[i].rationale);
		json_object_array_add(a, x);
	}
	json_object_object_add(o, "settings", a);
	json_object_object_add(o, "release", rel_json(&rel));
	return resp_json(r, 200, o);
}

static struct json_object *
ind_json(const char *v, const char *meaning)
{
	struct json_object	*o = json_object_new_object();

	jsonw_add_str(o, "value", v);
	jsonw_add_str(o, "meaning", meaning);
	return o;
}

int
page_api_fee(struct req *r)
{
	char			 key[CODESET_KEY_SIZE], mod[4] = "";
	const char		*locid = NULL;
	struct json_object	*o, *x, *ind, *pay, *rows;
	struct rvu		*v;
	struct locality		 loc;
	struct prel		 rel;
	size_t			 n, i;
	int			 set, st, rc;

	if ((st = proc_code(r, "code", r->param[0].s, r->param[0].len, key,
	    &set)) != 0)
		return st;
	if (r->bad[F_MODIFIER] != NULL)
		return resp_fail(r, 400, "modifier: 26, TC or 53");
	if (r->field[F_MODIFIER] != NULL && r->field[F_MODIFIER]->s[0]) {
		const char *m = r->field[F_MODIFIER]->s;

		if (strcasecmp(m, "26") == 0 || strcasecmp(m, "53") == 0)
			memcpy(mod, m, 3);
		else if (strcasecmp(m, "TC") == 0)
			memcpy(mod, "TC", 3);
		else
			return resp_fail(r, 400, "modifier: 26, TC or 53 (or "
			    "none)");
	}
	if (r->bad[F_YEAR] != NULL)
		return resp_fail(r, 400, "year: four digits, like 2025");
	if (r->bad[F_LOCALITY] != NULL)
		return resp_fail(r, 400, "locality: MAC-locality like "
		    "01112-05");
	if ((rc = db_prem_release(r, "pfs", &rel)) == -1)
		return db_fail(r);
	if (rc == 0)
		return resp_fail(r, 404, "no physician fee schedule is loaded");
	if (r->field[F_YEAR] != NULL && (rel.effective == NULL ||
	    strtol(rel.effective, NULL, 10) != r->field[F_YEAR]->i))
		return resp_fail(r, 404, "year: the loaded fee schedule is "
		    "%.4s (%s)", rel.effective != NULL ? rel.effective : "?",
		    rel.label);
	if (r->bad[F_LOCALITY] != NULL)
		return resp_fail(r, 400, "locality: MAC-locality like "
		    "01112-05");
	if (r->field[F_LOCALITY] != NULL && r->field[F_LOCALITY]->s[0]) {
		locid = r->field[F_LOCALITY]->s;
		if ((rc = db_gpci_get(r, locid, &loc)) == -1)
			return db_fail(r);
		if (rc == 0)
			return resp_fail(r, 404, "locality: no payment "
			    "locality %s in the GPCI table (MAC-locality, "
			    "like 01112-05)", locid);
	}
	if (!meter_one(r, set, key, &st))
		return st;
	if (db_pfs_by_code(r, key, locid, mod[0] ? mod : NULL, &v, &n) == -1)
		return db_fail(r);
	if (n == 0)
		return resp_fail(r, 404, "%s%s%s: no record in %s", key,
		    mod[0] ? " modifier " : "", mod, rel.label);

	o = new_root(r);
	jsonw_add_str(o, "code", key);
	jsonw_add_str(o, "modifier", mod[0] ? mod : NULL);
	jsonw_add_str(o, "status", v[0].status);
	jsonw_add_str(o, "status_meaning", pfs_status_meaning(v[0].status));
	jsonw_add_bool(o, "payable", pfs_status_payable(v[0].status));
	x = json_object_new_object();
	add_num(x, "work", v[0].work);
	add_num(x, "pe_nonfacility", v[0].pe_nonfac);
	jsonw_add_bool(x, "pe_nonfacility_na", v[0].pe_nonfac_na);
	add_num(x, "pe_facility", v[0].pe_fac);
	jsonw_add_bool(x, "pe_facility_na", v[0].pe_fac_na);
	add_num(x, "mp", v[0].mp);
	add_num(x, "total_nonfacility", v[0].total_nonfac);
	add_num(x, "total_facility", v[0].total_fac);
	json_object_object_add(o, "rvu", x);
	ind = json_object_new_object();
	json_object_object_add(ind, "global", ind_json(v[0].global,
	    pfs_global_meaning(v[0].global)));
	json_object_object_add(ind, "pctc", ind_json(v[0].pctc,
	    pfs_pctc_meaning(v[0].pctc)));
	json_object_object_add(ind, "multiple_procedure",
	    ind_json(v[0].mult_proc, pfs_mult_meaning(v[0].mult_proc)));
	json_object_object_add(ind, "bilateral", ind_json(v[0].bilateral,
	    pfs_bilat_meaning(v[0].bilateral)));
	json_object_object_add(ind, "assistant", ind_json(v[0].assistant,
	    pfs_asst_meaning(v[0].assistant)));
	json_object_object_add(ind, "cosurgeons", ind_json(v[0].cosurgeons,
	    pfs_cosurg_meaning(v[0].cosurgeons)));
	json_object_object_add(ind, "team", ind_json(v[0].team,
	    pfs_team_meaning(v[0].team)));
	json_object_object_add(o, "indicators", ind);
	add_num(o, "conversion_factor", v[0].conv_factor);
	x = json_object_new_object();
	if (locid != NULL) {
		jsonw_add_str(x, "id", loc.id);
		jsonw_add_str(x, "state", loc.state);
		jsonw_add_str(x, "name", loc.name);
		json_object_object_add(x, "release", rel_json(&loc.rel));
	} else
		jsonw_add_str(x, "id", "national");
	add_num(x, "gpci_work", v[0].gw);
	add_num(x, "gpci_pe", v[0].gpe);
	add_num(x, "gpci_mp", v[0].gmp);
	json_object_object_add(o, "locality", x);
	pay = json_object_new_object();
	if (pfs_status_payable(v[0].status)) {
		json_object_object_add(pay, "nonfacility", v[0].pe_nonfac_na ?
		    NULL : num(v[0].pay_nonfac));
		json_object_object_add(pay, "facility", v[0].pe_fac_na ?
		    NULL : num(v[0].pay_fac));
	} else {
		json_object_object_add(pay, "nonfacility", NULL);
		json_object_object_add(pay, "facility", NULL);
	}
	jsonw_add_str(pay, "formula", "(work x GPCI work + PE x GPCI PE + "
	    "MP x GPCI MP) x conversion factor, rounded to cents");
	json_object_object_add(o, "payment", pay);
	if (mod[0] == '\0' && n > 1) {
		rows = json_object_new_array();
		for (i = 1; i < n; i++)
			json_object_array_add(rows, jsonw_str(v[i].modifier));
		json_object_object_add(o, "other_modifiers", rows);
	}
	json_object_object_add(o, "release", rel_json(&rel));
	return resp_json(r, 200, o);
}
