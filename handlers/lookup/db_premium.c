/*
 * db_premium.c: the SQL of the premium data (NCCI PTP edits, MUE, the
 * physician fee schedule and GPCIs, code history, similar codes, HCPCS
 * modifiers, places of service) and its typed wrappers. Every statement
 * joins the live release of its dataset and returns that release's label.
 * Columns are cast to text (numbers keep PostgreSQL's exact decimals;
 * payments are computed here in numeric, rounded to cents).
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "arena.h"
#include "db.h"
#include "premium.h"
#include "req.h"
#include "util.h"

enum {
	PS_RELEASE,
	PS_PFS_BY_CODE,
	PS_GPCI_LIST,
	PS_GPCI_GET,
	PS_NCCI_SECTION,
	PS_NCCI_LIST_COL1,
	PS_NCCI_LIST_COL2,
	PS_NCCI_PAIR,
	PS_NCCI_AMONG,
	PS_MUE_BY_CODE,
	PS_HISTORY,
	PS_SIMILAR,
	PS_HMODS,
	PS_POS_LIST,
	PS__MAX
};

/* The live release of dataset $1 as CTE "rel". */
#define REL(ds) \
	"WITH rel AS (SELECT id, label, version, effective::text AS eff " \
	"FROM app.releases WHERE dataset = " ds " AND is_live) "

/* The GPCIs of locality $2 (every one 1 when $2 is NULL: national). */
#define GPCI_OF_2 \
	"CROSS JOIN LATERAL (SELECT coalesce(max(x.gpci_work::numeric), 1) " \
	"AS w, coalesce(max(x.gpci_pe::numeric), 1) AS pe, " \
	"coalesce(max(x.gpci_mp::numeric), 1) AS mp FROM app.pfs_gpci x " \
	"JOIN app.releases xr ON xr.id = x.release_id AND xr.is_live " \
	"AND xr.dataset = 'gpci' WHERE $2::text IS NOT NULL " \
	"AND x.mac || '-' || x.locality = $2) g "

#define SUM_NF "(coalesce(p.work::numeric, 0) * g.w + " \
	"coalesce(p.pe_nonfac::numeric, 0) * g.pe + " \
	"coalesce(p.mp::numeric, 0) * g.mp)"
#define SUM_F "(coalesce(p.work::numeric, 0) * g.w + " \
	"coalesce(p.pe_fac::numeric, 0) * g.pe + " \
	"coalesce(p.mp::numeric, 0) * g.mp)"

enum { RV_CODE, RV_MOD, RV_STATUS, RV_WORK, RV_PENF, RV_PENF_NA, RV_PEF,
    RV_PEF_NA, RV_MP, RV_TNF, RV_TF, RV_PCTC, RV_GLOBAL, RV_PRE, RV_INTRA,
    RV_POST, RV_MULT, RV_BILAT, RV_ASST, RV_COSURG, RV_TEAM, RV_ENDO, RV_CF,
    RV_SUPER, RV_DIFAM, RV_GW, RV_GPE, RV_GMP, RV_SUMNF, RV_SUMF, RV_PAYNF,
    RV_PAYF, RV_LABEL, RV_VERSION, RV_EFF };

/* Edit rows: the same columns for every NCCI statement. */
#define EDIT_COLS \
	"p.col1, p.col2, coalesce(p.prior_1996::text IN ('t', 'true', " \
	"'1', '*'), false), p.effective::text, p.deleted::text, " \
	"p.modifier::int, p.rationale_id::int, " \
	"coalesce(p.rationale, nr.text), "
#define EDIT_FROM \
	"FROM app.ncci_ptp p CROSS JOIN rel " \
	"LEFT JOIN app.ncci_rationales nr ON nr.id = p.rationale_id "
#define EDIT_REL "rel.label, rel.version, rel.eff"
/* The release as a constant for the planner: the partitioned index is
 * (release_id, col1, col2), so release_id must be an index condition. */
