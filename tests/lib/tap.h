/*
 * tap.h: the Test Anything Protocol in a header (redis testhelp.h). Every
 * unit test and fuzz-corpus replay prints TAP and runs under prove.
 */
#ifndef TAP_H
#define TAP_H

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int tap_n, tap_fail;

#define plan(n)		printf("1..%d\n", (n))
#define ok(c, ...)	tap_ok(!!(c), __FILE__, __LINE__, __VA_ARGS__)
#define is_int(a, b, ...) do {						\
	long long tap_a = (long long)(a), tap_b = (long long)(b);	\
	if (!ok(tap_a == tap_b, __VA_ARGS__))				\
		printf("#   got %lld, expected %lld\n", tap_a, tap_b);	\
} while (0)
#define is_str(a, b, ...) do {						\
	const char *tap_a = (a), *tap_b = (b);				\
	int tap_eq = (tap_a == NULL || tap_b == NULL) ? tap_a == tap_b :	\
	    strcmp(tap_a, tap_b) == 0;					\
	if (!ok(tap_eq, __VA_ARGS__))					\
		printf("#   got \"%s\", expected \"%s\"\n",		\
		    tap_a ? tap_a : "(null)", tap_b ? tap_b : "(null)");	\
} while (0)
#define done_testing()	(printf("1..%d\n", tap_n), tap_fail ? 1 : 0)

__attribute__((format(printf, 4, 5), unused)) static int
tap_ok(int c, const char *file, int line, const char *fmt, ...)
{
	va_list	 ap;

	tap_n++;
	printf("%sok %d - ", c ? "" : "not ", tap_n);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	if (!c) {
		tap_fail++;
		printf("#   failed at %s line %d\n", file, line);
	}
	fflush(stdout);
	return c;
}

#endif /* TAP_H */
