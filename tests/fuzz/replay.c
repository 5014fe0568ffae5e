/*
 * replay: main() for the fuzz targets in ordinary builds. It feeds every
 * file of tests/fuzz/corpus/<target>/ (or the directories given) to
 * LLVMFuzzerTestOneInput once and prints TAP, so `make test` keeps the
 * targets compiling and the corpus passing; libFuzzer builds (make fuzz)
 * link libFuzzer's own main instead.
 */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tap.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static int
replay_dir(const char *dir)
{
	struct dirent	**ents;
	char		 path[4096];
	FILE		*f;
	uint8_t		*data;
	long		 len;
	int		 i, n;

	if ((n = scandir(dir, &ents, NULL, alphasort)) == -1) {
		ok(0, "corpus %s readable", dir);
		return -1;
	}
	for (i = 0; i < n; i++) {
		if (ents[i]->d_name[0] == '.') {
			free(ents[i]);
			continue;
		}
		snprintf(path, sizeof(path), "%s/%s", dir, ents[i]->d_name);
		free(ents[i]);
		if ((f = fopen(path, "rb")) == NULL ||
		    fseek(f, 0, SEEK_END) == -1 || (len = ftell(f)) < 0 ||
		    fseek(f, 0, SEEK_SET) == -1) {
			ok(0, "read %s", path);
			if (f != NULL)
				fclose(f);
			continue;
		}
		data = malloc((size_t)len + 1);
		if (data == NULL || fread(data, 1, (size_t)len, f) !=
		    (size_t)len) {
			ok(0, "read %s", path);
		} else {
			LLVMFuzzerTestOneInput(data, (size_t)len);
			ok(1, "replay %s", path);
		}
		free(data);
		fclose(f);
	}
	free(ents);
	return 0;
}

int
main(int argc, char *argv[])
{
	char		 dir[1024];
	const char	*name;
	int		 i;

	if (argc > 1) {
		for (i = 1; i < argc; i++)
			replay_dir(argv[i]);
		return done_testing();
	}
	/* build/tests/fuzz/fuzz-query → tests/fuzz/corpus/query */
	name = strrchr(argv[0], '/');
	name = name != NULL ? name + 1 : argv[0];
	if (strncmp(name, "fuzz-", 5) == 0)
		name += 5;
	snprintf(dir, sizeof(dir), "tests/fuzz/corpus/%s", name);
	replay_dir(dir);
	return done_testing();
}
