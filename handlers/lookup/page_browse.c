/*
 * page_browse: browsing the hierarchy of a code set. /codes/{set} lists
 * the top of the tree (ICD-10-CM chapters, PCS sections, HCPCS and CPT
 * section ranges); /codes/{set}/{node} (page_code hands over keys with a
 * '-') is a tree page listing a node's children, or for CPT and HCPCS a
 * range page ("77401-77499") listing the loaded codes in that range.
 * Every listed node shows how many codes and billable codes it holds.
 */
#include <stdint.h>
#include <string.h>
#include <strings.h>

#include "arena.h"
#include "buf.h"
#include "cfg.h"
#include "codeset.h"
#include "db.h"
#include "lookup.h"
#include "req.h"
#include "resp.h"
#include "tmpl.h"
#include "url.h"

#define BROWSE_PAGE	100	/* rows per page */
#define BROWSE_PAGES	10000	/* highest page number accepted */
#define NODE_MAX	32	/* longest node key looked at */
/* A seq past the last row of any release. */
#define SEQ_END		"2147483647"

/*
 * The statements. Within a release seq is the tabular order and every
 * node's subtree is the run of rows from the node up to its next
 * sibling (or the next sibling of its nearest ancestor that has one):
 * the importers write the tree in preorder. Counting codes below a node
 * is then a range scan of the (release_id, seq) index, not a recursion.
 */
enum browse_stmt {
	BSTMT_RELEASE_LIVE,
	BSTMT_NODE_GET,
	BSTMT_CHILDREN,
	BSTMT_ROOTS,
	BSTMT_RANGE,
	BSTMT_RANGE_SECTION,
	BSTMT__MAX
};

/* Columns of browse_release_live. */
enum { BR_ID, BR_LABEL, BR_VERSION, BR_EFFECTIVE, BR_LICENSED };
/* Columns of browse_node_get. */
enum { BN_CODE, BN_DISPLAY, BN_KIND, BN_TITLE, BN_BILLABLE, BN_SEQ, BN_END,
    BN_CODES, BN_BILLABLE_CODES };
/* Columns of browse_children, browse_roots, browse_range and
 * browse_range_section (the last without the counts). */
enum { BC_CODE, BC_DISPLAY, BC_KIND, BC_TITLE, BC_BILLABLE, BC_TOTAL,
    BC_CODES, BC_BILLABLE_CODES };

/* Children of a node ($2, or the roots), paged, with the codes below each:
 * a child's rows run to the next child's seq, the last one to $3, the
 * end of the parent. */
#define CHILDREN(where) \
	"SELECT k.code, k.display, k.kind, k.title, k.billable, k.total, " \
	"n.codes, n.billable FROM (SELECT * FROM (SELECT code, display, " \
	"kind, title, billable, seq, lead(seq, 1, $3::int) OVER " \
	"(ORDER BY seq) AS nxt, count(*) OVER () AS total FROM app.codes " \
	"WHERE release_id = $1 AND " where ") s ORDER BY seq " \
	"LIMIT $4 OFFSET $5) k CROSS JOIN LATERAL (SELECT count(*) AS " \
	"codes, count(*) FILTER (WHERE c.billable) AS billable " \
	"FROM app.codes c WHERE c.release_id = $1 AND c.kind = 'code' " \
	"AND c.seq >= k.seq AND c.seq < k.nxt) n ORDER BY k.seq"

