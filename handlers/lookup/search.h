/*
 * search: the statements and typed wrappers behind GET /search and
 * GET /api/search (search_db.c), and the pages (page_search.c). Kept
 * apart from lookup.h so that search changes touch only search files.
 */
#ifndef SEARCH_H
#define SEARCH_H

#include <stddef.h>

struct req;
struct stmt;

/* Why a row matched: the ranking tiers, best first (issue 3). */
enum search_tier {
	TIER_CODE,		/* the code itself */
	TIER_PREFIX,		/* a code beginning with the query */
	TIER_PHRASE,		/* the query as a phrase of a title or term */
	TIER_WORDS,		/* every word in the title, any order */
	TIER_TERM,		/* every word in an index/inclusion/lay term */
	TIER_SPELLING,		/* any of the above after spelling correction */
	TIER__MAX
};

struct hit {
	const char	*set;		/* "icd10cm" */
	const char	*key;		/* "E119" */
	const char	*display;	/* "E11.9" */
	const char	*title;		/* NULL: CPT without licensed text */
	int		 billable;
	enum search_tier tier;
	const char	*kind;		/* term kind: title short index ... */
	const char	*term;		/* the matching term, for `matched` */
	const char	*path;		/* index path, or NULL */
};

/* Query limits, shared by the parser and the index. */
#define SEARCH_WORDS_MAX	20
#define SEARCH_WORD_BYTES	48

/*
 * search_mem.c: the in-memory index of the live releases (see there).
 * Each call first makes sure the index is current (a signature query at
 * most every few seconds; a rebuild when a release or lay term changed).
 * want: rows needed from the best one (offset + limit); *total counts
 * every matching code. Hits point into the index (valid for the
 * request). Return 0, or -1 when the index cannot be built (r->dbstatus).
 */
extern const struct stmt smem_stmts[];
int	smem_refresh(struct req *);
/* Changes whenever the index is rebuilt: results cached under an older
 * generation are stale. */
unsigned smem_generation(void);
void	smem_warm(struct req *);
/* Codes equal to key (TIER_CODE) or beginning with it (TIER_PREFIX). */
int	smem_codes(struct req *, const char *key, unsigned setmask,
	    int billable, size_t want, struct hit **, size_t *,
	    long long *total);
/* Terms holding every word (the last one as a prefix when partial). */
int	smem_words(struct req *, char *const *words, size_t nw,
	    int partial, unsigned setmask, int billable, size_t want,
	    struct hit **out, size_t *n, long long *total);
/* fixed[i]: the known word closest to words[i], or words[i] itself. */
int	smem_spell(struct req *, char *const *words, size_t n, int partial,
	    char **fixed);


/* page_search.c */
int	page_search(struct req *);
int	page_api_search(struct req *);

#endif /* SEARCH_H */
