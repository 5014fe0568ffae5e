/*
 * pwhash: argon2id through libsodium with a cross-process cap; see
 * pwhash.h. The slot file is an unlinked temporary file opened before
 * fork; slot i is byte i, locked with F_SETLK (POSIX locks belong to the
 * process, so workers sharing the inherited descriptor still exclude
 * each other, and a dead worker's lock goes with it).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <sodium.h>

#include "log.h"
#include "num.h"
#include "pwhash.h"
#include "valid.h"

static int	 slotfd = -1;
static int	 nslots = 1;
static char	 dummy[crypto_pwhash_STRBYTES];

static int
lock_byte(int slot, short type)
{
	struct flock	 fl;

	memset(&fl, 0, sizeof(fl));
	fl.l_type = type;
	fl.l_whence = SEEK_SET;
	fl.l_start = slot;
	fl.l_len = 1;
	return fcntl(slotfd, F_SETLK, &fl);
}

/* Take a free slot, waiting up to PWHASH_WAIT_MS; the slot or -1. */
static int
slot_take(void)
{
	struct timespec	 ts = { 0, 5 * 1000 * 1000 };
	int		 i, waited, start;

	if (slotfd == -1)
		return 0;	/* no cap (tools): one process anyway */
	start = (int)(getpid() % nslots);
	for (waited = 0; waited < PWHASH_WAIT_MS; waited += 5) {
		for (i = 0; i < nslots; i++)
			if (lock_byte((start + i) % nslots, F_WRLCK) == 0)
				return (start + i) % nslots;
		if (errno != EAGAIN && errno != EACCES) {
			log_err("%s: fcntl: %s", __func__, strerror(errno));
			return -1;
		}
		nanosleep(&ts, NULL);
	}
	log_warn("%s: no password-hash slot free after %d ms", __func__,
	    PWHASH_WAIT_MS);
	return -1;
}

static void
slot_give(int slot)
{
	if (slotfd != -1)
		(void)lock_byte(slot, F_UNLCK);
}

int
pwhash_init(void)
{
	const char	*v, *errstr;
	char		 path[] = "/tmp/medcode-pwhash-XXXXXX";
	int64_t		 n;

	if (sodium_init() < 0) {
		log_err("%s: sodium_init failed", __func__);
		return -1;
	}
	if ((v = getenv("MEDCODE_PWHASH_SLOTS")) != NULL && *v != '\0') {
		if (num_parse_i64(v, strlen(v), 1, 64, &n, &errstr) == -1) {
			log_err("MEDCODE_PWHASH_SLOTS: %s (%s)", errstr, v);
			return -1;
		}
		nslots = (int)n;
	}
	if ((slotfd = mkstemp(path)) == -1) {
		log_err("%s: mkstemp %s: %s", __func__, path, strerror(errno));
		return -1;
	}
	(void)unlink(path);
	if (crypto_pwhash_str(dummy, "medcode-dummy-password", 22,
	    PWHASH_OPSLIMIT, PWHASH_MEMLIMIT) != 0) {
		log_err("%s: out of memory", __func__);
		return -1;
	}
	log_info("password hashing: argon2id, %u passes, %u MiB, %d at once",
	    PWHASH_OPSLIMIT, PWHASH_MEMLIMIT / (1024 * 1024), nslots);
	return 0;
}

int
pwhash_hash(char *out, size_t outsz, const char *pw, size_t len)
{
	int	 slot, rc;

	if (outsz < crypto_pwhash_STRBYTES)
		return -1;
	if ((slot = slot_take()) == -1)
		return -1;
	rc = crypto_pwhash_str(out, pw, len, PWHASH_OPSLIMIT,
	    PWHASH_MEMLIMIT);
	slot_give(slot);
	if (rc != 0) {
		log_err("%s: out of memory", __func__);
		return -1;
	}
	return 0;
}

int
pwhash_verify(const char *hash, const char *pw, size_t len)
{
	int	 slot, ok;

	if ((slot = slot_take()) == -1)
		return -1;
	if (hash == NULL || dummy[0] == '\0') {
		/* Same work as a real check; the answer is always no. */
		if (dummy[0] != '\0' &&
		    crypto_pwhash_str_verify(dummy, pw, len) == 0)
			log_debug("%s: dummy matched", __func__);
		ok = 0;
	} else
		ok = crypto_pwhash_str_verify(hash, pw, len) == 0;
	slot_give(slot);
	return ok;
}

int
pwhash_needs_rehash(const char *hash)
{
	return crypto_pwhash_str_needs_rehash(hash, PWHASH_OPSLIMIT,
	    PWHASH_MEMLIMIT) != 0;
}

const char *
pwhash_check_new(const char *pw, size_t len, const char *email)
{
	size_t	 n, i;

	if (!valid_utf8(pw, len))
		return "must be valid text";
	n = valid_utf8_len(pw, len);
	if (n < PWHASH_MIN_LEN)
		return "must be at least 10 characters";
	if (n > PWHASH_MAX_LEN)
		return "must be at most 128 characters";
	for (i = 1; i < len && pw[i] == pw[0]; i++)
		;
	if (i == len)
		return "must not be one character repeated";
	if (email != NULL && strcmp(pw, email) == 0)
		return "must not be your email address";
	return NULL;
}