const struct stmt browse_stmts[BSTMT__MAX + 1] = {
	{ "browse_release_live",
	  "SELECT id, label, version, effective::text, licensed "
	  "FROM app.releases WHERE dataset = $1 AND is_live", 1,
	  DB_READONLY }, /* BSTMT_RELEASE_LIVE */
	{ "browse_node_get",
	  "WITH RECURSIVE n AS (SELECT code, display, kind, title, "
	  "billable, seq, parent FROM app.codes WHERE release_id = $1 "
	  "AND code = $2 AND kind <> 'code'), "
	  "up(code, parent, seq) AS (SELECT code, parent, seq FROM n "
	  "UNION ALL SELECT c.code, c.parent, c.seq FROM app.codes c "
	  "JOIN up ON c.release_id = $1 AND c.code = up.parent), "
	  "e AS (SELECT coalesce(min(x.nxt), " SEQ_END ") AS seq FROM up "
	  "CROSS JOIN LATERAL (SELECT min(s.seq) AS nxt FROM app.codes s "
	  "WHERE s.release_id = $1 AND (s.parent = up.parent OR "
	  "(up.parent IS NULL AND s.parent IS NULL)) AND s.seq > up.seq) x) "
	  "SELECT n.code, n.display, n.kind, n.title, n.billable, n.seq, "
	  "e.seq, (SELECT count(*) FROM app.codes c WHERE c.release_id = $1 "
	  "AND c.kind = 'code' AND c.seq >= n.seq AND c.seq < e.seq), "
	  "(SELECT count(*) FROM app.codes c WHERE c.release_id = $1 "
	  "AND c.kind = 'code' AND c.billable AND c.seq >= n.seq "
	  "AND c.seq < e.seq) FROM n, e", 2,
	  DB_READONLY }, /* BSTMT_NODE_GET */
	{ "browse_children",
	  CHILDREN("parent = $2"), 5,
	  DB_READONLY }, /* BSTMT_CHILDREN */
	{ "browse_roots",
	  CHILDREN("parent IS NULL AND $2::text IS NULL"), 5,
	  DB_READONLY }, /* BSTMT_ROOTS */
	{ "browse_range",
	  "SELECT code, display, kind, title, billable, count(*) OVER () "
	  "FROM app.codes WHERE release_id = $1 AND kind = 'code' "
	  "AND code >= $2 AND code <= $3 AND code ~ $4 "
	  "ORDER BY code LIMIT $5 OFFSET $6", 6,
	  DB_READONLY }, /* BSTMT_RANGE */
	{ "browse_range_section",
	  "SELECT code, display, kind, title, billable, 0 FROM app.codes "
	  "WHERE release_id = $1 AND kind = 'section' "
	  "AND split_part(code, '-', 1) ~ $4 "
	  "AND split_part(code, '-', 1) <= $2 "
	  "AND split_part(code, '-', 2) >= $3 "
	  "ORDER BY depth DESC, seq LIMIT 1", 4,
	  DB_READONLY }, /* BSTMT_RANGE_SECTION */
	{ NULL, NULL, 0, 0 },
};

struct brelease {
	long long	 id;
	const char	*label;
	const char	*version;
	const char	*effective;
	int		 licensed;
};

struct bnode {
	const char	*key;
	const char	*display;
	const char	*kind;
	const char	*title;
	int		 billable;
	long long	 codes;		/* kind 'code' rows below */
	long long	 billable_codes;
	long long	 seq;		/* browse_node_get only */
	long long	 end;
};

/* A page of rows: which page (from 1), the rows, and how many in all. */
struct bpage {
	long long	 page;
	struct bnode	*v;
	size_t		 n;
	long long	 total;
};

/* Typed wrappers: PGresult stays in these. 1 found, 0 not, -1 failed. */

static int
db_browse_release(struct req *r, enum code_set set, struct brelease *rel)
{
	const char	*p[1] = { codeset_name(set) };
	PGresult	*res;

	if ((res = db_exec(r, &browse_stmts[BSTMT_RELEASE_LIVE], p)) == NULL)
		return -1;
	if (PQntuples(res) == 0)
		return 0;
	rel->id = db_int(res, 0, BR_ID);
	rel->label = db_str(res, 0, BR_LABEL);
	rel->version = db_str(res, 0, BR_VERSION);
	rel->effective = db_str(res, 0, BR_EFFECTIVE);
	rel->licensed = db_bool(res, 0, BR_LICENSED);
	return 1;
}

static int
db_browse_node_get(struct req *r, const struct brelease *rel,
    const char *key, struct bnode *nd)
{
	const char	*p[2];
	PGresult	*res;

	p[0] = arena_printf(r->arena, "%lld", rel->id);
	p[1] = key;
	if ((res = db_exec(r, &browse_stmts[BSTMT_NODE_GET], p)) == NULL)
		return -1;
	if (PQntuples(res) == 0)
		return 0;
	memset(nd, 0, sizeof(*nd));
	nd->key = db_str(res, 0, BN_CODE);
	nd->display = db_str(res, 0, BN_DISPLAY);
	nd->kind = db_str(res, 0, BN_KIND);
	nd->title = db_str(res, 0, BN_TITLE);
	nd->billable = db_bool(res, 0, BN_BILLABLE);
	nd->seq = db_int(res, 0, BN_SEQ);
	nd->end = db_int(res, 0, BN_END);
	nd->codes = db_int(res, 0, BN_CODES);
	nd->billable_codes = db_int(res, 0, BN_BILLABLE_CODES);
	return 1;
}