#define INREL "p.release_id = (SELECT id FROM rel) AND "
/* In force: active, or on date $n when given. */
#define APPLIES(n) \
	"CASE WHEN " n "::date IS NULL THEN p.deleted IS NULL ELSE " \
	"(p.effective IS NULL OR p.effective <= " n "::date) AND " \
	"(p.deleted IS NULL OR p.deleted > " n "::date) END"

enum { ED_ROLE, ED_OTHER, ED_COL1, ED_COL2, ED_PRIOR, ED_EFF, ED_DEL, ED_MOD,
    ED_RID, ED_RAT, ED_APPLIES, ED_TOTAL, ED_LABEL, ED_VERSION, ED_REFF };
enum { GL_ID, GL_MAC, GL_LOC, GL_STATE, GL_NAME, GL_W, GL_PE, GL_MP,
    GL_LABEL, GL_VERSION, GL_EFF };
enum { MU_SETTING, MU_UNITS, MU_MAI, MU_TEXT, MU_RAT, MU_LABEL, MU_VERSION,
    MU_EFF };
enum { HI_ACTION, HI_EFF, HI_LABEL, HI_OLD, HI_NEW, HI_SOURCE };
enum { SI_CODE, SI_DISPLAY, SI_TITLE, SI_BILLABLE };
enum { HM_MOD, HM_SHORT, HM_TITLE, HM_LABEL, HM_VERSION, HM_EFF };
enum { PO_CODE, PO_TYPE, PO_NAME, PO_DESC, PO_LABEL, PO_VERSION, PO_EFF };

