/*
 * pwhash: password hashing with libsodium's crypto_pwhash_str (argon2id)
 * at PWHASH_OPSLIMIT passes and PWHASH_MEMLIMIT bytes (libsodium's
 * "interactive" level: 2 passes, 64 MiB, above OWASP's minimum of 2
 * passes and 19 MiB). At most MEDCODE_PWHASH_SLOTS hashes (default 1)
 * run at once across all workers of a handler: each hash holds one
 * fcntl() byte lock of a file opened before fork (pwhash_init), so a
 * login burst queues instead of taking every core from page serving; a
 * lock dies with its process, so a crash cannot leak a slot.
 */
#ifndef PWHASH_H
#define PWHASH_H

#include <stddef.h>

#define PWHASH_OPSLIMIT		2U			/* passes */
#define PWHASH_MEMLIMIT		(64U * 1024 * 1024)	/* bytes */
#define PWHASH_WAIT_MS		10000	/* longest wait for a slot */
#define PWHASH_MIN_LEN		10	/* password length, characters */
#define PWHASH_MAX_LEN		128

/* Before fork: read MEDCODE_PWHASH_SLOTS, open the slot file, and make a
 * dummy hash for pwhash_verify(NULL, ...) timing. 0 or -1 (logged). */
int	pwhash_init(void);
/* Hash pw into out (crypto_pwhash_STRBYTES bytes). 0, or -1 when no slot
 * came free in PWHASH_WAIT_MS or out of memory (logged). */
int	pwhash_hash(char *out, size_t outsz, const char *pw, size_t len);
/* 1 if pw matches hash; hash NULL checks against a dummy hash so that an
 * unknown account costs the same time, and returns 0. -1 on no slot. */
int	pwhash_verify(const char *hash, const char *pw, size_t len);
/* 1 if hash was made with weaker parameters than the current ones. */
int	pwhash_needs_rehash(const char *hash);
/* NULL if pw is acceptable as a new password, else a message
 * (ASVS 2.1: at least 10 characters, at most 128, not all one char). */
const char *pwhash_check_new(const char *pw, size_t len, const char *email);

#endif /* PWHASH_H */