/* Rows of (code, display, kind, title, billable, total[, codes,
 * billable codes]) into pg. */
static void
bnodes(struct req *r, PGresult *res, int counts, struct bpage *pg)
{
	struct bnode	*v;
	int		 i, rows = PQntuples(res);

	v = arena_calloc(r->arena, (size_t)rows + 1, sizeof(*v));
	for (i = 0; i < rows; i++) {
		v[i].key = db_str(res, i, BC_CODE);
		v[i].display = db_str(res, i, BC_DISPLAY);
		v[i].kind = db_str(res, i, BC_KIND);
		v[i].title = db_str(res, i, BC_TITLE);
		v[i].billable = db_bool(res, i, BC_BILLABLE);
		if (counts) {
			v[i].codes = db_int(res, i, BC_CODES);
			v[i].billable_codes = db_int(res, i,
			    BC_BILLABLE_CODES);
		} else if (strcmp(v[i].kind, "code") == 0) {
			v[i].codes = 1;
			v[i].billable_codes = v[i].billable;
		}
	}
	pg->v = v;
	pg->n = (size_t)rows;
	pg->total = rows > 0 ? db_int(res, 0, BC_TOTAL) : 0;
}

/* Children of nd, or the roots of the release when nd is NULL. */
static int
db_browse_children(struct req *r, const struct brelease *rel,
    const struct bnode *nd, struct bpage *pg)
{
	const char	*p[5];
	PGresult	*res;

	p[0] = arena_printf(r->arena, "%lld", rel->id);
	p[1] = nd != NULL ? nd->key : NULL;
	p[2] = nd != NULL ? arena_printf(r->arena, "%lld", nd->end) :
	    SEQ_END;
	p[3] = arena_printf(r->arena, "%d", BROWSE_PAGE);
	p[4] = arena_printf(r->arena, "%lld", (pg->page - 1) * BROWSE_PAGE);
	if ((res = db_exec(r, &browse_stmts[nd != NULL ? BSTMT_CHILDREN :
	    BSTMT_ROOTS], p)) == NULL)
		return -1;
	bnodes(r, res, 1, pg);
	return 0;
}

static int
db_browse_range(struct req *r, const struct brelease *rel, const char *lo,
    const char *hi, const char *shape, struct bpage *pg)
{
	const char	*p[6];
	PGresult	*res;

	p[0] = arena_printf(r->arena, "%lld", rel->id);
	p[1] = lo;
	p[2] = hi;
	p[3] = shape;
	p[4] = arena_printf(r->arena, "%d", BROWSE_PAGE);
	p[5] = arena_printf(r->arena, "%lld", (pg->page - 1) * BROWSE_PAGE);
	if ((res = db_exec(r, &browse_stmts[BSTMT_RANGE], p)) == NULL)
		return -1;
	bnodes(r, res, 0, pg);
	return 0;
}

/* The narrowest section whose range holds [lo, hi]. */
static int
db_browse_range_section(struct req *r, const struct brelease *rel,
    const char *lo, const char *hi, const char *shape, struct bnode *nd)
{
	const char	*p[4];
	PGresult	*res;
	struct bpage	 pg;

	p[0] = arena_printf(r->arena, "%lld", rel->id);
	p[1] = lo;
	p[2] = hi;
	p[3] = shape;
	if ((res = db_exec(r, &browse_stmts[BSTMT_RANGE_SECTION], p)) == NULL)
		return -1;
	bnodes(r, res, 0, &pg);
	if (pg.n == 0)
		return 0;
	*nd = pg.v[0];
	return 1;
}

/* Pages */

/*
 * The {set} parameter. Returns 0 with *set, or a status: 301 to the
 * lower-case name (rest, if not NULL, is the node segment), 404.
 */
