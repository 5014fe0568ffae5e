/*
 * db.c: every SQL statement of the lookup handler, and the typed wrappers
 * the pages call. Column indexes are enums beside their SQL.
 */
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "db.h"
#include "lookup.h"
#include "req.h"

/* The live release of a set, then the code in it. */
#define LIVE_CODE \
	"FROM app.codes c JOIN app.releases r ON r.id = c.release_id " \
	"AND r.is_live "

/* The releases the footer names, in this order (UI.md). */
#define FOOTER_SETS \
	"ARRAY['icd10cm', 'icd10pcs', 'hcpcs', 'cpt', " \
	"'ncci_ptp_practitioner', 'mue', 'pfs']::text[]"

enum { RL_DATASET, RL_LABEL, RL_VERSION, RL_EFFECTIVE, RL_LICENSED };
enum { CG_CODE, CG_DISPLAY, CG_KIND, CG_BILLABLE, CG_SHORT, CG_TITLE,
    CG_PARENT, CG_SEQ, CG_ATTRS, CG_RID, CG_LABEL, CG_VERSION, CG_EFFECTIVE,
    CG_LICENSED };
enum { ND_CODE, ND_DISPLAY, ND_KIND, ND_TITLE, ND_BILLABLE, ND_TOTAL };
enum { NB_WHICH, NB_CODE, NB_DISPLAY, NB_KIND, NB_TITLE, NB_BILLABLE };
enum { NT_CODE, NT_KIND, NT_NOTE };

const struct stmt code_stmts[STMT__MAX + 1] = {
	{ "releases_live",
	  "SELECT dataset, label, version, effective::text, licensed "
	  "FROM app.releases WHERE is_live AND dataset = ANY(" FOOTER_SETS ") "
	  "ORDER BY array_position(" FOOTER_SETS ", dataset)", 0,
	  DB_READONLY }, /* STMT_RELEASES_LIVE */
	{ "codes_get",
	  "SELECT c.code, c.display, c.kind, c.billable, c.short_title, "
	  "c.title, c.parent, c.seq, c.attrs::text, r.id, r.label, r.version, "
	  "r.effective::text, r.licensed " LIVE_CODE
	  "WHERE r.dataset = $1 AND c.code = $2 AND c.kind = 'code'", 2,
	  DB_READONLY }, /* STMT_CODES_GET */
	{ "codes_ancestors",
	  "WITH RECURSIVE up(code, display, kind, title, billable, parent, "
	  "depth) AS (SELECT code, display, kind, title, billable, parent, "
	  "depth FROM app.codes WHERE release_id = $1 AND code = $2 "
	  "UNION ALL SELECT c.code, c.display, c.kind, c.title, c.billable, "
	  "c.parent, c.depth FROM app.codes c JOIN up ON c.release_id = $1 "
	  "AND c.code = up.parent) "
	  "SELECT code, display, kind, title, billable FROM up "
	  "WHERE code <> $2 ORDER BY depth", 2,
	  DB_READONLY }, /* STMT_CODES_ANCESTORS */
	{ "codes_children",
	  "SELECT code, display, kind, title, billable FROM app.codes "
	  "WHERE release_id = $1 AND parent = $2 ORDER BY seq LIMIT $3", 3,
	  DB_READONLY }, /* STMT_CODES_CHILDREN */
	{ "codes_billable_under",
	  "WITH RECURSIVE down(code, display, kind, title, billable, seq) AS "
	  "(SELECT code, display, kind, title, billable, seq FROM app.codes "
	  "WHERE release_id = $1 AND parent = $2 UNION ALL "
	  "SELECT c.code, c.display, c.kind, c.title, c.billable, c.seq "
	  "FROM app.codes c JOIN down ON c.release_id = $1 "
	  "AND c.parent = down.code) "
	  "SELECT code, display, kind, title, billable, count(*) OVER () "
	  "FROM down WHERE billable ORDER BY seq LIMIT $3", 3,
	  DB_READONLY }, /* STMT_CODES_BILLABLE_UNDER */
	{ "codes_neighbours",
	  "(SELECT 'prev', code, display, kind, title, billable "
	  "FROM app.codes WHERE release_id = $1 AND kind = 'code' "
	  "AND seq < $2 ORDER BY seq DESC LIMIT 1) UNION ALL "
	  "(SELECT 'next', code, display, kind, title, billable "
	  "FROM app.codes WHERE release_id = $1 AND kind = 'code' "
	  "AND seq > $2 ORDER BY seq LIMIT 1)", 2,
	  DB_READONLY }, /* STMT_CODES_NEIGHBOURS */
	{ "codes_near",
	  "SELECT c.code, c.display, c.kind, c.title, c.billable "
	  LIVE_CODE "WHERE r.dataset = $1 AND c.kind = 'code' "
	  "AND c.code >= $2 AND c.code < $3 ORDER BY c.seq LIMIT $4", 4,
	  DB_READONLY }, /* STMT_CODES_NEAR */
	{ "code_text_get",
	  "SELECT lay_description FROM app.code_text "
	  "WHERE code_set = $1 AND code = $2", 2,
	  DB_READONLY }, /* STMT_CODE_TEXT_GET */
	{ "code_notes_by_codes",
	  "SELECT code, kind, note FROM app.code_notes "
	  "WHERE release_id = $1 AND code = ANY($2::text[]) "
	  "ORDER BY length(code) DESC, array_position(ARRAY['inclusion', "
	  "'includes', 'excludes1', 'excludes2', 'code_first', "
	  "'use_additional', 'code_also', 'seven_chr_note', 'seven_chr']"
	  "::text[], kind), seq", 2,
	  DB_READONLY }, /* STMT_CODE_NOTES_BY_CODES */
	{ NULL, NULL, 0, 0 },
};

