/*
 * num: number parsing with strtonum(3) semantics over (ptr, len) text, for
 * validators and for reading PostgreSQL's text results. No locale, no
 * leading '+' or spaces, base 10 only.
 */
#ifndef NUM_H
#define NUM_H

#include <stddef.h>
#include <stdint.h>

/*
 * Parse s[0..len) as a base-10 integer: an optional '-' then one or more
 * digits and nothing else. Returns 0 and sets *out, or -1 with *errstr set
 * to "invalid" (syntax, empty, min > max), "too small" or "too large"
 * (outside [min, max], including int64 overflow). errstr may be NULL; on
 * success it is set to NULL. Nothing is logged.
 */
int	num_parse_i64(const char *s, size_t len, int64_t min, int64_t max,
	    int64_t *out, const char **errstr);
/*
 * Parse a plain decimal: optional '-', digits, optionally '.' and digits
 * ("1", "-0.5", "12.", ".5" are fine; no exponent, inf or nan; at most 64
 * bytes). Same returns and messages as num_parse_i64.
 */
int	num_parse_double(const char *s, size_t len, double min, double max,
	    double *out, const char **errstr);

#endif /* NUM_H */