static int
parse_set(struct req *r, const char *rest, enum code_set *set)
{
	const struct fval	*ps = &r->param[0];
	char			 lower[16];
	size_t			 i;
	int			 s;

	*set = CODESET__MAX;
	if ((s = codeset_from_name(ps->s, ps->len)) != -1) {
		*set = (enum code_set)s;
		return 0;
	}
	for (i = 0; i < ps->len && i + 1 < sizeof(lower); i++)
		lower[i] = (char)(ps->s[i] >= 'A' && ps->s[i] <= 'Z' ?
		    ps->s[i] + 32 : ps->s[i]);
	lower[i] = '\0';
	if (i == ps->len && codeset_from_name(lower, i) != -1)
		return resp_redirect(r, 301, url_path(r->arena, "/codes",
		    lower, rest, NULL));
	return resp_fail(r, 404, "There is no code set \"%s\". The code "
	    "sets are cpt, hcpcs, icd10cm and icd10pcs.", ps->s);
}

/* The page number: 1 without ?page; 0 for a bad value (the page answers
 * 400). */
static long long
page_number(struct req *r)
{
	if (r->bad[F_BROWSE_PAGE] != NULL)
		return 0;
	if (r->field[F_BROWSE_PAGE] == NULL)
		return 1;
	if (r->field[F_BROWSE_PAGE]->i < 1 ||
	    r->field[F_BROWSE_PAGE]->i > BROWSE_PAGES)
		return 0;
	return r->field[F_BROWSE_PAGE]->i;
}

/* "98,186". */
static const char *
count_text(struct req *r, long long n)
{
	char	 tmp[32], out[48];
	size_t	 len, i, o = 0;
	int	 w;

	w = snprintf(tmp, sizeof(tmp), "%lld", n);
	if (w < 0 || (size_t)w >= sizeof(tmp))
		return "?";
	len = (size_t)w;
	for (i = 0; i < len; i++) {
		if (i > 0 && tmp[i - 1] != '-' && (len - i) % 3 == 0)
			out[o++] = ',';
		out[o++] = tmp[i];
	}
	out[o] = '\0';
	return arena_strdup(r->arena, out);
}

static const char *
plural(long long n, const char *one, const char *many)
{
	return n == 1 ? one : many;
}

static const char *
node_url(struct req *r, enum code_set set, const struct bnode *v)
{
	return url_path(r->arena, "/codes", codeset_name(set),
	    strcmp(v->kind, "code") == 0 ? v->display : v->key, NULL);
}

/* "Chapter", "Block", "Section", "Code" for a column heading. */
static const char *
kind_heading(enum code_set set, const char *kind)
{
	if (strcmp(kind, "chapter") == 0)
		return "Chapter";
	if (strcmp(kind, "block") == 0)
		return "Block";
	if (strcmp(kind, "code") == 0)
		return "Code";
	return set == CODESET_HCPCS || set == CODESET_CPT ? "Range" :
	    "Section";
}

/* The values every browse page has; the breadcrumb starts with the set
 * (the current page on /codes/{set}). */
static struct tdict *
browse_dict(struct req *r, enum code_set set, const struct brelease *rel,
    int at_set)
{
	struct tdict	*d, *it;
	int		 is_cpt = set == CODESET_CPT;

	d = tdict_new(r->arena);
	tdict_str(d, "set", codeset_name(set));
	tdict_str(d, "set_label", codeset_label(set));
	tdict_str(d, "release_label", rel->label);
	tdict_str(d, "release_effective", rel->effective);
	tdict_bool(d, "cpt_unlicensed", is_cpt && !rel->licensed);
	tdict_bool(d, "cpt_notice", is_cpt && rel->licensed);
	tdict_bool(d, "is_cpt_set", is_cpt);
	tdict_str(d, "cpt_year", rel->effective != NULL ?
	    arena_strndup(r->arena, rel->effective, 4) : NULL);
	tdict_list(d, "crumbs");
	it = tdict_push(d, "crumbs");
	tdict_str(it, "url", url_path(r->arena, "/codes", codeset_name(set),
	    NULL));
	tdict_str(it, "label", codeset_label(set));
	tdict_bool(it, "current", at_set);
	return d;
}

