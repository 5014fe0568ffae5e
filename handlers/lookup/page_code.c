/*
 * page_code: the code page (/codes/{set}/{code}) and its data twin
 * (/api/codes/{set}/{code}). Non-canonical spellings of a code (k922,
 * K922, k92.2) answer 301 to the canonical URL; an unknown code is a 404
 * page that suggests near codes.
 */
#include <string.h>

#include <json.h>

#include "arena.h"
#include "buf.h"
#include "cfg.h"
#include "codeset.h"
#include "db.h"
#include "html.h"
#include "jsonw.h"
#include "lookup.h"
#include "meter.h"
#include "req.h"
#include "resp.h"
#include "tmpl.h"
#include "url.h"

#define CHILDREN_MAX	200
#define BILLABLE_MAX	60
#define NEAR_MAX	10

/* The premium sections of a code page; metering (accounts issue) decides
 * their state, the NCCI/MUE/PFS issue fills their bodies. */
struct premium {
	const char	*name;
	const char	*heading;
	const char	*blurb;
	unsigned	 sets;		/* bit mask of code sets */
};

#define PROC	((1u << CODESET_CPT) | (1u << CODESET_HCPCS))
#define ALL	(PROC | (1u << CODESET_ICD10CM) | (1u << CODESET_ICD10PCS))

static const struct premium premiums[] = {
	{ "payment", "Medicare payment", "Physician fee schedule RVUs and "
	    "payment by locality, facility and non-facility.", PROC },
	{ "ncci", "NCCI edits", "Procedure-to-procedure edits: the codes "
	    "this code bundles and the codes it is bundled into.", PROC },
	{ "mue", "Unit limits (MUE)", "Medically unlikely edits: units per "
	    "day and the adjudication indicator.", PROC },
	{ "modifiers", "Modifiers", "Modifiers that apply to this code.",
	    PROC },
	{ "guidelines", "Guidelines", "Coding and billing guidelines "
	    "written by our coders.", ALL },
	{ "history", "Code history", "When the code was added, revised or "
	    "deleted, release by release.", ALL },
	{ "similar", "Similar codes", "Codes coders often consider "
	    "instead of this one.", ALL },
};

static const struct {
	const char	*kind;
	const char	*heading;
	int		 inherited;	/* applies to the codes below it */
} note_kinds[] = {
	{ "inclusion", "Inclusion terms", 0 },
	{ "includes", "Includes", 1 },
	{ "excludes1", "Excludes1", 1 },
	{ "excludes2", "Excludes2", 1 },
	{ "code_first", "Code first", 1 },
	{ "use_additional", "Use additional code", 1 },
	{ "code_also", "Code also", 1 },
	{ "seven_chr_note", "7th character", 1 },
	{ "seven_chr", "7th characters", 1 },
};

/* Parse the route's {set} and {code}. Returns 0, or a status (with the
 * redirect or the message) that the page returns as is. */
static int
parse_code(struct req *r, int api, enum code_set *set, char *key,
    size_t keysz)
{
	const struct fval	*ps = &r->param[0], *pc = &r->param[1];
	char			 disp[32], lower[16];
	size_t			 i;
	int			 s;

	if ((s = codeset_from_name(ps->s, ps->len)) == -1) {
		/* /codes/ICD10CM/... → /codes/icd10cm/... */
		for (i = 0; i < ps->len && i + 1 < sizeof(lower); i++)
			lower[i] = (char)(ps->s[i] >= 'A' && ps->s[i] <= 'Z' ?
			    ps->s[i] + 32 : ps->s[i]);
		lower[i] = '\0';
		if (!api && i == ps->len &&
		    (s = codeset_from_name(lower, i)) != -1)
			return resp_redirect(r, 301, url_path(r->arena,
			    "/codes", lower, pc->s, NULL));
		return resp_fail(r, 404, "There is no code set \"%s\". The "
		    "code sets are cpt, hcpcs, icd10cm and icd10pcs.", ps->s);
	}
	*set = (enum code_set)s;
	if (codeset_key(*set, pc->s, pc->len, key, keysz) == -1)
		return resp_fail(r, 404, "\"%s\" is not a %s code.", pc->s,
		    codeset_label(*set));
	if (codeset_display(*set, key, disp, sizeof(disp)) == -1)
		return 500;
	if (!api && strcmp(disp, pc->s) != 0)
		return resp_redirect(r, 301, url_path(r->arena, "/codes",
		    codeset_name(*set), disp, NULL));
	return 0;
}

