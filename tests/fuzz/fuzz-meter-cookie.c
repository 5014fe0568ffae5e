/*
 * fuzz-meter-cookie: the guest cookie parser (common/meter.c). Whatever
 * the bytes, it returns 0 only for a value signed with the key.
 */
#include <stdint.h>
#include <string.h>

#include <sodium.h>

#include "meter.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static unsigned char	 key[METER_KEY_BYTES];
	unsigned char		 id[METER_ID_BYTES];

	if (sodium_init() < 0)
		__builtin_trap();
	memset(key, 1, sizeof(key));
	/* Nothing random can carry a valid tag under this key. */
	if (meter_cookie_parse(key, (const char *)data, size, id) == 0)
		__builtin_trap();
	return 0;
}
