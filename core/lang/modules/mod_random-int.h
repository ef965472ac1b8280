/* Internals of the `random` module shared by mod_random.c (the generator,
 * seeding, numbers) and mod_random_seq.c (choice, shuffle, sample,
 * choices).
 *
 * Ownership: an sl_random is a heap object of the run (sl_random_type). */
#ifndef SL_LANG_MOD_RANDOM_INT_H
#define SL_LANG_MOD_RANDOM_INT_H

#include <stdbool.h>

#include "core/cfunc.h"
#include "core/lang/modules/mt19937.h"
#include "core/lang/modules/stdmod.h"

/* Seeds hold at most this many 32-bit words: 64 bits for ints, 192 bytes of
 * text plus its 64-byte SHA-512 for str/bytes. */
#define SL_RANDOM_KEY_WORDS 64

typedef struct sl_random {
  sl_obj hdr;
  sl_mt mt;
  bool has_gauss; /* Random.gauss_next is not None */
  double gauss_next;
} sl_random;

extern const sl_type sl_random_type;

/* random.seed(a): None/undef takes a `seed` decision. 0 or -1. */
int sl_random_seed(sl_rt *rt, sl_random *r, sl_value a);
/* Seeds with the non-negative integer `mag` (what seed(n) does with abs(n)). */
void sl_random_seed_u64(sl_random *r, uint64_t mag);
/* random.Random(seed): new reference in *out. 0 or -1. */
int sl_random_new(sl_rt *rt, sl_value seed, sl_obj **out);
/* getrandbits(k), 0 <= k <= 64. */
uint64_t sl_random_bits(sl_random *r, int k);
/* _randbelow(n), n > 0. */
uint64_t sl_random_below(sl_random *r, uint64_t n);

/* The sequence methods (mod_random_seq.c), bound to a Random as self. */
int sl__random_choice(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out);
int sl__random_shuffle(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out);
int sl__random_sample(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out);
int sl__random_choices(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out);

#endif
