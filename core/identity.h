/* Run-derived identities: what a program sees where CPython shows an
 * object's address (reprs "at 0x7f...", the default hash, and so the order
 * of a set of such objects).
 *
 * A real address changes from process to process (ASLR, the allocator's
 * state), so it must never reach a program: a run is a function of
 * (program, schedule, profile) only. An object gets an identity the first
 * time something asks for it: the next number of the run, kept in a
 * per-run table until the object is freed (heap.c forgets it). An object
 * keeps its identity for its whole life, as an address does, and the
 * hot path (allocation, decref) pays nothing for objects never asked.
 *
 * Ownership: the table belongs to the run (rt->identities) and is freed by
 * sl_identity_free when the run is torn down. */
#ifndef SL_IDENTITY_H
#define SL_IDENTITY_H

#include <stdint.h>

#include "core/object.h"
#include "core/strbuf.h"

typedef struct sl_identities {
  sl_obj **keys;     /* open addressing, linear probing; NULL = empty slot */
  uint64_t *serials; /* the identity of keys[i] */
  size_t cap, len;   /* cap is 0 or a power of two */
  uint64_t next;     /* the last identity handed out */
} sl_identities;

/* The address `o` shows ("0x7f..."): 0 ok, -1 out of memory (raised). */
int sl_identity_address(sl_rt *rt, sl_obj *o, uint64_t *out);
/* Appends o's address, "0x7f...": 0 ok, -1 out of memory (raised). */
int sl_identity_put(sl_rt *rt, sl_obj *o, sl_strbuf *out);
/* Appends o's address and the '>' that ends a repr such as `<X object at 0x...>`,
   whose head the caller wrote: 0 ok, -1 out of memory (raised). */
int sl_identity_put_end(sl_rt *rt, sl_obj *o, sl_strbuf *out);
/* hash(o) for an object hashed by identity (CPython: the address >> 4). */
int sl_identity_hash(sl_rt *rt, sl_obj *o, int64_t *out);
/* Drops o's identity (o is being freed and had one). */
void sl_identity_forget(sl_rt *rt, sl_obj *o);
/* Frees the table (the run is over). */
void sl_identity_free(sl_rt *rt);

#endif
