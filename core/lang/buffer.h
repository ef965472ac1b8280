/* bytearray and memoryview: the mutable and the viewing bytes-like objects
 * (core/lang/bytearray.c, core/lang/memoryview.c), as much of them as
 * sock_recv_into, socket.recv_into and BufferedProtocol (get_buffer /
 * buffer_updated) programs use: construction, len, indexing, slicing,
 * slice assignment and deletion, bytes(), comparison with bytes, repr.
 *
 * Ownership: a bytearray owns its heap buffer (freed by its release
 * slot). A memoryview owns a reference to the object it views and holds
 * an export on a bytearray, which then refuses to change size (BufferError,
 * as CPython) until the view is released or freed. */
#ifndef SL_LANG_BUFFER_H
#define SL_LANG_BUFFER_H

#include <stdbool.h>
#include <stddef.h>

#include "core/cfunc.h"
#include "core/object.h"

extern const sl_type sl_bytearray_type, sl_memoryview_type;

typedef struct sl_bytearray {
  sl_obj hdr;
  unsigned char *data; /* owned; cap bytes */
  size_t len, cap;
  size_t exports; /* memoryviews holding it */
} sl_bytearray;

typedef struct sl_memoryview {
  sl_obj hdr;
  sl_value obj; /* owned: the bytes or bytearray viewed; None once released */
  size_t start, len;
} sl_memoryview;

static inline sl_bytearray *sl_as_bytearray(sl_obj *o) { return (sl_bytearray *)o; }
static inline sl_memoryview *sl_as_memoryview(sl_obj *o) { return (sl_memoryview *)o; }

/* The bytes of a bytes-like value (bytes, bytearray, a memoryview not
 * released): true with *data and *len borrowed until the object changes;
 * false for anything else. */
bool sl_buffer_read(sl_value v, const unsigned char **data, size_t *len);
/* The same for a writable one (bytearray, a memoryview of one). */
bool sl_buffer_write(sl_value v, unsigned char **data, size_t *len);

/* A new bytearray holding a copy of data[0..len). */
sl_obj *sl_bytearray_new(sl_rt *rt, const unsigned char *data, size_t len);

/* bytearray() and memoryview() as built-in callables. */
extern const sl_cfunc_def sl__ctor_bytearray, sl__ctor_memoryview;

/* bytes(*args) (builtins_types.c), for bytearray()'s other sources. */
int sl__bytes_from(sl_rt *rt, const sl_args *args, sl_value *out);

/* For memoryview.c: a bytearray gains or loses an export. */
void sl__bytearray_export(sl_obj *o, bool add);

#endif