static void
add_crumb(struct req *r, struct tdict *d, enum code_set set,
    const struct bnode *v)
{
	struct tdict	*it;

	it = tdict_push(d, "crumbs");
	tdict_str(it, "url", node_url(r, set, v));
	tdict_str(it, "label", v->display);
	tdict_str(it, "name", v->title);
}

/* The crumbs of a node's or range's ancestors, root first. */
static void
add_ancestor_crumbs(struct req *r, struct tdict *d, enum code_set set,
    const struct node *anc, size_t nanc)
{
	struct bnode	 b;
	size_t		 i;

	for (i = 0; i < nanc; i++) {
		memset(&b, 0, sizeof(b));
		b.key = anc[i].key;
		b.display = anc[i].display;
		b.kind = anc[i].kind;
		b.title = anc[i].title;
		add_crumb(r, d, set, &b);
	}
}

/* The rows and the paging links of pg; base is the page's own path. */
static void
add_rows(struct req *r, struct tdict *d, enum code_set set,
    const struct bpage *pg, const char *base)
{
	struct tdict	*it;
	size_t		 i;
	long long	 first, last;
	int		 counts = 0;

	tdict_list(d, "rows");
	for (i = 0; i < pg->n; i++) {
		const struct bnode *v = &pg->v[i];
		int leaf = strcmp(v->kind, "code") == 0 && v->codes <= 1;

		if (!leaf)
			counts = 1;
		it = tdict_push(d, "rows");
		tdict_str(it, "url", node_url(r, set, v));
		tdict_str(it, "label", v->display);
		tdict_str(it, "name", v->title);
		tdict_bool(it, "is_code", strcmp(v->kind, "code") == 0);
		tdict_bool(it, "leaf_billable", leaf && v->billable);
		tdict_bool(it, "leaf_header", leaf && !v->billable);
		if (!leaf) {
			tdict_str(it, "codes", count_text(r, v->codes));
			tdict_str(it, "billable_codes", count_text(r,
			    v->billable_codes));
		}
	}
	tdict_bool(d, "counts", counts);
	if (pg->n > 0)
		tdict_str(d, "kind_heading", kind_heading(set, pg->v[0].kind));
	if (pg->total <= BROWSE_PAGE)
		return;
	first = (pg->page - 1) * BROWSE_PAGE + 1;
	last = first + (long long)pg->n - 1;
	tdict_str(d, "paging", arena_printf(r->arena, "%s–%s of %s",
	    count_text(r, first), count_text(r, last),
	    count_text(r, pg->total)));
	if (pg->page > 1)
		tdict_str(d, "prev_url", pg->page == 2 ? base :
		    arena_printf(r->arena, "%s?page=%lld", base, pg->page - 1));
	if (last < pg->total)
		tdict_str(d, "next_url", arena_printf(r->arena, "%s?page=%lld",
		    base, pg->page + 1));
}

static void
set_canonical(struct req *r, struct tdict *d, const char *base,
    long long page)
{
	tdict_str(d, "canonical", page > 1 ? arena_printf(r->arena,
	    "%s%s?page=%lld", cfg.site_url, base, page) :
	    arena_printf(r->arena, "%s%s", cfg.site_url, base));
}

/*
 * GET /codes/{set}: the top of a code set's tree with counts.
 * 200; 301 to the lower-case set name; 400 bad page; 404 unknown set or
 * nothing loaded; 500/503.
 */