static const char *
code_url(struct req *r, enum code_set set, const char *display)
{
	return url_path(r->arena, "/codes", codeset_name(set), display, NULL);
}

/* The 404 page for a code that is well-formed but not loaded. */
static int
not_found(struct req *r, enum code_set set, const char *key)
{
	struct tdict	*d, *it;
	struct node	*v = NULL;
	size_t		 n = 0, i, len;
	char		 prefix[16];

	len = strlen(key);
	if (len >= sizeof(prefix))
		len = sizeof(prefix) - 1;
	/* The longest prefix of the code that some loaded codes share. */
	for (; len > 0 && n == 0; len--) {
		memcpy(prefix, key, len);
		prefix[len] = '\0';
		if (db_codes_near(r, set, prefix, NEAR_MAX, &v, &n) == -1)
			return db_fail(r);
	}
	d = tdict_new(r->arena);
	tdict_str(d, "title", arena_printf(r->arena, "%s %s not found",
	    codeset_label(set), r->param[1].s));
	tdict_str(d, "set", codeset_name(set));
	tdict_str(d, "set_label", codeset_label(set));
	tdict_str(d, "query", r->param[1].s);
	tdict_list(d, "suggestions");
	for (i = 0; i < n; i++) {
		it = tdict_push(d, "suggestions");
		tdict_str(it, "url", code_url(r, set, v[i].display));
		tdict_str(it, "code", v[i].display);
		tdict_str(it, "title", v[i].title);
	}
	return resp_tmpl(r, 404, "notfound", d);
}

static const char *
attr(struct req *r, const char *json, const char *name)
{
	struct json_object	*o, *v;
	const char		*s = NULL;

	if (json == NULL || (o = json_tokener_parse(json)) == NULL)
		return NULL;
	if (json_object_object_get_ex(o, name, &v) &&
	    json_object_is_type(v, json_type_string))
		s = arena_strdup(r->arena, json_object_get_string(v));
	json_object_put(o);
	return s;
}

/* ICD-10-CM notes of the code and the ones its ancestors pass down. */
static int
add_notes(struct req *r, struct tdict *d, const struct code *c,
    const struct node *anc, size_t nanc)
{
	struct note	*v;
	struct buf	 keys;
	struct tdict	*grp = NULL, *it;
	const char	*lastcode = "", *lastkind = "";
	size_t		 n, i, k;
	int		 rc;

	buf_init(&keys, 64);
	buf_addf(&keys, "{%s", c->key);
	for (i = 0; i < nanc; i++)
		if (strcmp(anc[i].kind, "code") == 0)
			buf_addf(&keys, ",%s", anc[i].key);
	buf_addc(&keys, '}');
	rc = db_code_notes_by_codes(r, c->release_id, arena_strdup(r->arena,
	    keys.data), &v, &n);
	buf_release(&keys);
	if (rc == -1)
		return -1;
	for (i = 0; i < n; i++) {
		for (k = 0; k < sizeof(note_kinds) / sizeof(note_kinds[0]); k++)
			if (strcmp(note_kinds[k].kind, v[i].kind) == 0)
				break;
		if (k == sizeof(note_kinds) / sizeof(note_kinds[0]))
			continue;
		if (strcmp(v[i].code, c->key) != 0 && !note_kinds[k].inherited)
			continue;
		if (grp == NULL || strcmp(lastcode, v[i].code) != 0 ||
		    strcmp(lastkind, v[i].kind) != 0) {
			char disp[32];

			grp = tdict_push(d, "notes");
			tdict_str(grp, "heading", note_kinds[k].heading);
			if (strcmp(v[i].code, c->key) != 0 &&
			    codeset_display(c->set, v[i].code, disp,
			    sizeof(disp)) == 0)
				tdict_str(grp, "from", arena_strdup(r->arena,
				    disp));
			lastcode = v[i].code;
			lastkind = v[i].kind;
		}
		it = tdict_push(grp, "items");
		tdict_str(it, "text", v[i].text);
	}
	return 0;
}

