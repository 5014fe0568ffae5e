/*
 * page_code: the code page (/codes/{set}/{code}) and its data twin
 * (/api/codes/{set}/{code}). Non-canonical spellings of a code (k922,
 * K922, k92.2) answer 301 to the canonical URL; an unknown code is a 404
 * page that suggests near codes.
 */
#include <stdint.h>
#include <string.h>

#include <json.h>

#include "arena.h"
#include "buf.h"
#include "cfg.h"
#include "codeset.h"
#include "db.h"
#include "hash.h"
#include "html.h"
#include "jsonw.h"
#include "lookup.h"
#include "meter.h"
#include "req.h"
#include "resp.h"
#include "search.h"
#include "session.h"
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

/* The keys whose notes apply to c: itself and its ancestor codes, as a
 * PostgreSQL text[] literal (keys are [0-9A-Z]). */
static const char *
note_keys(struct req *r, const struct code *c, const struct node *anc,
    size_t nanc)
{
	struct buf	 keys;
	const char	*out;
	size_t		 i;

	buf_init(&keys, 64);
	buf_addf(&keys, "{%s", c->key);
	for (i = 0; i < nanc; i++)
		if (strcmp(anc[i].kind, "code") == 0)
			buf_addf(&keys, ",%s", anc[i].key);
	buf_addc(&keys, '}');
	out = arena_strdup(r->arena, keys.data);
	buf_release(&keys);
	return out;
}

/* ICD-10-CM notes of the code and the ones its ancestors pass down. */
static void
add_notes(struct req *r, struct tdict *d, const struct code *c,
    const struct note *v, size_t n)
{
	struct tdict	*grp = NULL, *it;
	const char	*lastcode = "", *lastkind = "";
	size_t		 i, k;

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
}

/* Everything the public part of a code page shows. */
struct pub {
	struct code	 c;
	struct node	*anc, *kids, *bill, prev, next;
	size_t		 nanc, nkids, nbill;
	long long	 total;
	const char	*lay;
	struct note	*notes;
	size_t		 nnotes;
};

/* Read the public part from the database: 1 found, 0 not, -1 failed. */
static int
pub_load(struct req *r, enum code_set set, const char *key, struct pub *p)
{
	int	 st;

	memset(p, 0, sizeof(*p));
	if ((st = db_codes_get(r, set, key, &p->c)) != 1)
		return st;
	if (db_codes_ancestors(r, &p->c, &p->anc, &p->nanc) == -1 ||
	    db_codes_children(r, &p->c, CHILDREN_MAX, &p->kids,
	    &p->nkids) == -1 ||
	    db_codes_neighbours(r, &p->c, &p->prev, &p->next) == -1 ||
	    db_code_text_get(r, set, p->c.key, &p->lay) == -1)
		return -1;
	if (!p->c.billable && db_codes_billable_under(r, &p->c, BILLABLE_MAX,
	    &p->bill, &p->nbill, &p->total) == -1)
		return -1;
	if (set == CODESET_ICD10CM && db_code_notes_by_codes(r,
	    p->c.release_id, note_keys(r, &p->c, p->anc, p->nanc), &p->notes,
	    &p->nnotes) == -1)
		return -1;
	return 1;
}

/*
 * The public parts of recently shown code pages, per worker: a code page
 * is read far more often than releases change. Direct-mapped by a hash
 * of set and key; each entry owns a small arena holding a deep copy. An
 * entry is good while the search index generation it was made under
 * lives: that generation changes with every release switch and every
 * edit of site-written text (search_mem.c's signature).
 */
#define PCACHE_SLOTS	2048

static struct pcache {
	struct arena	*a;
	unsigned	 generation;
	enum code_set	 set;
	struct pub	 p;
} pcache[PCACHE_SLOTS];

static const char *
dup(struct arena *a, const char *s)
{
	return s == NULL ? NULL : arena_strdup(a, s);
}

static void
node_copy(struct arena *a, struct node *dst, const struct node *src)
{
	dst->key = dup(a, src->key);
	dst->display = dup(a, src->display);
	dst->kind = dup(a, src->kind);
	dst->title = dup(a, src->title);
	dst->billable = src->billable;
}

static struct node *
nodes_copy(struct arena *a, const struct node *v, size_t n)
{
	struct node	*out = arena_calloc(a, n + 1, sizeof(*out));
	size_t		 i;

	for (i = 0; i < n; i++)
		node_copy(a, &out[i], &v[i]);
	return out;
}

