/*
 * fuzz-codeset: code normalisation, keys, display forms and guesses on
 * arbitrary bytes; a key that comes out must normalise to itself and its
 * display form must turn back into the same key.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "codeset.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char	*s = (const char *)data;
	char		 key[CODESET_KEY_SIZE], key2[CODESET_KEY_SIZE];
	char		 disp[CODESET_KEY_SIZE];
	unsigned	 full, prefix;
	int		 set;

	if (codeset_init() == -1)
		abort();
	(void)codeset_from_name(s, size);
	full = codeset_guess(s, size);
	prefix = codeset_guess_prefix(s, size);
	/* Every full code is also a prefix of itself. */
	if ((full & prefix) != full)
		abort();
	for (set = 0; set < CODESET__MAX; set++) {
		if (codeset_key(set, s, size, key, sizeof(key)) == -1) {
			if (full & (1u << set))
				abort();
			continue;
		}
		if (!(full & (1u << set)))
			abort();
		if (codeset_display(set, key, disp, sizeof(disp)) == -1)
			abort();
		if (codeset_key(set, disp, strlen(disp), key2,
		    sizeof(key2)) == -1 || strcmp(key, key2) != 0)
			abort();
	}
	return 0;
}
