/* SHA-256 (FIPS 180-4), for scenario digests and trace hashes.
 *
 * A small streaming implementation written for simloop: the trace hash must
 * be the same in every build, so it depends on nothing but this file. The
 * context is a plain value (no allocation); feed it with update, read the
 * digest with final. */
#ifndef SL_SHA256_H
#define SL_SHA256_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct sl_sha256 {
  uint32_t h[8];
  uint64_t nbytes;   /* message length so far */
  uint8_t block[64]; /* the partial block */
  size_t fill;       /* bytes in `block` */
} sl_sha256;

void sl_sha256_init(sl_sha256 *c);
void sl_sha256_update(sl_sha256 *c, const void *data, size_t len);
/* Writes the 32-byte digest; `c` must be re-initialised before reuse. */
void sl_sha256_final(sl_sha256 *c, uint8_t out[32]);
/* Writes the digest as 64 lowercase hex digits and a NUL into hex[65]. */
void sl_sha256_final_hex(sl_sha256 *c, char hex[65]);
/* One-shot convenience: hex digest of a buffer. */
void sl_sha256_hex(const void *data, size_t len, char hex[65]);

/* Whether digests use the x86 SHA extensions (the CPU has them and the
 * portable rounds are not forced). The digest is the same either way. */
bool sl_sha256_accelerated(void);
/* For tests, which compare the two ways: true makes the digests that
 * follow use the portable rounds even where the CPU has the extensions;
 * false goes back to the default. Not for use while other threads hash. */
void sl__sha256_force_portable(bool on);

#endif