const struct stmt premium_stmts[PS__MAX + 1] = {
	{ "prem_release",
	  "SELECT label, version, effective::text FROM app.releases "
	  "WHERE dataset = $1 AND is_live", 1,
	  DB_READONLY }, /* PS_RELEASE */
	{ "prem_pfs_by_code",
	  "SELECT p.code, p.modifier, p.status, p.work::text, "
	  "p.pe_nonfac::text, coalesce(p.pe_nonfac_na::text IN ('t', 'true', "
	  "'NA'), false), p.pe_fac::text, coalesce(p.pe_fac_na::text IN "
	  "('t', 'true', 'NA'), false), p.mp::text, p.total_nonfac::text, "
	  "p.total_fac::text, p.pctc::text, p.global::text, p.preop::text, "
	  "p.intraop::text, p.postop::text, p.mult_proc::text, "
	  "p.bilateral::text, p.assistant::text, p.cosurgeons::text, "
	  "p.team::text, p.endo_base::text, p.conv_factor::text, "
	  "p.phys_supervision::text, p.diag_imaging_family::text, "
	  "g.w::text, g.pe::text, g.mp::text, "
	  "round(" SUM_NF ", 4)::text, round(" SUM_F ", 4)::text, "
	  "round(" SUM_NF " * p.conv_factor::numeric, 2)::text, "
	  "round(" SUM_F " * p.conv_factor::numeric, 2)::text, "
	  "r.label, r.version, r.effective::text "
	  "FROM app.pfs_rvu p JOIN app.releases r ON r.id = p.release_id "
	  "AND r.is_live AND r.dataset = 'pfs' " GPCI_OF_2
	  "WHERE p.code = $1 AND ($3::text IS NULL OR p.modifier = $3) "
	  "ORDER BY p.modifier <> '', p.modifier", 3,
	  DB_READONLY }, /* PS_PFS_BY_CODE */
	{ "prem_gpci_list",
	  "SELECT x.mac || '-' || x.locality, x.mac, x.locality, x.state, "
	  "x.name, x.gpci_work::text, x.gpci_pe::text, x.gpci_mp::text, "
	  "r.label, r.version, r.effective::text FROM app.pfs_gpci x "
	  "JOIN app.releases r ON r.id = x.release_id AND r.is_live "
	  "AND r.dataset = 'gpci' ORDER BY x.state, x.name, x.locality", 0,
	  DB_READONLY }, /* PS_GPCI_LIST */
	{ "prem_gpci_get",
	  "SELECT x.mac || '-' || x.locality, x.mac, x.locality, x.state, "
	  "x.name, x.gpci_work::text, x.gpci_pe::text, x.gpci_mp::text, "
	  "r.label, r.version, r.effective::text FROM app.pfs_gpci x "
	  "JOIN app.releases r ON r.id = x.release_id AND r.is_live "
	  "AND r.dataset = 'gpci' WHERE x.mac || '-' || x.locality = $1", 1,
	  DB_READONLY }, /* PS_GPCI_GET */
	{ "prem_ncci_section",
	  REL("$1")
	  "(SELECT 'col1', p.col2, " EDIT_COLS "true, count(*) OVER (), "
	  EDIT_REL " " EDIT_FROM "WHERE " INREL "p.col1 = $2 AND p.deleted IS NULL "
	  "ORDER BY p.col2 LIMIT $3) UNION ALL "
	  "(SELECT 'col2', p.col1, " EDIT_COLS "true, count(*) OVER (), "
	  EDIT_REL " " EDIT_FROM "WHERE " INREL "p.col2 = $2 AND p.deleted IS NULL "
	  "ORDER BY p.col1 LIMIT $3) UNION ALL "
	  "SELECT 'hist', NULL, NULL, NULL, false, NULL, NULL, NULL, NULL, "
	  "NULL, false, (SELECT count(*) FROM app.ncci_ptp p "
	  "WHERE " INREL "p.col1 = $2 AND p.deleted IS NOT "
	  "NULL) + (SELECT count(*) FROM app.ncci_ptp p "
	  "WHERE " INREL "p.col2 = $2 AND p.deleted IS NOT "
	  "NULL), " EDIT_REL " FROM rel", 3,
	  DB_READONLY }, /* PS_NCCI_SECTION */
	{ "prem_ncci_list_col1",
	  REL("$1")
	  "SELECT 'col1', p.col2, " EDIT_COLS "p.deleted IS NULL, "
	  "count(*) OVER (), " EDIT_REL " " EDIT_FROM
	  "WHERE " INREL "p.col1 = $2 AND (p.deleted IS NULL) = $3 "
	  "ORDER BY p.col2 LIMIT $4 OFFSET $5", 5,
	  DB_READONLY }, /* PS_NCCI_LIST_COL1 */
	{ "prem_ncci_list_col2",
	  REL("$1")
	  "SELECT 'col2', p.col1, " EDIT_COLS "p.deleted IS NULL, "
	  "count(*) OVER (), " EDIT_REL " " EDIT_FROM
	  "WHERE " INREL "p.col2 = $2 AND (p.deleted IS NULL) = $3 "
	  "ORDER BY p.col1 LIMIT $4 OFFSET $5", 5,
	  DB_READONLY }, /* PS_NCCI_LIST_COL2 */
	{ "prem_ncci_pair",
	  REL("$1")
	  "SELECT 'pair', NULL, " EDIT_COLS APPLIES("$4") ", 1, " EDIT_REL
	  " " EDIT_FROM "WHERE " INREL "((p.col1 = $2 AND p.col2 = $3) "
	  "OR (p.col1 = $3 AND p.col2 = $2)) "
	  "ORDER BY 11 DESC, p.deleted DESC NULLS FIRST", 4,
	  DB_READONLY }, /* PS_NCCI_PAIR */
	{ "prem_ncci_among",
	  REL("$1")
	  "SELECT 'pair', NULL, " EDIT_COLS APPLIES("$3") ", 1, " EDIT_REL
	  " " EDIT_FROM "WHERE " INREL "p.col1 = ANY($2::text[]) "
	  "AND p.col2 = ANY($2::text[]) "
	  "ORDER BY 11 DESC, p.col1, p.col2, p.deleted DESC NULLS FIRST", 3,
	  DB_READONLY }, /* PS_NCCI_AMONG */
	{ "prem_mue_by_code",
	  "SELECT m.setting, m.units::text, m.mai::int, m.mai_text, "
	  "m.rationale, r.label, r.version, r.effective::text FROM app.mue m "
	  "JOIN app.releases r ON r.id = m.release_id AND r.is_live "
	  "AND r.dataset = 'mue' WHERE m.code = $1 "
	  "AND ($2::text IS NULL OR m.setting = $2) "
	  "ORDER BY array_position(ARRAY['practitioner', 'hospital', 'dme'], "
	  "m.setting)", 2,
	  DB_READONLY }, /* PS_MUE_BY_CODE */
	{ "prem_history",
	  "SELECT action, effective::text, release_label, old_title, "
	  "new_title, source FROM app.code_history "
	  "WHERE code_set = $1 AND code = $2 "
	  "ORDER BY effective DESC NULLS LAST, action", 2,
	  DB_READONLY }, /* PS_HISTORY */
	{ "prem_similar",
	  "SELECT code, display, title, billable FROM (SELECT code, display, "
	  "title, billable, seq FROM app.codes WHERE release_id = $1 "
	  "AND parent = $2 AND kind = 'code' AND code <> $4 "
	  "ORDER BY abs(seq - $3::int), seq LIMIT $5) s ORDER BY seq", 5,
	  DB_READONLY }, /* PS_SIMILAR */
	{ "prem_hmods",
	  "SELECT m.modifier, m.short_title, m.title, r.label, r.version, "
	  "r.effective::text FROM app.modifiers m JOIN app.releases r "
	  "ON r.id = m.release_id AND r.is_live AND r.dataset = 'hcpcs' "
	  "WHERE $1::text[] IS NULL OR m.modifier = ANY($1::text[]) "
	  "ORDER BY m.modifier", 1,
	  DB_READONLY }, /* PS_HMODS */
	{ "prem_pos_list",
	  "SELECT p.code, p.type, p.name, p.description, r.label, r.version, "
	  "r.effective::text FROM app.pos p JOIN app.releases r "
	  "ON r.id = p.release_id AND r.is_live AND r.dataset = 'pos' "
	  "ORDER BY p.code", 0,
	  DB_READONLY }, /* PS_POS_LIST */
	{ NULL, NULL, 0, 0 },
};