static void
add_node(struct req *r, struct tdict *d, const char *list, enum code_set set,
    const struct node *v)
{
	struct tdict	*it;

	it = tdict_push(d, list);
	tdict_str(it, "url", strcmp(v->kind, "code") == 0 ?
	    code_url(r, set, v->display) : NULL);
	tdict_str(it, "code", v->display);
	tdict_str(it, "label", v->display);
	tdict_str(it, "title", v->title);
	tdict_str(it, "name", v->title);
	tdict_bool(it, "billable", v->billable);
}

static void
add_neighbour(struct req *r, struct tdict *d, const char *which,
    enum code_set set, const struct node *v)
{
	if (v->key == NULL)
		return;
	tdict_str(d, arena_printf(r->arena, "%s_url", which),
	    code_url(r, set, v->display));
	tdict_str(d, arena_printf(r->arena, "%s_code", which), v->display);
	tdict_str(d, arena_printf(r->arena, "%s_title", which), v->title);
}

int
page_code(struct req *r)
{
	struct code	 c;
	struct node	*anc, *kids, *bill = NULL, prev, next;
	size_t		 nanc, nkids, nbill = 0, i;
	long long	 total = 0;
	struct tdict	*d, *it;
	const char	*lay, *name;
	enum code_set	 set;
	struct buf	 body;
	struct meter	 m;
	char		 key[32];
	int		 st, is_cpt, rc;

	if ((st = parse_code(r, 0, &set, key, sizeof(key))) != 0)
		return st;
	if ((st = db_codes_get(r, set, key, &c)) == -1)
		return db_fail(r);
	if (st == 0)
		return not_found(r, set, key);
	if (db_codes_ancestors(r, &c, &anc, &nanc) == -1 ||
	    db_codes_children(r, &c, CHILDREN_MAX, &kids, &nkids) == -1 ||
	    db_codes_neighbours(r, &c, &prev, &next) == -1 ||
	    db_code_text_get(r, set, c.key, &lay) == -1)
		return db_fail(r);
	if (!c.billable && db_codes_billable_under(r, &c, BILLABLE_MAX, &bill,
	    &nbill, &total) == -1)
		return db_fail(r);

	is_cpt = set == CODESET_CPT;
	name = codeset_label(set);
	d = tdict_new(r->arena);
	tdict_str(d, "title", c.title != NULL ? arena_printf(r->arena,
	    "%s %s: %s", name, c.display, c.title) : arena_printf(r->arena,
	    "%s code %s", name, c.display));
	tdict_str(d, "description", lay != NULL ? lay : c.title != NULL ?
	    c.title : arena_printf(r->arena, "%s code %s: hierarchy, release "
	    "and Medicare data.", name, c.display));
	tdict_str(d, "canonical", arena_printf(r->arena, "%s%s", cfg.site_url,
	    code_url(r, set, c.display)));
	tdict_str(d, "set", codeset_name(set));
	tdict_str(d, "set_label", name);
	tdict_str(d, "code", c.display);
	tdict_str(d, "code_title", c.title);
	tdict_str(d, "short_title", c.short_title);
	tdict_bool(d, "billable", c.billable);
	tdict_bool(d, "header", !c.billable);
	tdict_str(d, "terminated", attr(r, c.attrs, "terminated"));
	tdict_str(d, "lay_description", lay);
	tdict_str(d, "release_label", c.release.label);
	tdict_str(d, "release_effective", c.release.effective);
	tdict_bool(d, "is_cpt", is_cpt);
	tdict_bool(d, "cpt_licensed", is_cpt && c.release.licensed);
	tdict_bool(d, "cpt_notice", is_cpt && c.release.licensed);
	tdict_str(d, "cpt_year", c.release.effective != NULL ?
	    arena_strndup(r->arena, c.release.effective, 4) : NULL);

	tdict_list(d, "crumbs");
	for (i = 0; i < nanc; i++)
		add_node(r, d, "crumbs", set, &anc[i]);
	tdict_list(d, "children");
	for (i = 0; i < nkids; i++)
		add_node(r, d, "children", set, &kids[i]);
	tdict_list(d, "billable_children");
	for (i = 0; i < nbill; i++)
		add_node(r, d, "billable_children", set, &bill[i]);
	if (total > (long long)nbill)
		tdict_str(d, "billable_children_more", arena_printf(r->arena,
		    "and %lld more billable codes below %s", total -
		    (long long)nbill, c.display));
	add_neighbour(r, d, "prev", set, &prev);
	add_neighbour(r, d, "next", set, &next);
	if (set == CODESET_ICD10CM && add_notes(r, d, &c, anc, nanc) == -1)
		return db_fail(r);

	if (meter_code_view(r, codeset_name(set), c.key, &m) == -1)
		return db_fail(r);
	tdict_str(d, "meter_banner", m.banner);
	tdict_list(d, "premium");
	for (i = 0; i < sizeof(premiums) / sizeof(premiums[0]); i++) {
		if (!(premiums[i].sets & (1u << set)))
			continue;
		it = tdict_push(d, "premium");
		tdict_str(it, "name", premiums[i].name);
		tdict_str(it, "heading", premiums[i].heading);
		tdict_str(it, "blurb", premiums[i].blurb);
		tdict_str(it, "state", m.unlocked ? "unlocked" : "locked");
		tdict_bool(it, "locked", !m.unlocked);
		if (!m.unlocked)
			continue;	/* the data never leaves the server */
		buf_init(&body, 0);
		rc = premium_body(r, &c, premiums[i].name, &body);
		if (rc == 0 && body.len > 0)
			tdict_html(it, "body", html_buf(r->arena, &body));
		buf_release(&body);
		if (rc == -1)
			return db_fail(r);
	}
	return resp_tmpl(r, 200, "code", d);
}