int
page_set(struct req *r)
{
	struct brelease	 rel;
	struct bpage	 pg;
	struct tdict	*d;
	enum code_set	 set;
	const char	*base, *name;
	long long	 codes = 0, billable = 0;
	size_t		 i;
	int		 st;

	if ((st = parse_set(r, NULL, &set)) != 0)
		return st;
	memset(&pg, 0, sizeof(pg));
	if ((pg.page = page_number(r)) == 0)
		return resp_fail(r, 400, "page: must be a whole number from 1 "
		    "to %d.", BROWSE_PAGES);
	name = codeset_label(set);
	if ((st = db_browse_release(r, set, &rel)) == -1)
		return db_fail(r);
	if (st == 0)
		return resp_fail(r, 404, "No %s release is loaded on this "
		    "site.", name);
	if (db_browse_children(r, &rel, NULL, &pg) == -1)
		return db_fail(r);
	if (pg.n == 0 && pg.page > 1)
		return resp_fail(r, 404, "There is no page %lld.", pg.page);
	base = url_path(r->arena, "/codes", codeset_name(set), NULL);
	d = browse_dict(r, set, &rel, 1);
	tdict_str(d, "title", arena_printf(r->arena, "%s codes by %s", name,
	    set == CODESET_ICD10CM ? "chapter" : "section"));
	tdict_str(d, "description", arena_printf(r->arena, "Browse the %s "
	    "code set (%s) by %s, with the number of codes and billable "
	    "codes in each.", name, rel.label, set == CODESET_ICD10CM ?
	    "chapter" : "section"));
	set_canonical(r, d, base, pg.page);
	tdict_bool(d, "is_set", 1);
	tdict_str(d, "heading", arena_printf(r->arena, "%s codes", name));
	if (pg.total == (long long)pg.n) {
		for (i = 0; i < pg.n; i++) {
			codes += pg.v[i].codes;
			billable += pg.v[i].billable_codes;
		}
		tdict_str(d, "summary", arena_printf(r->arena, "%s %s, %s "
		    "billable, in %s %s.", count_text(r, codes),
		    plural(codes, "code", "codes"), count_text(r, billable),
		    count_text(r, pg.total), set == CODESET_ICD10CM ?
		    plural(pg.total, "chapter", "chapters") :
		    plural(pg.total, "section", "sections")));
	}
	tdict_bool(d, "range_form", set == CODESET_CPT ||
	    set == CODESET_HCPCS);
	add_rows(r, d, set, &pg, base);
	return resp_tmpl(r, 200, "browse", d);
}

/* Upper-case ASCII copy; "chapter-" stays lower case, "pcs-" keeps its
 * prefix: the spelling keys are stored in. */
static char *
canonical_key(struct req *r, const char *s, size_t len)
{
	char	*k = arena_strndup(r->arena, s, len);
	size_t	 i = 0;

	if (len > 8 && strncasecmp(k, "chapter-", 8) == 0) {
		memcpy(k, "chapter-", 8);
		i = 8;
	} else if (len > 4 && strncasecmp(k, "pcs-", 4) == 0) {
		memcpy(k, "pcs-", 4);
		i = 4;
	}
	for (; i < len; i++)
		if (k[i] >= 'a' && k[i] <= 'z')
			k[i] = (char)(k[i] - 32);
	return k;
}

/*
 * A CPT or HCPCS range "LO-HI": two codes of the same shape, LO <= HI.
 * Sets *shape to the pattern all codes of the range match (our literal,
 * never request text). Returns 1 if key is such a range.
 */
static int
parse_range(struct req *r, enum code_set set, const char *key, char **lo,
    char **hi, const char **shape)
{
	const char	*dash;
	char		 a[CODESET_KEY_SIZE], b[CODESET_KEY_SIZE];
	size_t		 la, lb;
	char		 ca, cb;

	if (set != CODESET_CPT && set != CODESET_HCPCS)
		return 0;
	if ((dash = strchr(key, '-')) == NULL || strchr(dash + 1, '-') != NULL)
		return 0;
	la = (size_t)(dash - key);
	lb = strlen(dash + 1);
	if (codeset_key(set, key, la, a, sizeof(a)) == -1 ||
	    codeset_key(set, dash + 1, lb, b, sizeof(b)) == -1)
		return 0;
	/* The key must already be in canonical form: no dropped dots or
	 * spaces. */
	if (strlen(a) != la || strlen(b) != lb || memcmp(a, key, la) != 0 ||
	    memcmp(b, dash + 1, lb) != 0 || strcmp(a, b) > 0)
		return 0;
	if (set == CODESET_HCPCS)
		*shape = "^[A-Z][0-9]{4}$";
	else {
		ca = a[4];
		cb = b[4];
		if ((ca >= '0' && ca <= '9') != (cb >= '0' && cb <= '9') ||
		    ((ca < '0' || ca > '9') && ca != cb))
			return 0;
		switch (ca) {
		case 'F':
			*shape = "^[0-9]{4}F$";
			break;
		case 'T':
			*shape = "^[0-9]{4}T$";
			break;
		case 'U':
			*shape = "^[0-9]{4}U$";
			break;
		case 'M':
			*shape = "^[0-9]{4}M$";
			break;
		default:
			*shape = "^[0-9]{5}$";
			break;
		}
	}
	*lo = arena_strdup(r->arena, a);
	*hi = arena_strdup(r->arena, b);
	return 1;
}

