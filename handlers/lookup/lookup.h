/*
 * lookup: code pages, search and browse over the loaded code sets. This
 * header joins the handler's files: statement ids, the typed wrappers of
 * db.c (PGresult never leaves db.c) and the pages.
 */
#ifndef LOOKUP_H
#define LOOKUP_H

#include <stddef.h>

#include "codeset.h"
#include "db.h"

struct buf;
struct req;
struct tdict;

enum stmt_id {
	STMT_RELEASES_LIVE,
	STMT_CODES_GET,
	STMT_CODES_ANCESTORS,
	STMT_CODES_CHILDREN,
	STMT_CODES_BILLABLE_UNDER,
	STMT_CODES_NEIGHBOURS,
	STMT_CODES_NEAR,
	STMT_CODE_TEXT_GET,
	STMT_CODE_NOTES_BY_CODES,
	STMT__MAX
};

enum field_id {
	F_Q,
	/* search */
	F_SET,
	F_BILLABLE,
	F_LIMIT,
	F_OFFSET,
	/* browse */
	F_BROWSE_PAGE,
	/* premium */
	F_CODES,
	F_SETTING,
	F_DATE,
	F_LOCALITY,
	F_YEAR,
	F_MODIFIER,
	F_ROLE,
	F_STATUS,
	F_C1,
	F_C2,
	F__MAX
};

struct release {
	const char	*dataset;
	const char	*label;
	const char	*version;
	const char	*effective;
	int		 licensed;
};

struct code {
	enum code_set	 set;
	const char	*key;		/* "E119" */
	const char	*display;	/* "E11.9" */
	const char	*kind;
	int		 billable;
	const char	*short_title;
	const char	*title;		/* NULL: CPT without licensed text */
	const char	*parent;
	long long	 seq;
	const char	*attrs;		/* JSON text or NULL */
	long long	 release_id;
	struct release	 release;
};

struct node {
	const char	*key;
	const char	*display;
	const char	*kind;
	const char	*title;
	int		 billable;
};

struct note {
	const char	*code;		/* key it is attached to */
	const char	*kind;
	const char	*text;
};

/* db.c: each returns 0 (1 for "found" where stated) or -1 (r->dbstatus). */
extern const struct stmt code_stmts[];
int	db_releases_live(struct req *, struct release **, size_t *);
int	db_codes_get(struct req *, enum code_set, const char *key,
	    struct code *);		/* 1 found, 0 not found, -1 */
int	db_codes_ancestors(struct req *, const struct code *, struct node **,
	    size_t *);			/* root first */
int	db_codes_children(struct req *, const struct code *, size_t limit,
	    struct node **, size_t *);
int	db_codes_billable_under(struct req *, const struct code *,
	    size_t limit, struct node **, size_t *, long long *total);
int	db_codes_neighbours(struct req *, const struct code *,
	    struct node *prev, struct node *next);	/* key NULL if none */
int	db_codes_near(struct req *, enum code_set, const char *key,
	    size_t limit, struct node **, size_t *);
int	db_code_text_get(struct req *, enum code_set, const char *key,
	    const char **lay);
int	db_code_notes_by_codes(struct req *, long long release_id,
	    const char *keys_array, struct note **, size_t *);

/* page_browse.c: /codes/{set} and the tree and range pages; page_code
 * hands page_node the {code} parameters that contain '-'. */
extern const struct stmt browse_stmts[];
int	page_set(struct req *);
int	page_node(struct req *);

/* main.c: the live releases the footer names (code sets first), cached
 * for a minute per worker; valid until the next call. */
const struct release *live_releases(struct req *, size_t *);

/* page_code.c */
int	page_code(struct req *);
int	page_api_code(struct req *);

/* page_premium.c: the body of premium section `section` (payment, ncci,
 * mue, modifiers, guidelines, history, similar) of code c, appended to
 * out as trusted html (built with html_* / tmpl_*); nothing appended
 * means no data for this code. Returns 0, or -1 on a database failure
 * (r->dbstatus set). Called only for unlocked sections: a locked
 * section's data never leaves the server. */
int	premium_body(struct req *, const struct code *, const char *section,
	    struct buf *out);

#endif /* LOOKUP_H */
