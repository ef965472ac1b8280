/* str: immutable UTF-8 text. Lengths and indexes in Python are counted in
 * code points; `ascii` makes the common case O(1). */
#ifndef SL_STR_H
#define SL_STR_H

#include "core/object.h"

extern const sl_type sl_str_type;

typedef struct sl_strobj {
  sl_obj hdr;
  size_t len;   /* bytes, without the NUL */
  size_t cplen; /* code points */
  int64_t hash; /* cached; -1 until computed */
  bool ascii;
  char data[]; /* NUL-terminated UTF-8 */
} sl_strobj;

static inline sl_strobj *sl_as_str(sl_obj *o) { return (sl_strobj *)o; }
static inline const char *sl_str_cstr(sl_obj *o) { return ((sl_strobj *)o)->data; }
static inline bool sl_is_str(sl_value v) { return sl_is_type(v, &sl_str_type); }

/* New str from UTF-8 bytes (assumed valid). NULL + rt->fatal on failure. */
sl_obj *sl_str_new(sl_rt *rt, const char *utf8, size_t len);
sl_obj *sl_str_from_cstr(sl_rt *rt, const char *s);
/* New str from a buffer's contents, consuming the buffer: its bytes are
 * freed and *b is left empty (SL_STRBUF_INIT) whether or not the str could be
 * made, so the caller never frees b afterwards (a later sl_strbuf_free is a
 * no-op, and b may be reused). A buffer marked failed, or a failed
 * allocation, gives NULL + rt->fatal. */
sl_obj *sl_str_take_buf(sl_rt *rt, sl_strbuf *b);
bool sl_str_eq_cstr(sl_obj *s, const char *c);

#endif