/* The 404 page for a node that is not in the loaded release. */
static int
node_not_found(struct req *r, enum code_set set, const char *key)
{
	if (set == CODESET_CPT || set == CODESET_HCPCS)
		return resp_fail(r, 404, "\"%s\" is not a %s section or a "
		    "range of codes such as %s. See the list of sections.",
		    key, codeset_label(set), set == CODESET_CPT ?
		    "77401-77499" : "A4000-A4999");
	return resp_fail(r, 404, "\"%s\" is not a chapter, block or section "
	    "of the loaded %s release.", key, codeset_label(set));
}

/* A tree page: node nd and its children. */
static int
tree_page(struct req *r, enum code_set set, const struct brelease *rel,
    struct bnode *nd, long long page)
{
	struct code	 c;
	struct node	*anc;
	struct bpage	 pg;
	struct tdict	*d, *it;
	const char	*base, *name = codeset_label(set);
	size_t		 nanc;

	memset(&c, 0, sizeof(c));
	c.set = set;
	c.key = nd->key;
	c.release_id = rel->id;
	memset(&pg, 0, sizeof(pg));
	pg.page = page;
	if (db_codes_ancestors(r, &c, &anc, &nanc) == -1 ||
	    db_browse_children(r, rel, nd, &pg) == -1)
		return db_fail(r);
	if (pg.n == 0 && page > 1)
		return resp_fail(r, 404, "There is no page %lld.", page);
	base = node_url(r, set, nd);
	d = browse_dict(r, set, rel, 0);
	add_ancestor_crumbs(r, d, set, anc, nanc);
	it = tdict_push(d, "crumbs");
	tdict_str(it, "label", nd->display);
	tdict_bool(it, "current", 1);
	tdict_str(d, "title", nd->title != NULL ? arena_printf(r->arena,
	    "%s %s: %s", name, nd->display, nd->title) :
	    arena_printf(r->arena, "%s %s", name, nd->display));
	tdict_str(d, "description", arena_printf(r->arena, "%s %s%s%s: "
	    "%lld codes, %lld billable (%s).", name, nd->display,
	    nd->title != NULL ? " " : "", nd->title != NULL ? nd->title : "",
	    nd->codes, nd->billable_codes, rel->label));
	set_canonical(r, d, base, page);
	tdict_str(d, "heading_code", nd->display);
	tdict_str(d, "heading_title", nd->title);
	tdict_str(d, "summary", arena_printf(r->arena, "%s %s, %s billable.",
	    count_text(r, nd->codes), plural(nd->codes, "code", "codes"),
	    count_text(r, nd->billable_codes)));
	add_rows(r, d, set, &pg, base);
	return resp_tmpl(r, 200, "browse", d);
}