static void
prel(const PGresult *res, int row, int c, struct prel *p)
{
	p->label = db_str(res, row, c);
	p->version = db_str(res, row, c + 1);
	p->effective = db_str(res, row, c + 2);
}

/*
 * The live release of a premium dataset, remembered per worker for a few
 * seconds: every premium request names it, and a release switch is rare
 * (the footer and the search index follow it on the same clock).
 */
#define PREL_TTL	10

static struct prel_cache {
	char		*dataset;
	time_t		 at;
	int		 found;
	char		*label, *version, *effective;
} prel_cache[8];

static char *
xdup_or_null(const char *s)
{
	return s == NULL ? NULL : xstrdup(s);
}

int
db_prem_release(struct req *r, const char *dataset, struct prel *out)
{
	const char		*p[1] = { dataset };
	PGresult		*res;
	struct prel_cache	*c = NULL;
	time_t			 now = time(NULL);
	size_t			 i;

	memset(out, 0, sizeof(*out));
	for (i = 0; i < NITEMS(prel_cache); i++)
		if (prel_cache[i].dataset == NULL ||
		    strcmp(prel_cache[i].dataset, dataset) == 0) {
			c = &prel_cache[i];
			break;
		}
	if (c != NULL && c->dataset != NULL && now - c->at < PREL_TTL) {
		out->label = c->label;
		out->version = c->version;
		out->effective = c->effective;
		return c->found;
	}
	if ((res = db_exec(r, &premium_stmts[PS_RELEASE], p)) == NULL)
		return -1;
	if (PQntuples(res) > 0)
		prel(res, 0, 0, out);
	if (c == NULL)
		return PQntuples(res) > 0;
	free(c->dataset);
	free(c->label);
	free(c->version);
	free(c->effective);
	c->dataset = xstrdup(dataset);
	c->at = now;
	c->found = PQntuples(res) > 0;
	c->label = xdup_or_null(out->label);
	c->version = xdup_or_null(out->version);
	c->effective = xdup_or_null(out->effective);
	out->label = c->label;
	out->version = c->version;
	out->effective = c->effective;
	return c->found;
}

