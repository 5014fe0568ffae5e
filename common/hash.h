/*
 * hash: FNV-1a over bytes, for the in-process hash tables and the
 * direct-mapped caches (templates, search index, per-worker caches). A
 * collision only costs a lookup or evicts a cache entry: nothing here may
 * rely on keys being spread by an adversary-proof hash.
 */
#ifndef HASH_H
#define HASH_H

#include <stddef.h>
#include <stdint.h>

uint32_t	hash_bytes(const void *, size_t);
uint32_t	hash_str(const char *);

#endif /* HASH_H */
