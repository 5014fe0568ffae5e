/*
 * test-num: strtonum semantics at every edge: signs, spaces, overflow by
 * one, the range limits, and plain decimals.
 */
#include <stdint.h>
#include <string.h>

#include "num.h"
#include "tap.h"

static int64_t		 iv;
static const char	*er;

static int
pi(const char *s, int64_t min, int64_t max)
{
	iv = 12345;
	return num_parse_i64(s, strlen(s), min, max, &iv, &er);
}

static double		 dv;

static int
pd(const char *s, double min, double max)
{
	dv = -999;
	return num_parse_double(s, strlen(s), min, max, &dv, &er);
}

int
main(void)
{
	is_int(pi("0", 0, 10), 0, "0");
	is_int(iv, 0, "0 value");
	ok(er == NULL, "errstr NULL on success");
	is_int(pi("42", 0, 100), 0, "42");
	is_int(iv, 42, "42 value");
	is_int(pi("-42", -100, 100), 0, "-42");
	is_int(iv, -42, "-42 value");
	is_int(pi("007", 0, 100), 0, "leading zeros");
	is_int(iv, 7, "leading zeros value");
	is_int(pi("9223372036854775807", INT64_MIN, INT64_MAX), 0, "INT64_MAX");
	ok(iv == INT64_MAX, "INT64_MAX value");
	is_int(pi("-9223372036854775808", INT64_MIN, INT64_MAX), 0,
	    "INT64_MIN");
	ok(iv == INT64_MIN, "INT64_MIN value");
	is_int(pi("9223372036854775808", INT64_MIN, INT64_MAX), -1,
	    "INT64_MAX + 1");
	is_str(er, "too large", "overflow is too large");
	is_int(iv, 12345, "out untouched on error");
	is_int(pi("-9223372036854775809", INT64_MIN, INT64_MAX), -1,
	    "INT64_MIN - 1");
	is_str(er, "too small", "underflow is too small");
	is_int(pi("99999999999999999999999", 0, 10), -1, "huge");
	is_str(er, "too large", "huge too large");
	is_int(pi("10", 0, 10), 0, "max inclusive");
	is_int(pi("11", 0, 10), -1, "max + 1");
	is_str(er, "too large", "max + 1 too large");
	is_int(pi("-1", 0, 10), -1, "min - 1");
	is_str(er, "too small", "min - 1 too small");
	is_int(pi("5", 10, 0), -1, "min > max");
	is_str(er, "invalid", "min > max invalid");
	is_int(pi("", 0, 10), -1, "empty");
	is_str(er, "invalid", "empty invalid");
	is_int(pi("-", -10, 10), -1, "lone minus");
	is_str(er, "invalid", "lone minus invalid");
	is_int(pi("+5", 0, 10), -1, "plus sign");
	is_str(er, "invalid", "plus invalid");
	is_int(pi(" 5", 0, 10), -1, "leading space");
	is_int(pi("5 ", 0, 10), -1, "trailing space");
	is_int(pi("5a", 0, 10), -1, "trailing letter");
	is_int(pi("0x10", 0, 100), -1, "hex");
	is_int(pi("1e3", 0, 10000), -1, "exponent");
	is_int(pi("--5", -10, 10), -1, "double minus");
	is_int(pi("1.0", 0, 10), -1, "decimal point");
	is_int(pi("\xd9\xa3", 0, 10), -1, "Arabic-Indic digit");
	is_int(num_parse_i64("5\0" "0", 3, 0, 100, &iv, &er), -1,
	    "NUL in the middle");
	is_int(num_parse_i64("123", 2, 0, 100, &iv, NULL), 0,
	    "length respected, errstr may be NULL");
	is_int(iv, 12, "length respected value");
	is_int(num_parse_i64("x", 1, 0, 100, &iv, NULL), -1,
	    "errstr NULL on failure");

	is_int(pd("1", 0, 10), 0, "1");
	ok(dv == 1.0, "1.0 value");
	is_int(pd("-0.5", -1, 1), 0, "-0.5");
	ok(dv == -0.5, "-0.5 value");
	is_int(pd("12.", 0, 100), 0, "12.");
	is_int(pd(".5", 0, 1), 0, ".5");
	ok(dv == 0.5, ".5 value");
	is_int(pd("3.25", 0, 10), 0, "3.25");
	ok(dv == 3.25, "3.25 value");
	is_int(pd("10.5", 0, 10), -1, "over max");
	is_str(er, "too large", "too large");
	is_int(pd("-0.1", 0, 10), -1, "under min");
	is_str(er, "too small", "too small");
	is_int(pd("", 0, 1), -1, "empty");
	is_str(er, "invalid", "empty invalid");
	is_int(pd(".", 0, 1), -1, "lone dot");
	is_int(pd("-", 0, 1), -1, "lone minus");
	is_int(pd("1e5", 0, 1e9), -1, "exponent");
	is_int(pd("inf", 0, 1), -1, "inf");
	is_int(pd("nan", 0, 1), -1, "nan");
	is_int(pd("0x1p3", 0, 100), -1, "hex float");
	is_int(pd("+1", 0, 10), -1, "plus");
	is_int(pd(" 1", 0, 10), -1, "space");
	is_int(pd("1.2.3", 0, 10), -1, "two dots");
	is_int(pd("1,5", 0, 10), -1, "comma");
	is_int(pd("1", 2, 1), -1, "min > max");
	is_int(pd("0.00000000000000000000000000000000000000000000000000000000000000001",
	    0, 1), -1, "over 64 bytes");
	is_int(num_parse_double("2.5x", 3, 0, 10, &dv, NULL), 0,
	    "length respected");
	ok(dv == 2.5, "length respected value");
	return done_testing();
}