int
db_pfs_by_code(struct req *r, const char *code, const char *locality,
    const char *modifier, struct rvu **out, size_t *n)
{
	const char	*p[3] = { code, locality, modifier };
	PGresult	*res;
	struct rvu	*v;
	int		 i, rows;

	if ((res = db_exec(r, &premium_stmts[PS_PFS_BY_CODE], p)) == NULL)
		return -1;
	rows = PQntuples(res);
	v = arena_calloc(r->arena, (size_t)rows + 1, sizeof(*v));
	for (i = 0; i < rows; i++) {
		v[i].code = db_str(res, i, RV_CODE);
		v[i].modifier = db_str(res, i, RV_MOD);
		if (v[i].modifier == NULL)
			v[i].modifier = "";
		v[i].status = db_str(res, i, RV_STATUS);
		v[i].work = db_str(res, i, RV_WORK);
		v[i].pe_nonfac = db_str(res, i, RV_PENF);
		v[i].pe_nonfac_na = db_bool(res, i, RV_PENF_NA);
		v[i].pe_fac = db_str(res, i, RV_PEF);
		v[i].pe_fac_na = db_bool(res, i, RV_PEF_NA);
		v[i].mp = db_str(res, i, RV_MP);
		v[i].total_nonfac = db_str(res, i, RV_TNF);
		v[i].total_fac = db_str(res, i, RV_TF);
		v[i].pctc = db_str(res, i, RV_PCTC);
		v[i].global = db_str(res, i, RV_GLOBAL);
		v[i].preop = db_str(res, i, RV_PRE);
		v[i].intraop = db_str(res, i, RV_INTRA);
		v[i].postop = db_str(res, i, RV_POST);
		v[i].mult_proc = db_str(res, i, RV_MULT);
		v[i].bilateral = db_str(res, i, RV_BILAT);
		v[i].assistant = db_str(res, i, RV_ASST);
		v[i].cosurgeons = db_str(res, i, RV_COSURG);
		v[i].team = db_str(res, i, RV_TEAM);
		v[i].endo_base = db_str(res, i, RV_ENDO);
		v[i].conv_factor = db_str(res, i, RV_CF);
		v[i].phys_supervision = db_str(res, i, RV_SUPER);
		v[i].diag_imaging_family = db_str(res, i, RV_DIFAM);
		v[i].gw = db_str(res, i, RV_GW);
		v[i].gpe = db_str(res, i, RV_GPE);
		v[i].gmp = db_str(res, i, RV_GMP);
		v[i].sum_nonfac = db_str(res, i, RV_SUMNF);
		v[i].sum_fac = db_str(res, i, RV_SUMF);
		v[i].pay_nonfac = db_str(res, i, RV_PAYNF);
		v[i].pay_fac = db_str(res, i, RV_PAYF);
		prel(res, i, RV_LABEL, &v[i].rel);
	}
	*out = v;
	*n = (size_t)rows;
	return 0;
}

static void
locality_row(const PGresult *res, int i, struct locality *l)
{
	l->id = db_str(res, i, GL_ID);
	l->mac = db_str(res, i, GL_MAC);
	l->locality = db_str(res, i, GL_LOC);
	l->state = db_str(res, i, GL_STATE);
	l->name = db_str(res, i, GL_NAME);
	l->gw = db_str(res, i, GL_W);
	l->gpe = db_str(res, i, GL_PE);
	l->gmp = db_str(res, i, GL_MP);
	prel(res, i, GL_LABEL, &l->rel);
}

int
db_gpci_list(struct req *r, struct locality **out, size_t *n)
{
	PGresult	*res;
	struct locality	*v;
	int		 i, rows;

	if ((res = db_exec(r, &premium_stmts[PS_GPCI_LIST], NULL)) == NULL)
		return -1;
	rows = PQntuples(res);
	v = arena_calloc(r->arena, (size_t)rows + 1, sizeof(*v));
	for (i = 0; i < rows; i++)
		locality_row(res, i, &v[i]);
	*out = v;
	*n = (size_t)rows;
	return 0;
}

