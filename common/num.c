/*
 * num: strtonum-style parsing; see num.h. Integers are accumulated by hand
 * (no errno juggling, no NUL terminator needed); decimals are checked for
 * syntax here and converted by strtod from a bounded copy.
 */
#include <stdlib.h>
#include <string.h>

#include "num.h"

static int
fail(const char **errstr, const char *msg)
{
	if (errstr != NULL)
		*errstr = msg;
	return -1;
}

int
num_parse_i64(const char *s, size_t len, int64_t min, int64_t max,
    int64_t *out, const char **errstr)
{
	uint64_t	 mag = 0, lim;
	int64_t		 v;
	size_t		 i = 0;
	int		 neg = 0;
	unsigned	 d;

	if (min > max || len == 0)
		return fail(errstr, "invalid");
	if (s[0] == '-') {
		neg = 1;
		i = 1;
		if (len == 1)
			return fail(errstr, "invalid");
	}
	for (; i < len; i++)
		if (s[i] < '0' || s[i] > '9')
			return fail(errstr, "invalid");
	/* Magnitude limit: 2^63 for negatives, 2^63 - 1 otherwise. */
	lim = neg ? (uint64_t)INT64_MAX + 1 : (uint64_t)INT64_MAX;
	for (i = neg; i < len; i++) {
		d = (unsigned)(s[i] - '0');
		if (mag > (lim - d) / 10)
			return fail(errstr, neg ? "too small" : "too large");
		mag = mag * 10 + d;
	}
	if (neg)
		v = mag == (uint64_t)INT64_MAX + 1 ? INT64_MIN : -(int64_t)mag;
	else
		v = (int64_t)mag;
	if (v < min)
		return fail(errstr, "too small");
	if (v > max)
		return fail(errstr, "too large");
	*out = v;
	if (errstr != NULL)
		*errstr = NULL;
	return 0;
}

int
num_parse_double(const char *s, size_t len, double min, double max,
    double *out, const char **errstr)
{
	char	 tmp[65];
	size_t	 i = 0, digits = 0;
	double	 d;

	if (!(min <= max) || len == 0 || len >= sizeof(tmp))
		return fail(errstr, "invalid");
	if (s[0] == '-')
		i++;
	for (; i < len && s[i] >= '0' && s[i] <= '9'; i++)
		digits++;
	if (i < len && s[i] == '.')
		for (i++; i < len && s[i] >= '0' && s[i] <= '9'; i++)
			digits++;
	if (i != len || digits == 0)
		return fail(errstr, "invalid");
	memcpy(tmp, s, len);
	tmp[len] = '\0';
	d = strtod(tmp, NULL);
	if (d < min)
		return fail(errstr, "too small");
	if (d > max)
		return fail(errstr, "too large");
	*out = d;
	if (errstr != NULL)
		*errstr = NULL;
	return 0;
}
