/*
 * re: thin PCRE2 glue. Patterns are compiled once at start-up, anchored at
 * both ends and in UTF mode, JIT-compiled when possible, and matched with
 * match/depth limits. Process-lifetime objects; not thread safe (one
 * request at a time per process, as everywhere here).
 */
#ifndef RE_H
#define RE_H

#include <stddef.h>

struct re;

/*
 * Compile pattern with PCRE2_UTF | PCRE2_ANCHORED | PCRE2_ENDANCHORED plus
 * flags (e.g. PCRE2_CASELESS). A JIT failure is not fatal (logged at
 * debug). Returns NULL after logging pcre2_get_error_message and the
 * offset on a compile error.
 */
struct re	*re_new(const char *pattern, unsigned flags);
/*
 * Match (s, len) against the whole pattern. The subject is UTF-checked
 * (never PCRE2_NO_UTF_CHECK): invalid UTF-8 is no match. Returns 1 on a
 * match, 0 on none, -1 on another error such as a hit limit (logged).
 */
int		 re_match(struct re *, const char *s, size_t len);
void		 re_free(struct re *);

#endif /* RE_H */