int
db_gpci_get(struct req *r, const char *id, struct locality *out)
{
	const char	*p[1] = { id };
	PGresult	*res;

	memset(out, 0, sizeof(*out));
	if ((res = db_exec(r, &premium_stmts[PS_GPCI_GET], p)) == NULL)
		return -1;
	if (PQntuples(res) == 0)
		return 0;
	locality_row(res, 0, out);
	return 1;
}

static void
edits(struct req *r, const PGresult *res, struct edit **out, size_t *n)
{
	struct edit	*v;
	int		 i, rows;

	rows = PQntuples(res);
	v = arena_calloc(r->arena, (size_t)rows + 1, sizeof(*v));
	for (i = 0; i < rows; i++) {
		v[i].role = db_str(res, i, ED_ROLE);
		v[i].other = db_str(res, i, ED_OTHER);
		v[i].col1 = db_str(res, i, ED_COL1);
		v[i].col2 = db_str(res, i, ED_COL2);
		v[i].prior_1996 = db_bool(res, i, ED_PRIOR);
		v[i].effective = db_str(res, i, ED_EFF);
		v[i].deleted = db_str(res, i, ED_DEL);
		v[i].modifier = (int)db_int(res, i, ED_MOD);
		v[i].rationale_id = (int)db_int(res, i, ED_RID);
		v[i].rationale = db_str(res, i, ED_RAT);
		v[i].applies = db_bool(res, i, ED_APPLIES);
		v[i].total = db_int(res, i, ED_TOTAL);
		prel(res, i, ED_LABEL, &v[i].rel);
	}
	*out = v;
	*n = (size_t)rows;
}

int
db_ncci_section(struct req *r, const char *dataset, const char *code,
    size_t limit, struct edit **out, size_t *n)
{
	const char	*p[3];
	PGresult	*res;

	p[0] = dataset;
	p[1] = code;
	p[2] = arena_printf(r->arena, "%zu", limit);
	if ((res = db_exec(r, &premium_stmts[PS_NCCI_SECTION], p)) == NULL)
		return -1;
	edits(r, res, out, n);
	return 0;
}

int
db_ncci_list(struct req *r, const char *dataset, const char *code,
    int as_col1, int active, size_t limit, size_t offset, struct edit **out,
    size_t *n, long long *total)
{
	const char	*p[5];
	PGresult	*res;

	p[0] = dataset;
	p[1] = code;
	p[2] = active ? "true" : "false";
	p[3] = arena_printf(r->arena, "%zu", limit);
	p[4] = arena_printf(r->arena, "%zu", offset);
	if ((res = db_exec(r, &premium_stmts[as_col1 ? PS_NCCI_LIST_COL1 :
	    PS_NCCI_LIST_COL2], p)) == NULL)
		return -1;
	edits(r, res, out, n);
	*total = *n > 0 ? (*out)[0].total : 0;
	return 0;
}

int
db_ncci_pair(struct req *r, const char *dataset, const char *a,
    const char *b, const char *date, struct edit **out, size_t *n)
{
	const char	*p[4] = { dataset, a, b, date };
	PGresult	*res;

	if ((res = db_exec(r, &premium_stmts[PS_NCCI_PAIR], p)) == NULL)
		return -1;
	edits(r, res, out, n);
	return 0;
}

int
db_ncci_among(struct req *r, const char *dataset, const char *codes,
    const char *date, struct edit **out, size_t *n)
{
	const char	*p[3] = { dataset, codes, date };
	PGresult	*res;

	if ((res = db_exec(r, &premium_stmts[PS_NCCI_AMONG], p)) == NULL)
		return -1;
	edits(r, res, out, n);
	return 0;
}

int
db_mue_by_code(struct req *r, const char *code, const char *setting,
    struct mue **out, size_t *n)
{
	const char	*p[2] = { code, setting };
	PGresult	*res;
	struct mue	*v;
	int		 i, rows;

