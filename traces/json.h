/* JSON for trace lines and decision logs, parsed by Jansson (json.c).
 *
 * Parses one JSON text into a tree of sl_json values. Strict (RFC 8259):
 * no trailing commas, no comments, no leading zeros, no bare control
 * characters in strings, no duplicate keys. For compatibility with
 * Python's json.dumps it also accepts NaN, Infinity and -Infinity as
 * numbers and lone surrogates written as escapes (\udXXX, kept as 3-byte
 * WTF-8 so they write back unchanged). Errors carry a 1-based byte column
 * within the text (where Jansson stopped) and Jansson's message; the JSONL
 * reader adds the line.
 *
 * Ownership: sl_json_parse returns a tree owned by the caller, freed with
 * sl_json_free; every string and child belongs to its parent. */
#ifndef SL_JSON_H
#define SL_JSON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef enum sl_json_type {
  SL_JSON_NULL,
  SL_JSON_BOOL,
  SL_JSON_NUMBER,
  SL_JSON_STRING,
  SL_JSON_ARRAY,
  SL_JSON_OBJECT,
} sl_json_type;

typedef struct sl_json sl_json;
struct sl_json {
  sl_json_type type;
  bool b;
  bool is_int;     /* NUMBER written without fraction or exponent, fits int64 */
  int64_t i;       /* valid when is_int */
  double d;        /* every NUMBER */
  char *s;         /* STRING: owned UTF-8 (NUL-terminated, may contain NULs) */
  size_t n;        /* STRING: length; ARRAY/OBJECT: number of items */
  char **keys;     /* OBJECT: owned keys, in document order */
  sl_json **items; /* ARRAY/OBJECT: owned values */
};

typedef struct sl_json_error {
  size_t col;       /* 1-based byte column of the problem */
  char message[96]; /* what was wrong, e.g. "'}' expected near end of file" */
} sl_json_error;

/* Parses text[0..len) as exactly one JSON value (whitespace around it is
 * allowed). Returns the tree, or NULL with *err filled (out of memory is
 * reported as the message "out of memory"). */
sl_json *sl_json_parse(const char *text, size_t len, sl_json_error *err);
void sl_json_free(sl_json *v);

/* The member `key` of an object (first occurrence), or NULL. */
const sl_json *sl_json_get(const sl_json *obj, const char *key);

#endif