static struct pcache *
pcache_slot(enum code_set set, const char *key)
{
	return &pcache[(hash_str(key) ^ (uint32_t)set) % PCACHE_SLOTS];
}

static void
pcache_put(struct pcache *e, enum code_set set, const struct pub *p)
{
	struct arena	*a;
	struct pub	*q = &e->p;
	struct code	*c = &q->c;
	size_t		 i;

	if (e->a == NULL)
		e->a = arena_new_sized(4096);
	arena_reset(e->a);
	a = e->a;
	e->generation = smem_generation();
	e->set = set;
	*q = *p;
	c->key = dup(a, p->c.key);
	c->display = dup(a, p->c.display);
	c->kind = dup(a, p->c.kind);
	c->short_title = dup(a, p->c.short_title);
	c->title = dup(a, p->c.title);
	c->parent = dup(a, p->c.parent);
	c->attrs = dup(a, p->c.attrs);
	c->release.dataset = dup(a, p->c.release.dataset);
	c->release.label = dup(a, p->c.release.label);
	c->release.version = dup(a, p->c.release.version);
	c->release.effective = dup(a, p->c.release.effective);
	q->anc = nodes_copy(a, p->anc, p->nanc);
	q->kids = nodes_copy(a, p->kids, p->nkids);
	q->bill = nodes_copy(a, p->bill, p->nbill);
	node_copy(a, &q->prev, &p->prev);
	node_copy(a, &q->next, &p->next);
	q->lay = dup(a, p->lay);
	q->notes = arena_calloc(a, p->nnotes + 1, sizeof(*q->notes));
	for (i = 0; i < p->nnotes; i++) {
		q->notes[i].code = dup(a, p->notes[i].code);
		q->notes[i].kind = dup(a, p->notes[i].kind);
		q->notes[i].text = dup(a, p->notes[i].text);
	}
}

/* The public part of the page from the cache or the database. */
static int
pub_get(struct req *r, enum code_set set, const char *key, struct pub *p)
{
	struct pcache	*e;
	int		 st;

	/* A failed check keeps the old generation: cached pages stay
	 * valid for what the index still shows. */
	(void)smem_refresh(r);
	r->dbstatus = 0;
	e = pcache_slot(set, key);
	if (e->a != NULL && e->generation == smem_generation() &&
	    smem_generation() != 0 && e->set == set &&
	    strcmp(e->p.c.key, key) == 0) {
		*p = e->p;
		return 1;
	}
	if ((st = pub_load(r, set, key, p)) == 1 && smem_generation() != 0)
		pcache_put(e, set, p);
	return st;
}

static void
add_node(struct req *r, struct tdict *d, const char *list, enum code_set set,
    const struct node *v)
{
	struct tdict	*it;

	it = tdict_push(d, list);
	/* Codes link by their display form, chapters, blocks and sections
	 * by their key (their tree pages). */
	tdict_str(it, "url", strcmp(v->kind, "code") == 0 ?
	    code_url(r, set, v->display) : url_path(r->arena, "/codes",
	    codeset_name(set), v->key, NULL));
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
	struct pub	 pb;
	char		 key[32];
	int		 st, is_cpt, rc;

	/* Hierarchy nodes (chapter-4, E08-E13, pcs-0D, 70010-79999) and
	 * CPT/HCPCS ranges have a '-'; codes never do. */
	if (memchr(r->param[1].s, '-', r->param[1].len) != NULL)
		return page_node(r);
	if ((st = parse_code(r, 0, &set, key, sizeof(key))) != 0)
		return st;
	if ((st = pub_get(r, set, key, &pb)) == -1)
		return db_fail(r);
	if (st == 0)
		return not_found(r, set, key);
	c = pb.c;
	if (r->method == METHOD_GET)
		session_recent_code(r, codeset_name(set), c.key);
	anc = pb.anc;
	nanc = pb.nanc;
	kids = pb.kids;
	nkids = pb.nkids;
	bill = pb.bill;
	nbill = pb.nbill;
	total = pb.total;
	prev = pb.prev;
	next = pb.next;
	lay = pb.lay;

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
	add_notes(r, d, &c, pb.notes, pb.nnotes);

	if (meter_code_view(r, codeset_name(set), c.key, &m) == -1)
		return db_fail(r);
	tdict_str(d, "meter_banner", m.banner);
	tdict_bool(d, "meter_guest", m.guest);
	tdict_bool(d, "meter_out", m.banner != NULL && m.remaining == 0);
	tdict_int(d, "meter_remaining", m.remaining);
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