	if ((res = db_exec(r, &premium_stmts[PS_MUE_BY_CODE], p)) == NULL)
		return -1;
	rows = PQntuples(res);
	v = arena_calloc(r->arena, (size_t)rows + 1, sizeof(*v));
	for (i = 0; i < rows; i++) {
		v[i].setting = db_str(res, i, MU_SETTING);
		v[i].units = db_str(res, i, MU_UNITS);
		v[i].mai = (int)db_int(res, i, MU_MAI);
		v[i].mai_text = db_str(res, i, MU_TEXT);
		v[i].rationale = db_str(res, i, MU_RAT);
		prel(res, i, MU_LABEL, &v[i].rel);
	}
	*out = v;
	*n = (size_t)rows;
	return 0;
}

int
db_history(struct req *r, const char *set, const char *code,
    struct history **out, size_t *n)
{
	const char	*p[2] = { set, code };
	PGresult	*res;
	struct history	*v;
	int		 i, rows;

	if ((res = db_exec(r, &premium_stmts[PS_HISTORY], p)) == NULL)
		return -1;
	rows = PQntuples(res);
	v = arena_calloc(r->arena, (size_t)rows + 1, sizeof(*v));
	for (i = 0; i < rows; i++) {
		v[i].action = db_str(res, i, HI_ACTION);
		v[i].effective = db_str(res, i, HI_EFF);
		v[i].release_label = db_str(res, i, HI_LABEL);
		v[i].old_title = db_str(res, i, HI_OLD);
		v[i].new_title = db_str(res, i, HI_NEW);
		v[i].source = db_str(res, i, HI_SOURCE);
	}
	*out = v;
	*n = (size_t)rows;
	return 0;
}

int
db_similar(struct req *r, long long release_id, const char *parent,
    long long seq, const char *code, size_t limit, struct sibling **out,
    size_t *n)
{
	const char	*p[5];
	PGresult	*res;
	struct sibling	*v;
	int		 i, rows;

	p[0] = arena_printf(r->arena, "%lld", release_id);
	p[1] = parent;
	p[2] = arena_printf(r->arena, "%lld", seq);
	p[3] = code;
	p[4] = arena_printf(r->arena, "%zu", limit);
	if ((res = db_exec(r, &premium_stmts[PS_SIMILAR], p)) == NULL)
		return -1;
	rows = PQntuples(res);
	v = arena_calloc(r->arena, (size_t)rows + 1, sizeof(*v));
	for (i = 0; i < rows; i++) {
		v[i].key = db_str(res, i, SI_CODE);
		v[i].display = db_str(res, i, SI_DISPLAY);
		v[i].title = db_str(res, i, SI_TITLE);
		v[i].billable = db_bool(res, i, SI_BILLABLE);
	}
	*out = v;
	*n = (size_t)rows;
	return 0;
}

int
db_hmods(struct req *r, const char *only, struct hmod **out, size_t *n)
{
	const char	*p[1] = { only };
	PGresult	*res;
	struct hmod	*v;
	int		 i, rows;

	if ((res = db_exec(r, &premium_stmts[PS_HMODS], p)) == NULL)
		return -1;
	rows = PQntuples(res);
	v = arena_calloc(r->arena, (size_t)rows + 1, sizeof(*v));
	for (i = 0; i < rows; i++) {
		v[i].modifier = db_str(res, i, HM_MOD);
		v[i].short_title = db_str(res, i, HM_SHORT);
		v[i].title = db_str(res, i, HM_TITLE);
		prel(res, i, HM_LABEL, &v[i].rel);
	}
	*out = v;
	*n = (size_t)rows;
	return 0;
}

int
db_pos_list(struct req *r, struct pos **out, size_t *n)
{
	PGresult	*res;
	struct pos	*v;
	int		 i, rows;

	if ((res = db_exec(r, &premium_stmts[PS_POS_LIST], NULL)) == NULL)
		return -1;
	rows = PQntuples(res);
	v = arena_calloc(r->arena, (size_t)rows + 1, sizeof(*v));
	for (i = 0; i < rows; i++) {
		v[i].code = db_str(res, i, PO_CODE);
		v[i].type = db_str(res, i, PO_TYPE);
		v[i].name = db_str(res, i, PO_NAME);
		v[i].description = db_str(res, i, PO_DESC);
		prel(res, i, PO_LABEL, &v[i].rel);
	}
	*out = v;
	*n = (size_t)rows;
	return 0;
}
