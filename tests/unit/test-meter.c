/*
 * test-meter: the guest cookie. A made cookie parses back to its id under
 * the same key and nowhere else; every malformed or tampered value is
 * refused (the id of a guest is only ever what we signed).
 */
#include <string.h>

#include <sodium.h>

#include "arena.h"
#include "meter.h"
#include "tap.h"

int
main(void)
{
	struct arena	*a = arena_new();
	unsigned char	 key[METER_KEY_BYTES], key2[METER_KEY_BYTES];
	unsigned char	 id[METER_ID_BYTES], got[METER_ID_BYTES];
	char		 v[METER_COOKIE_LEN + 8];
	const char	*c;
	size_t		 i;
	int		 all;

	if (sodium_init() < 0)
		return 1;
	memset(key, 7, sizeof(key));
	memset(key2, 8, sizeof(key2));
	for (i = 0; i < sizeof(id); i++)
		id[i] = (unsigned char)(i * 17);

	c = meter_cookie_make(a, key, id);
	is_int(strlen(c), METER_COOKIE_LEN, "cookie length");
	is_str(c, meter_cookie_make(a, key, id), "deterministic");
	ok(strncmp(c, "0011223344556677", 16) == 0, "id in lower-case hex");
	ok(c[32] == '.', "separator");
	ok(strpbrk(c, ";, \"=+/") == NULL,
	    "no characters a cookie cannot hold");
	memset(got, 0, sizeof(got));
	is_int(meter_cookie_parse(key, c, strlen(c), got), 0, "parses");
	ok(memcmp(got, id, sizeof(id)) == 0, "same id back");
	is_int(meter_cookie_parse(key2, c, strlen(c), got), -1,
	    "another key: refused");

	/* Every single-byte change is refused. */
	all = 1;
	for (i = 0; i < strlen(c); i++) {
		memcpy(v, c, strlen(c) + 1);
		v[i] = v[i] == 'a' ? 'b' : 'a';
		if (meter_cookie_parse(key, v, strlen(v), got) == 0)
			all = 0;
	}
	ok(all, "every tampered byte refused");
	memcpy(v, c, strlen(c) + 1);
	for (i = 0; i < 32; i++)
		if (v[i] >= 'a' && v[i] <= 'f')
			v[i] = (char)(v[i] - 32);
	is_int(meter_cookie_parse(key, v, strlen(v), got), -1,
	    "upper-case hex refused");
	is_int(meter_cookie_parse(key, c, strlen(c) - 1, got), -1, "short");
	memcpy(v, c, strlen(c) + 1);
	v[strlen(c)] = 'A';
	v[strlen(c) + 1] = '\0';
	is_int(meter_cookie_parse(key, v, strlen(v), got), -1, "long");
	is_int(meter_cookie_parse(key, "", 0, got), -1, "empty");
	memset(v, 'a', METER_COOKIE_LEN);
	v[32] = '.';
	v[METER_COOKIE_LEN] = '\0';
	is_int(meter_cookie_parse(key, v, strlen(v), got), -1, "forged tag");

	/* A different id, a different cookie. */
	id[0] ^= 1;
	ok(strcmp(meter_cookie_make(a, key, id), c) != 0, "ids differ");
	arena_free(a);
	return done_testing();
}
