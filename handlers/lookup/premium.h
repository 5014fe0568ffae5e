/*
 * premium: the CMS data of the code page's premium sections, the NCCI
 * pair checker, the premium JSON APIs and the modifier/POS reference
 * pages. The typed wrappers of db_premium.c (PGresult never leaves it)
 * and the meanings of the CMS indicators (premium_text.c) are shared by
 * page_premium.c, page_ncci.c, page_api_premium.c and page_ref.c.
 * Every query reads the live release of its dataset; every row carries
 * the label of that release.
 */
#ifndef PREMIUM_H
#define PREMIUM_H

#include <stddef.h>

#include "db.h"

struct req;

/* A live release, as pages name it. */
struct prel {
	const char	*label;		/* "NCCI PTP practitioner 2024 Q2" */
	const char	*version;
	const char	*effective;	/* YYYY-MM-DD */
};

/* One PFS record (PPRRVU) with its payment at one locality (national
 * when no locality: every GPCI 1). Numbers are PostgreSQL's text. */
struct rvu {
	const char	*code, *modifier;	/* modifier "" for none */
	const char	*status;
	const char	*work, *pe_nonfac, *pe_fac, *mp;
	int		 pe_nonfac_na, pe_fac_na;
	const char	*total_nonfac, *total_fac;
	const char	*pctc, *global, *preop, *intraop, *postop;
	const char	*mult_proc, *bilateral, *assistant, *cosurgeons, *team;
	const char	*endo_base, *conv_factor, *phys_supervision;
	const char	*diag_imaging_family;
	const char	*gw, *gpe, *gmp;	/* GPCIs used ("1" national) */
	const char	*sum_nonfac, *sum_fac;	/* geographically adjusted RVUs */
	const char	*pay_nonfac, *pay_fac;	/* dollars, 2 decimals */
	struct prel	 rel;
};

/* A payment locality (GPCI row); id is "MAC-locality", "01112-05". */
struct locality {
	const char	*id, *mac, *locality, *state, *name;
	const char	*gw, *gpe, *gmp;
	struct prel	 rel;
};

/* One NCCI PTP edit. */
struct edit {
	const char	*col1, *col2;
	const char	*other;		/* section lists: the code on the other side */
	int		 prior_1996;
	const char	*effective;	/* NULL: not in the file (2024 Q2) */
	const char	*deleted;	/* NULL: active */
	int		 modifier;	/* 0, 1, 9 */
	int		 rationale_id;
	const char	*rationale;
	int		 applies;	/* in force (on the date, if given) */
	long long	 total;		/* section lists: rows in the whole list */
	const char	*role;		/* section lists: "col1", "col2", "hist" */
	struct prel	 rel;
};

/* One MUE row. */
struct mue {
	const char	*setting;	/* practitioner, hospital, dme */
	const char	*units;
	int		 mai;
	const char	*mai_text;
	const char	*rationale;
	struct prel	 rel;
};

struct history {
	const char	*action, *effective, *release_label;
	const char	*old_title, *new_title, *source;
};

struct sibling {
	const char	*key, *display, *title;
	int		 billable;
};

struct hmod {
	const char	*modifier, *short_title, *title;
	struct prel	 rel;
};

struct pos {
	const char	*code, *type, *name, *description;
	struct prel	 rel;
};

/* db_premium.c: each returns 0 (or a count where stated) or -1 with
 * r->dbstatus set (db_exec logs). Arrays are request memory. */
extern const struct stmt premium_stmts[];
int	db_prem_release(struct req *, const char *dataset, struct prel *);
					/* 1 live, 0 none, -1 */
int	db_pfs_by_code(struct req *, const char *code, const char *locality,
	    const char *modifier, struct rvu **, size_t *);
int	db_gpci_list(struct req *, struct locality **, size_t *);
int	db_gpci_get(struct req *, const char *id, struct locality *);
					/* 1 found, 0 unknown, -1 */
int	db_ncci_section(struct req *, const char *dataset, const char *code,
	    size_t limit, struct edit **, size_t *);
int	db_ncci_list(struct req *, const char *dataset, const char *code,
	    int as_col1, int active, size_t limit, size_t offset,
	    struct edit **, size_t *, long long *total);
int	db_ncci_pair(struct req *, const char *dataset, const char *a,
	    const char *b, const char *date, struct edit **, size_t *);
int	db_ncci_among(struct req *, const char *dataset, const char *codes,
	    const char *date, struct edit **, size_t *);
int	db_mue_by_code(struct req *, const char *code, const char *setting,
	    struct mue **, size_t *);
int	db_history(struct req *, const char *set, const char *code,
	    struct history **, size_t *);
int	db_similar(struct req *, long long release_id, const char *parent,
	    long long seq, const char *code, size_t limit, struct sibling **,
	    size_t *);
int	db_hmods(struct req *, const char *only, struct hmod **, size_t *);
int	db_pos_list(struct req *, struct pos **, size_t *);

/* premium_text.c: CMS indicator values in our own words (RVU25D.pdf
 * Attachment A, the NCCI and MUE manuals). NULL when unknown. */
const char	*pfs_status_meaning(const char *);
int		 pfs_status_payable(const char *);
const char	*pfs_global_meaning(const char *);
const char	*pfs_pctc_meaning(const char *);
const char	*pfs_mult_meaning(const char *);
const char	*pfs_bilat_meaning(const char *);
const char	*pfs_asst_meaning(const char *);
const char	*pfs_cosurg_meaning(const char *);
const char	*pfs_team_meaning(const char *);
const char	*ncci_mod_meaning(int);
const char	*ncci_mod_action(int);
const char	*mue_mai_meaning(int);
const char	*ncci_dataset(const char *setting);	/* NULL: bad setting */
const char	*ncci_setting_label(const char *setting);

/* Parse a procedure code (CPT or HCPCS Level II) as typed: key into
 * out (CODESET_KEY_SIZE), the set into *set. Returns 0; -1 not a code;
 * -2 a code of another set (ICD-10), with *set that set. */
int	premium_proc_code(const char *, size_t, char *out, int *set);

/* The codes field of the pair checker: single-line text of at most
 * 8000 characters (the page counts the codes and says how many). */
struct fval;
struct arena;
const char	*valid_codes_text(struct fval *, struct arena *);
/* The date field (date of service): NULL when absent; *msg set when bad
 * or before NCCI began (page_ncci.c). */
const char	*premium_date(struct req *, const char **msg);

/* Pages (page_ncci.c, page_api_premium.c, page_ref.c). */
int	page_ncci(struct req *);
int	page_ncci_list(struct req *);
int	page_api_ncci_pair(struct req *);
int	page_api_mue(struct req *);
int	page_api_fee(struct req *);
int	page_modifiers(struct req *);
int	page_pos(struct req *);

#endif /* PREMIUM_H */
