/* The built-in exceptions whose constructors take structured arguments
 * (exc_struct.c): SyntaxError(msg, (filename, lineno, offset, text[,
 * end_lineno, end_offset])) and its subclasses, UnicodeDecodeError(
 * encoding, object, start, end, reason), UnicodeEncodeError (the same
 * with a str) and UnicodeTranslateError(object, start, end, reason).
 *
 * Ownership as in object.h: values returned through pointers are new
 * references; arguments are borrowed. */
#ifndef SL_LANG_EXC_STRUCT_H
#define SL_LANG_EXC_STRUCT_H

#include <stddef.h>

#include "core/object.h"

/* Checks a new instance's arguments as the class's tp_init does: 0, or
 * -1 with CPython's TypeError. Nothing to check for other exceptions. */
int sl__exc_struct_init(sl_rt *rt, sl_obj *exc);
/* Their attributes (msg, filename, lineno, ..., encoding, object, start,
 * end, reason) from the arguments: 1 found (*out), 0 not such an
 * attribute, -1 error. (Assigned values live in the instance's attribute
 * dict, which the caller reads first.) */
int sl__exc_struct_attr(sl_rt *rt, sl_obj *exc, const char *name, sl_value *out);
/* Their str(): 1 written, 0 not such an exception, -1 error. */
int sl__exc_struct_str(sl_rt *rt, sl_obj *exc, sl_strbuf *out);
/* Raises UnicodeDecodeError(encoding, bytes(data[0..len)), start, end,
 * reason). Returns -1. */
int sl_raise_unicode_decode(sl_rt *rt, const char *encoding, const unsigned char *data, size_t len,
                            size_t start, size_t end, const char *reason);

/* str.encode to 'ascii' or 'latin-1' (codec_narrow.c). sl__narrow_codec:
 * the codec's name as CPython reports it ("ascii", "latin-1") and *limit
 * (128, 256), or NULL for another codec. */
const char *sl__narrow_codec(const char *name, unsigned *limit);
/* self (a str) encoded; errors: the handler's name. 0 or -1. */
int sl__encode_narrow(sl_rt *rt, sl_value self, const char *codec, unsigned limit,
                      const char *errors, sl_value *out);

#endif