int
db_releases_live(struct req *r, struct release **out, size_t *n)
{
	PGresult	*res;
	struct release	*v;
	int		 i, rows;

	if ((res = db_exec(r, &code_stmts[STMT_RELEASES_LIVE], NULL)) == NULL)
		return -1;
	rows = PQntuples(res);
	v = arena_calloc(r->arena, (size_t)rows + 1, sizeof(*v));
	for (i = 0; i < rows; i++) {
		v[i].dataset = db_str(res, i, RL_DATASET);
		v[i].label = db_str(res, i, RL_LABEL);
		v[i].version = db_str(res, i, RL_VERSION);
		v[i].effective = db_str(res, i, RL_EFFECTIVE);
		v[i].licensed = db_bool(res, i, RL_LICENSED);
	}
	*out = v;
	*n = (size_t)rows;
	return 0;
}

int
db_codes_get(struct req *r, enum code_set set, const char *key,
    struct code *c)
{
	const char	*p[2] = { codeset_name(set), key };
	PGresult	*res;

	if ((res = db_exec(r, &code_stmts[STMT_CODES_GET], p)) == NULL)
		return -1;
	if (PQntuples(res) == 0)
		return 0;
	memset(c, 0, sizeof(*c));
	c->set = set;
	c->key = db_str(res, 0, CG_CODE);
	c->display = db_str(res, 0, CG_DISPLAY);
	c->kind = db_str(res, 0, CG_KIND);
	c->billable = db_bool(res, 0, CG_BILLABLE);
	c->short_title = db_str(res, 0, CG_SHORT);
	c->title = db_str(res, 0, CG_TITLE);
	c->parent = db_str(res, 0, CG_PARENT);
	c->seq = db_int(res, 0, CG_SEQ);
	c->attrs = db_str(res, 0, CG_ATTRS);
	c->release_id = db_int(res, 0, CG_RID);
	c->release.dataset = codeset_name(set);
	c->release.label = db_str(res, 0, CG_LABEL);
	c->release.version = db_str(res, 0, CG_VERSION);
	c->release.effective = db_str(res, 0, CG_EFFECTIVE);
	c->release.licensed = db_bool(res, 0, CG_LICENSED);
	return 1;
}

/* Rows of (code, display, kind, title, billable, [total]) into nodes. */
static void
nodes(struct req *r, PGresult *res, struct node **out, size_t *n)
{
	struct node	*v;
	int		 i, rows = PQntuples(res);

	v = arena_calloc(r->arena, (size_t)rows + 1, sizeof(*v));
	for (i = 0; i < rows; i++) {
		v[i].key = db_str(res, i, ND_CODE);
		v[i].display = db_str(res, i, ND_DISPLAY);
		v[i].kind = db_str(res, i, ND_KIND);
		v[i].title = db_str(res, i, ND_TITLE);
		v[i].billable = db_bool(res, i, ND_BILLABLE);
	}
	*out = v;
	*n = (size_t)rows;
}

int
db_codes_ancestors(struct req *r, const struct code *c, struct node **out,
    size_t *n)
{
	const char	*p[2];
	PGresult	*res;

	p[0] = arena_printf(r->arena, "%lld", c->release_id);
	p[1] = c->key;
	if ((res = db_exec(r, &code_stmts[STMT_CODES_ANCESTORS], p)) == NULL)
		return -1;
	nodes(r, res, out, n);
	return 0;
}

