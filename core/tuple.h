/* tuple and list: sequences of owned values. */
#ifndef SL_TUPLE_H
#define SL_TUPLE_H

#include "core/object.h"

extern const sl_type sl_tuple_type;
extern const sl_type sl_list_type;

typedef struct sl_tuple {
  sl_obj hdr;
  size_t len;
  sl_value items[]; /* owned */
} sl_tuple;

typedef struct sl_list {
  sl_obj hdr;
  size_t len, cap;
  sl_value *items; /* owned array of owned values */
} sl_list;

static inline sl_tuple *sl_as_tuple(sl_obj *o) { return (sl_tuple *)o; }
static inline sl_list *sl_as_list(sl_obj *o) { return (sl_list *)o; }

/* New tuple holding new references to `items` (borrowed). */
sl_obj *sl_tuple_new(sl_rt *rt, const sl_value *items, size_t len);
/* New list holding new references to `items` (borrowed; may be NULL if len 0). */
sl_obj *sl_list_new(sl_rt *rt, const sl_value *items, size_t len);
/* sl_list_append when the list is full: grows it, then appends. */
int sl__list_append_grow(sl_rt *rt, sl_obj *list, sl_value v);
/* Appends a new reference to v; the common case (room left) inline. */
static inline int sl_list_append(sl_rt *rt, sl_obj *list, sl_value v) {
  sl_list *l = sl_as_list(list);
  if (l->len == l->cap) return sl__list_append_grow(rt, list, v);
  l->items[l->len++] = sl_vincref(v);
  return 0;
}
/* Grows capacity to at least `cap`. */
int sl_list_reserve(sl_rt *rt, sl_obj *list, size_t cap);
/* Repr of a sequence of values between `open` and `close` (Python rules for
 * one-element tuples are the caller's: pass trailing_comma). */
int sl_seq_repr(sl_rt *rt, const sl_value *items, size_t len, const char *open, const char *close,
                bool trailing_comma, sl_strbuf *out);

#endif
