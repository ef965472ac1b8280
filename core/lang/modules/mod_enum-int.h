/* Internals of the enum module shared by its files: mod_enum.c (the base
 * classes and their methods), mod_enum_class.c (EnumType: members made at
 * the end of the class statement, the class object's protocols) and
 * mod_enum_flag.c (Flag and IntFlag). Not installed. */
#ifndef SL_LANG_MOD_ENUM_INT_H
#define SL_LANG_MOD_ENUM_INT_H

#include <stdbool.h>
#include <stdint.h>

#include "core/cfunc.h"
#include "core/object.h"
#include "core/strbuf.h"

/* What an enumeration derives from, which decides its members' values and
 * methods. INT, STR and INTFLAG members stand for their values (mixed in). */
typedef enum sl__enum_kind {
  SL__ENUM_PLAIN,
  SL__ENUM_INT,
  SL__ENUM_STR,
  SL__ENUM_FLAG,
  SL__ENUM_INTFLAG,
  SL__ENUM_INT_MIX, /* class Num(int, Enum): int's operators, Enum's str() and format() */
  SL__ENUM_STR_MIX, /* class Color(str, Enum) */
} sl__enum_kind;

/* The kind of an enumeration class (its nearest enum-module base). */
sl__enum_kind sl__enum_kind_of(sl_obj *cls);

/* The methods' shared pieces (mod_enum.c): exactly n positional arguments
 * and no keywords, else CPython's TypeError naming `meth`; and the str
 * built in *b as the result (b freed; rc nonzero: an error already raised). */
/* A row of methods added to an enum class: name, body, and the int the
 * body receives as its bound argument. sl__enum_add_methods adds rows up
 * to a NULL name to cls, filling defs (static storage, a slot per row). */
typedef struct sl__enum_method {
  const char *name;
  sl_cfunc_fn fn;
  int64_t arg;
} sl__enum_method;
int sl__enum_add_methods(sl_rt *rt, sl_obj *cls, const sl__enum_method *m, sl_cfunc_def *defs);
int sl__enum_need_args(sl_rt *rt, const sl_args *a, size_t n, const char *meth);
int sl__enum_str_result(sl_rt *rt, sl_strbuf *b, int rc, sl_value *out);
static inline bool sl__enum_is_flag(sl__enum_kind k) {
  return k == SL__ENUM_FLAG || k == SL__ENUM_INTFLAG;
}
static inline bool sl__enum_is_mixed(sl__enum_kind k) {
  return k == SL__ENUM_INT || k == SL__ENUM_STR || k == SL__ENUM_INTFLAG || k == SL__ENUM_INT_MIX ||
         k == SL__ENUM_STR_MIX;
}
/* Gives a `class Color(str, Enum)` the data type's methods IntEnum and
 * StrEnum have (comparisons, hash, operators, other attributes from the
 * value), keeping Enum's __str__, __format__ and __repr__ and the class's
 * own methods (EnumType.__new__ puts Enum's text methods over the data
 * type's). 0 or -1. */
int sl__enum_add_mixin_methods(sl_rt *rt, sl_obj *cls);

/* Whether attribute `name` = v of a class body becomes a member (not a
 * dunder, sunder, private name, function or descriptor). cls_name names
 * the class, for the private-name test (NULL: no such test). */
bool sl__enum_is_member(const char *cls_name, const char *name, sl_value v);
/* Whether v is an enum.auto() not resolved yet. */
bool sl__enum_is_auto(sl_value v);

/* A member of cls: its instance with _name_/_value_ and name/value (both
 * borrowed here); run_init: the class's __init__ runs with the value
 * (unpacked when a tuple), as for members the class body defines, not for
 * Flag's pseudo-members. *out a new reference. 0 or -1. */
int sl__enum_new_member(sl_rt *rt, sl_obj *cls, sl_value name, sl_value value, bool run_init,
                        sl_value *out);

/* Flag's part of the class statement's end (mod_enum_flag.c): the
 * members, _flag_mask_, _singles_mask_, _all_bits_, _value2member_map_. */
int sl__flag_finish(sl_rt *rt, sl_obj *cls, sl__enum_kind kind);
/* Cls(value) for a Flag class: a member, an alias or a pseudo-member
 * (Flag._missing_), or Flag's ValueError. */
int sl__flag_call(sl_rt *rt, sl_obj *cls, sl_value v, sl_value *out);
/* `item in Cls` for a Flag class, 3.12+ (3.11 raises before). */
int sl__flag_class_contains(sl_rt *rt, sl_obj *cls, sl_value item, bool *res);
/* Adds Flag's and IntFlag's methods: Flag is a class deriving from enum's
 * Enum (e); IntFlag derives from Flag and gets the mixed-in int methods
 * `mixed` first. */
int sl__flag_add_methods(sl_rt *rt, sl_obj *flag, sl_obj *intflag);

/* The auto() value for member `name` of a class body being run, from the
 * members so far (`ns`, the namespace dict): Enum last value + 1, StrEnum
 * the lower-cased name, Flag the next power of two (_EnumDict.__setitem__
 * resolves auto() when it is stored, so `WHITE = RED | GREEN` works).
 * *out a new reference. 0 or -1. */
int sl__enum_auto_value(sl_rt *rt, sl_obj *ns, sl__enum_kind kind, const char *name, sl_value *out);

#endif