static struct json_object *
node_json(struct req *r, enum code_set set, const struct node *v)
{
	struct json_object	*o = json_object_new_object();

	jsonw_add_str(o, "kind", v->kind);
	jsonw_add_str(o, strcmp(v->kind, "code") == 0 ? "code" : "label",
	    v->display);
	jsonw_add_str(o, "title", v->title);
	if (strcmp(v->kind, "code") == 0) {
		jsonw_add_bool(o, "billable", v->billable);
		jsonw_add_str(o, "url", code_url(r, set, v->display));
	}
	return o;
}

static void
put_json(void *p)
{
	json_object_put(p);
}

int
page_api_code(struct req *r)
{
	struct code		 c;
	struct node		*anc, *kids;
	size_t			 nanc, nkids, i;
	struct json_object	*o, *rel, *a;
	const char		*lay;
	enum code_set		 set;
	char			 key[32];
	int			 st;

	if ((st = parse_code(r, 1, &set, key, sizeof(key))) != 0)
		return st;
	if ((st = db_codes_get(r, set, key, &c)) == -1)
		return db_fail(r);
	if (st == 0)
		return resp_fail(r, 404, "%s %s is not in the loaded release.",
		    codeset_label(set), r->param[1].s);
	if (db_codes_ancestors(r, &c, &anc, &nanc) == -1 ||
	    db_codes_children(r, &c, CHILDREN_MAX, &kids, &nkids) == -1 ||
	    db_code_text_get(r, set, c.key, &lay) == -1)
		return db_fail(r);
	o = json_object_new_object();
	arena_defer(r->arena, put_json, o);
	jsonw_add_str(o, "set", codeset_name(set));
	jsonw_add_str(o, "code", c.display);
	jsonw_add_str(o, "title", c.title);
	jsonw_add_str(o, "short_title", c.short_title);
	jsonw_add_bool(o, "billable", c.billable);
	jsonw_add_str(o, "url", code_url(r, set, c.display));
	if (set == CODESET_CPT)
		jsonw_add_bool(o, "descriptor_licensed", c.release.licensed);
	jsonw_add_str(o, "terminated", attr(r, c.attrs, "terminated"));
	jsonw_add_str(o, "lay_description", lay);
	rel = json_object_new_object();
	jsonw_add_str(rel, "version", c.release.version);
	jsonw_add_str(rel, "label", c.release.label);
	jsonw_add_str(rel, "effective", c.release.effective);
	json_object_object_add(o, "release", rel);
	a = json_object_new_array();
	for (i = 0; i < nanc; i++)
		json_object_array_add(a, node_json(r, set, &anc[i]));
	json_object_object_add(o, "ancestors", a);
	a = json_object_new_array();
	for (i = 0; i < nkids; i++)
		json_object_array_add(a, node_json(r, set, &kids[i]));
	json_object_object_add(o, "children", a);
	return resp_json(r, 200, o);
}