int
db_codes_children(struct req *r, const struct code *c, size_t limit,
    struct node **out, size_t *n)
{
	const char	*p[3];
	PGresult	*res;

	p[0] = arena_printf(r->arena, "%lld", c->release_id);
	p[1] = c->key;
	p[2] = arena_printf(r->arena, "%zu", limit);
	if ((res = db_exec(r, &code_stmts[STMT_CODES_CHILDREN], p)) == NULL)
		return -1;
	nodes(r, res, out, n);
	return 0;
}

int
db_codes_billable_under(struct req *r, const struct code *c, size_t limit,
    struct node **out, size_t *n, long long *total)
{
	const char	*p[3];
	PGresult	*res;

	p[0] = arena_printf(r->arena, "%lld", c->release_id);
	p[1] = c->key;
	p[2] = arena_printf(r->arena, "%zu", limit);
	if ((res = db_exec(r, &code_stmts[STMT_CODES_BILLABLE_UNDER], p)) == NULL)
		return -1;
	nodes(r, res, out, n);
	*total = PQntuples(res) > 0 ? db_int(res, 0, ND_TOTAL) : 0;
	return 0;
}

int
db_codes_neighbours(struct req *r, const struct code *c, struct node *prev,
    struct node *next)
{
	const char	*p[2];
	PGresult	*res;
	struct node	*v;
	int		 i;

	memset(prev, 0, sizeof(*prev));
	memset(next, 0, sizeof(*next));
	p[0] = arena_printf(r->arena, "%lld", c->release_id);
	p[1] = arena_printf(r->arena, "%lld", c->seq);
	if ((res = db_exec(r, &code_stmts[STMT_CODES_NEIGHBOURS], p)) == NULL)
		return -1;
	for (i = 0; i < PQntuples(res); i++) {
		v = strcmp(db_str(res, i, NB_WHICH), "prev") == 0 ? prev :
		    next;
		v->key = db_str(res, i, NB_CODE);
		v->display = db_str(res, i, NB_DISPLAY);
		v->kind = db_str(res, i, NB_KIND);
		v->title = db_str(res, i, NB_TITLE);
		v->billable = db_bool(res, i, NB_BILLABLE);
	}
	return 0;
}

int
db_codes_near(struct req *r, enum code_set set, const char *key,
    size_t limit, struct node **out, size_t *n)
{
	const char	*p[4];
	PGresult	*res;
	char		*hi;
	size_t		 len = strlen(key);

	/* Keys are [0-9A-Z]: the range [key, key with last char + 1) is
	 * exactly the codes starting with key, and uses the primary key. */
	if (len == 0)
		return *n = 0, 0;
	hi = arena_strdup(r->arena, key);
	hi[len - 1]++;
	p[0] = codeset_name(set);
	p[1] = key;
	p[2] = hi;
	p[3] = arena_printf(r->arena, "%zu", limit);
	if ((res = db_exec(r, &code_stmts[STMT_CODES_NEAR], p)) == NULL)
		return -1;
	nodes(r, res, out, n);
	return 0;
}

int
db_code_text_get(struct req *r, enum code_set set, const char *key,
    const char **lay)
{
	const char	*p[2] = { codeset_name(set), key };
	PGresult	*res;

	*lay = NULL;
	if ((res = db_exec(r, &code_stmts[STMT_CODE_TEXT_GET], p)) == NULL)
		return -1;
	if (PQntuples(res) > 0)
		*lay = db_str(res, 0, 0);
	return 0;
}

int
db_code_notes_by_codes(struct req *r, long long release_id,
    const char *keys_array, struct note **out, size_t *n)
{
	const char	*p[2];
	PGresult	*res;
	struct note	*v;
	int		 i, rows;

	p[0] = arena_printf(r->arena, "%lld", release_id);
	p[1] = keys_array;
	if ((res = db_exec(r, &code_stmts[STMT_CODE_NOTES_BY_CODES], p)) == NULL)
		return -1;
	rows = PQntuples(res);
	v = arena_calloc(r->arena, (size_t)rows + 1, sizeof(*v));
	for (i = 0; i < rows; i++) {
		v[i].code = db_str(res, i, NT_CODE);
		v[i].kind = db_str(res, i, NT_KIND);
		v[i].text = db_str(res, i, NT_NOTE);
	}
	*out = v;
	*n = (size_t)rows;
	return 0;
}