/* A range page: the loaded codes from lo to hi. */
static int
range_page(struct req *r, enum code_set set, const struct brelease *rel,
    const char *lo, const char *hi, const char *shape, long long page)
{
	struct bnode	 sec;
	struct code	 c;
	struct node	*anc = NULL;
	struct bpage	 pg;
	struct tdict	*d, *it;
	const char	*base, *name = codeset_label(set), *disp;
	size_t		 nanc = 0;
	int		 st;

	memset(&pg, 0, sizeof(pg));
	pg.page = page;
	if (db_browse_range(r, rel, lo, hi, shape, &pg) == -1 ||
	    (st = db_browse_range_section(r, rel, lo, hi, shape, &sec)) == -1)
		return db_fail(r);
	if (pg.n == 0 && page > 1)
		return resp_fail(r, 404, "There is no page %lld.", page);
	if (st == 1) {
		memset(&c, 0, sizeof(c));
		c.set = set;
		c.key = sec.key;
		c.release_id = rel->id;
		if (db_codes_ancestors(r, &c, &anc, &nanc) == -1)
			return db_fail(r);
	}
	disp = strcmp(lo, hi) == 0 ? lo : arena_printf(r->arena, "%s–%s",
	    lo, hi);
	base = url_path(r->arena, "/codes", codeset_name(set),
	    arena_printf(r->arena, "%s-%s", lo, hi), NULL);
	d = browse_dict(r, set, rel, 0);
	add_ancestor_crumbs(r, d, set, anc, nanc);
	if (st == 1)
		add_crumb(r, d, set, &sec);
	it = tdict_push(d, "crumbs");
	tdict_str(it, "label", disp);
	tdict_bool(it, "current", 1);
	tdict_str(d, "title", arena_printf(r->arena, "%s codes %s", name,
	    disp));
	tdict_str(d, "description", arena_printf(r->arena, "The %s codes "
	    "from %s to %s in %s.", name, lo, hi, rel->label));
	set_canonical(r, d, base, page);
	tdict_bool(d, "is_range", 1);
	tdict_str(d, "heading_code", disp);
	tdict_str(d, "heading_title", st == 1 && sec.title != NULL ?
	    arena_printf(r->arena, "in %s", sec.title) : NULL);
	tdict_str(d, "summary", arena_printf(r->arena, "%s loaded %s in "
	    "this range.", count_text(r, pg.total), plural(pg.total, "code",
	    "codes")));
	tdict_str(d, "empty", arena_printf(r->arena, "No %s codes from %s "
	    "to %s are loaded in %s.", name, lo, hi, rel->label));
	add_rows(r, d, set, &pg, base);
	return resp_tmpl(r, 200, "browse", d);
}

/*
 * GET /codes/{set}/{node} for a node key (it has a '-'): a chapter,
 * block or section, or a CPT/HCPCS range. 200; 301 to the canonical
 * spelling; 400 bad page; 404 unknown node, bad range; 500/503.
 */
int
page_node(struct req *r)
{
	const struct fval	*pn = &r->param[1];
	struct brelease		 rel;
	struct bnode		 nd;
	enum code_set		 set;
	const char		*shape, *dash;
	char			*key, *lo, *hi;
	char			 ck[CODESET_KEY_SIZE];
	char			 disp[CODESET_KEY_SIZE];
	long long		 page;
	int			 st;

	if ((st = parse_set(r, pn->s, &set)) != 0)
		return st;
	if (pn->len > NODE_MAX)
		return resp_fail(r, 404, "There is no %s chapter, section or "
		    "range with so long a name.", codeset_label(set));
	if ((page = page_number(r)) == 0)
		return resp_fail(r, 400, "page: must be a whole number from 1 "
		    "to %d.", BROWSE_PAGES);
	if ((st = db_browse_release(r, set, &rel)) == -1)
		return db_fail(r);
	if (st == 0)
		return resp_fail(r, 404, "No %s release is loaded on this "
		    "site.", codeset_label(set));
	key = canonical_key(r, pn->s, pn->len);
	if ((st = db_browse_node_get(r, &rel, key, &nd)) == -1)
		return db_fail(r);
	if (st == 1 && strcmp(key, pn->s) != 0)
		return resp_redirect(r, 301, node_url(r, set, &nd));
	if (st == 1)
		return tree_page(r, set, &rel, &nd, page);
	if (!parse_range(r, set, key, &lo, &hi, &shape)) {
		/* A code typed with a hyphen for the dot ("E11-9"): the
		 * code page's spelling rules apply. Not "E08-E99": that is
		 * a range, and one that is no block. */
		dash = strrchr(pn->s, '-');
		if (dash[1] >= '0' && dash[1] <= '9' &&
		    codeset_key(set, pn->s, pn->len, ck, sizeof(ck)) == 0 &&
		    codeset_display(set, ck, disp, sizeof(disp)) == 0)
			return resp_redirect(r, 301, url_path(r->arena,
			    "/codes", codeset_name(set), disp, NULL));
		return node_not_found(r, set, pn->s);
	}
	if (strcmp(key, pn->s) != 0)
		return resp_redirect(r, 301, url_path(r->arena, "/codes",
		    codeset_name(set), key, NULL));
	return range_page(r, set, &rel, lo, hi, shape, page);
}
