/* SHA-512 (FIPS 180-4), for random.seed(str|bytes) which seeds with
 * int.from_bytes(a + sha512(a).digest()). core cannot use traces/'s
 * hashing (layering), and this needs only the one-shot form.
 *
 * Ownership: none; the caller's buffers. */
#ifndef SL_LANG_SHA512_H
#define SL_LANG_SHA512_H

#include <stddef.h>
#include <stdint.h>

/* digest = SHA-512(data[0..len)), 64 bytes. */
void sl_sha512(const unsigned char *data, size_t len, unsigned char digest[64]);

#endif
