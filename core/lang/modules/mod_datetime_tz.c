/* datetime.timezone (fixed offsets; timezone.utc), the abstract
 * datetime.tzinfo (for isinstance; only timezone instances are accepted as
 * a tzinfo: user tzinfo subclasses are not supported), and datetime.time.
 *
 * CPython keeps one timezone.utc object and timezone(timedelta(0)) returns
 * it; here every zero offset without a name prints and compares as it
 * (repr "datetime.timezone.utc"), though they are distinct objects. */
#include <string.h>

#include "core/exc.h"
#include "core/lang/modules/mod_datetime-int.h"
#include "core/lang/ops-int.h"
#include "core/lang/vm.h"
#include "core/rt.h"
#include "core/str.h"
#include "core/tuple.h"

#define US_PER_HOUR 3600000000LL

int sl__tz_new(sl_rt *rt, int64_t off_us, sl_value name, sl_value *out) {
  sl_obj *o = sl_obj_alloc(rt, &sl__dt_tz_type);
  if (!o) return -1;
  ((sl_tzobj *)o)->off_us = off_us;
  ((sl_tzobj *)o)->name = sl_vincref(name);
  *out = sl_obj_val(o);
  return 0;
}

sl_value sl__tz_utc(sl_rt *rt) {
  sl_value v;
  return sl__tz_new(rt, 0, sl_none(), &v) ? sl_undef() : v;
}

int sl__tz_check(sl_rt *rt, sl_value tz) {
  if (sl_is_none(tz) || sl__is_tz(tz)) return 0;
  return sl_raise(rt, SL_EXC_TYPE_ERROR,
                  "tzinfo argument must be None or of a tzinfo subclass, not type '%s'",
                  sl_type_name(tz));
}

void sl__tz_offset(sl_value tz, int64_t *off_us, bool *none) {
  *none = !sl__is_tz(tz);
  *off_us = *none ? 0 : sl__tz(tz)->off_us;
}

void sl__tz_put_offset(sl_strbuf *b, int64_t off, const char *sep) {
  char sign = '+';
  if (off < 0) sign = '-', off = -off;
  int64_t us = off % 1000000, s = off / 1000000;
  sl_strbuf_printf(b, "%c%02d%s%02d", sign, (int)(s / 3600), sep, (int)(s / 60 % 60));
  if (s % 60 || us) sl_strbuf_printf(b, "%s%02d", sep, (int)(s % 60));
  if (us) sl_strbuf_printf(b, ".%06d", (int)us);
}

/* "UTC" for a zero offset, else "UTC+HH:MM" (seconds when there are). */
static void default_name(sl_strbuf *b, int64_t off) {
  sl_strbuf_puts(b, "UTC");
  if (off) sl__tz_put_offset(b, off, ":");
}

int sl__tz_name(sl_rt *rt, sl_value tz, sl_value *out) {
  if (!sl__is_tz(tz)) return *out = sl_none(), 0;
  const sl_tzobj *t = sl__tz(tz);
  if (!sl_is_none(t->name)) return *out = sl_vincref(t->name), 0;
  sl_strbuf b = SL_STRBUF_INIT;
  default_name(&b, t->off_us);
  return sl__str_result(rt, &b, out);
}

/* timezone(offset, name=None) */
static int ct_timezone(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  (void)self;
  static const char *const names[] = {"offset", "name"};
  sl_value a[2];
  if (sl_args_bind(rt, args, "timezone", names, 2, 1, 2, a)) return -1;
  if (!sl__is_delta(a[0]))
    return sl_raise(rt, SL_EXC_TYPE_ERROR,
                    "timezone() argument 1 must be datetime.timedelta, not %s", sl_type_name(a[0]));
  if (!sl_is_undef(a[1]) && !sl_is_str(a[1]))
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "timezone() argument 2 must be str, not %s",
                    sl_type_name(a[1]));
  const sl_tdobj *td = sl__td(a[0]);
  if (td->days < -1 || td->days > 0 || (td->days == -1 && !td->secs && !td->us)) {
    sl_strbuf b = SL_STRBUF_INIT;
    sl_strbuf_puts(&b, "offset must be a timedelta strictly between -timedelta(hours=24) and "
                       "timedelta(hours=24), not ");
    sl__td_repr(rt, a[0].u.o, &b);
    if (rt->profile->minor < 14) sl_strbuf_putc(&b, '.');
    int rc = sl_raise(rt, SL_EXC_VALUE_ERROR, "%s", sl_strbuf_cstr(&b));
    sl_strbuf_free(&b);
    return rc;
  }
  return sl__tz_new(rt, sl__td_us64(td), sl_is_undef(a[1]) ? sl_none() : a[1], out);
}

static int tz_repr(sl_rt *rt, sl_obj *o, sl_strbuf *out) {
  const sl_tzobj *t = (sl_tzobj *)o;
  if (!t->off_us && sl_is_none(t->name)) {
    sl_strbuf_puts(out, "datetime.timezone.utc");
    return 0;
  }
  sl_value td;
  if (sl__td_from_us(rt, sl_int(t->off_us), &td)) return -1;
  sl_strbuf_puts(out, "datetime.timezone(");
  sl__td_repr(rt, td.u.o, out);
  sl_vdecref(rt, td);
  if (!sl_is_none(t->name)) {
    sl_strbuf_puts(out, ", ");
    if (sl_vm_repr(rt, t->name, out)) return -1;
  }
  sl_strbuf_putc(out, ')');
  return 0;
}

static int tz_str(sl_rt *rt, sl_obj *o, sl_strbuf *out) {
  const sl_tzobj *t = (sl_tzobj *)o;
  if (!sl_is_none(t->name)) return sl_str(rt, t->name, out);
  default_name(out, t->off_us);
  return 0;
}

static int tz_eq(sl_rt *rt, sl_obj *a, sl_value b, bool *res) {
  (void)rt;
  *res = sl__is_tz(b) && ((sl_tzobj *)a)->off_us == sl__tz(b)->off_us;
  return 0;
}

static int tz_hash(sl_rt *rt, sl_obj *o, int64_t *out) {
  sl_value td;
  if (sl__td_from_us(rt, sl_int(((sl_tzobj *)o)->off_us), &td)) return -1;
  int rc = sl_hash(rt, td, out);
  sl_vdecref(rt, td);
  return rc;
}

/* The dt argument of utcoffset/tzname/dst/fromutc: a datetime or None. */
static int dt_arg(sl_rt *rt, const sl_args *args, const char *fname, sl_value *dt) {
  static const char *const names[] = {"dt"};
  if (sl_args_bind(rt, args, fname, names, 1, 1, 1, dt)) return -1;
  if (sl_is_none(*dt) || sl__is_datetime(*dt)) return 0;
  return sl_raise(rt, SL_EXC_TYPE_ERROR,
                  "%s(dt) argument must be a datetime instance or None, not %s", fname,
                  sl_type_name(*dt));
}

static int m_utcoffset(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  sl_value dt;
  if (dt_arg(rt, args, "utcoffset", &dt)) return -1;
  return sl__td_from_us(rt, sl_int(sl__tz(self)->off_us), out);
}

static int m_tzname(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  sl_value dt;
  if (dt_arg(rt, args, "tzname", &dt)) return -1;
  return sl__tz_name(rt, self, out);
}

static int m_dst(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  (void)self;
  sl_value dt;
  if (dt_arg(rt, args, "dst", &dt)) return -1;
  return *out = sl_none(), 0;
}

/* fromutc(dt): dt + offset, dt's tzinfo being this zone. */
static int m_fromutc(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  static const char *const names[] = {"dt"};
  sl_value a[1];
  if (sl_args_bind(rt, args, "fromutc", names, 1, 1, 1, a)) return -1;
  if (!sl__is_datetime(a[0]))
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "fromutc: argument must be a datetime");
  if (!sl_is(sl__dt(a[0])->tz, self) &&
      !(sl__is_tz(sl__dt(a[0])->tz) && sl__tz(sl__dt(a[0])->tz)->off_us == sl__tz(self)->off_us))
    return sl_raise(rt, SL_EXC_VALUE_ERROR, "fromutc: dt.tzinfo is not self");
  sl_value td;
  if (sl__td_from_us(rt, sl_int(sl__tz(self)->off_us), &td)) return -1;
  int rc = sl_binary_op(rt, SL_BIN_ADD, a[0], td, out);
  sl_vdecref(rt, td);
  return rc;
}

static const sl_cfunc_def tz_methods[] = {
    {"timezone.utcoffset", m_utcoffset, NULL, 0},
    {"timezone.tzname", m_tzname, NULL, 0},
    {"timezone.dst", m_dst, NULL, 0},
    {"timezone.fromutc", m_fromutc, NULL, 0},
    {NULL, NULL, NULL, 0},
};

static int tz_getattr(sl_rt *rt, sl_obj *o, const char *name, sl_value *out) {
  int r = sl_methods_lookup(rt, sl_obj_val(o), tz_methods, name, out);
  if (r) return r < 0 ? -1 : 0;
  return sl_raise(rt, SL_EXC_ATTRIBUTE_ERROR, "'datetime.timezone' object has no attribute '%s'",
                  name);
}

static void tz_clear(sl_rt *rt, sl_obj *o) { sl_vset(rt, &((sl_tzobj *)o)->name, sl_none()); }

const sl_type sl__dt_tz_type = {.name = "datetime.timezone",
                                .clear = tz_clear,
                                .repr = tz_repr,
                                .str = tz_str,
                                .eq = tz_eq,
                                .hash = tz_hash,
                                .getattr = tz_getattr,
                                .size = sizeof(sl_tzobj)};

static int tz_class_getattr(sl_rt *rt, sl_obj *cls, const char *name, sl_value *out) {
  (void)cls;
  if (!strcmp(name, "utc")) return sl__tz_new(rt, 0, sl_none(), out) ? -1 : 1;
  if (!strcmp(name, "min"))
    return sl__tz_new(rt, -(24 * US_PER_HOUR - 60000000), sl_none(), out) ? -1 : 1;
  if (!strcmp(name, "max"))
    return sl__tz_new(rt, 24 * US_PER_HOUR - 60000000, sl_none(), out) ? -1 : 1;
  return 0;
}

static const sl_cfunc_def ct_timezone_def = {"timezone", ct_timezone, NULL, 0};
static const sl_type *const tz_types[] = {&sl__dt_tz_type, NULL};
const sl_classdef sl__dt_tzinfo_class = {
    "datetime.tzinfo", "datetime", "tzinfo", tz_types, NULL, NULL, NULL};
const sl_classdef sl__dt_tz_class = {
    "datetime.timezone",  "datetime",       "timezone",      tz_types,
    &sl__dt_tzinfo_class, &ct_timezone_def, tz_class_getattr};

/* ---- datetime.time -------------------------------------------------------------- */

static const char *const time_names[] = {"hour",        "minute", "second",
                                         "microsecond", "tzinfo", "fold"};

/* CPython's check_time_args; 3.14 names the bad value. */
int sl__dt_check_time(sl_rt *rt, int64_t h, int64_t mi, int64_t s, int64_t us, int64_t fold) {
  static const char *const what[] = {"hour must be in 0..23", "minute must be in 0..59",
                                     "second must be in 0..59", "microsecond must be in 0..999999",
                                     "fold must be either 0 or 1"};
  int64_t v[5] = {h, mi, s, us, fold}, hi[5] = {23, 59, 59, 999999, 1};
  for (int i = 0; i < 5; i++) {
    if (v[i] >= 0 && v[i] <= hi[i]) continue;
    if (rt->profile->minor >= 14)
      return sl_raise(rt, SL_EXC_VALUE_ERROR, "%s, not %lld", what[i], (long long)v[i]);
    return sl_raise(rt, SL_EXC_VALUE_ERROR, "%s", what[i]);
  }
  return 0;
}

static int check_clock(sl_rt *rt, const int64_t *v) {
  return sl__dt_check_time(rt, v[0], v[1], v[2], v[3], v[5]);
}

/* time(hour=0, minute=0, second=0, microsecond=0, tzinfo=None, *, fold=0),
 * and replace() with the fields of self as defaults. */
static int make_time(sl_rt *rt, const char *fname, const sl_dtobj *base, const sl_args *args,
                     sl_value *out) {
  sl_value a[6];
  if (base ? sl_args_bind(rt, args, fname, time_names, 6, 0, 5, a)
           : sl__dt_bind(rt, args, time_names, 6, 0, 5, a))
    return -1;
  int64_t v[6] = {0};
  sl_value tz = sl_none();
  if (base) {
    v[0] = base->hour, v[1] = base->minute, v[2] = base->second, v[3] = base->us;
    v[5] = base->fold, tz = base->tz;
  }
  for (int i = 0; i < 6; i++)
    if (i != 4 && !sl_is_undef(a[i]) && sl__dt_int_arg(rt, a[i], &v[i])) return -1;
  if (!sl_is_undef(a[4])) tz = a[4];
  if (check_clock(rt, v) || sl__tz_check(rt, tz)) return -1;
  return sl__dt_new(rt, &sl__dt_time_type, 0, 0, 0, (int)v[0], (int)v[1], (int)v[2], (int)v[3], tz,
                    (int)v[5], out);
}

static int ct_time(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  (void)self;
  return make_time(rt, "time", NULL, args, out);
}

static int m_time_replace(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  return make_time(rt, "replace", sl__dt(self), args, out);
}

static int64_t clock_us(const sl_dtobj *t) {
  return ((int64_t)(t->hour * 60 + t->minute) * 60 + t->second) * 1000000 + t->us;
}

static int64_t time_instant(const sl_dtobj *t, bool *is_aware) {
  int64_t off;
  bool none;
  sl__tz_offset(t->tz, &off, &none);
  *is_aware = !none;
  return clock_us(t) - off;
}

static int time_eq(sl_rt *rt, sl_obj *a, sl_value b, bool *res) {
  (void)rt;
  *res = false;
  if (!sl__is_time(b)) return 0;
  bool x, y;
  int64_t i = time_instant((sl_dtobj *)a, &x), j = time_instant(sl__dt(b), &y);
  *res = x == y && i == j;
  return 0;
}

static int time_lt(sl_rt *rt, sl_obj *a, sl_value b, bool *res) {
  bool x, y;
  int64_t i = time_instant((sl_dtobj *)a, &x), j = time_instant(sl__dt(b), &y);
  if (x != y)
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "can't compare offset-naive and offset-aware times");
  *res = i < j;
  return 0;
}

static int time_hash(sl_rt *rt, sl_obj *o, int64_t *out) {
  bool aw;
  return sl_hash(rt, sl_int(time_instant((sl_dtobj *)o, &aw)), out);
}

static int time_str(sl_rt *rt, sl_obj *o, sl_strbuf *out) {
  return sl__dt_isoformat(rt, (sl_dtobj *)o, &sl__dt_time_type, 'T', NULL, out);
}

/* isoformat(timespec='auto') */
static int m_time_isoformat(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  static const char *const names[] = {"timespec"};
  sl_value a[1];
  if (sl_args_bind(rt, args, "isoformat", names, 1, 0, 1, a)) return -1;
  if (!sl_is_undef(a[0]) && !sl_is_str(a[0]))
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "isoformat() argument 1 must be str, not %s",
                    sl_type_name(a[0]));
  sl_strbuf b = SL_STRBUF_INIT;
  if (sl__dt_isoformat(rt, sl__dt(self), &sl__dt_time_type, 'T',
                       sl_is_undef(a[0]) ? NULL : sl_str_cstr(a[0].u.o), &b)) {
    sl_strbuf_free(&b);
    return -1;
  }
  return sl__str_result(rt, &b, out);
}

static int m_time_utcoffset(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  if (sl_args_bind(rt, args, "utcoffset", NULL, 0, 0, 0, NULL)) return -1;
  if (!sl__is_tz(sl__dt(self)->tz)) return *out = sl_none(), 0;
  return sl__td_from_us(rt, sl_int(sl__tz(sl__dt(self)->tz)->off_us), out);
}

static int m_time_tzname(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  if (sl_args_bind(rt, args, "tzname", NULL, 0, 0, 0, NULL)) return -1;
  return sl__tz_name(rt, sl__dt(self)->tz, out);
}

static const sl_cfunc_def time_methods[] = {
    {"time.__format__", sl__dt_m_format, NULL, 0},
    {"time.replace", m_time_replace, NULL, 0},
    {"time.isoformat", m_time_isoformat, NULL, 0},
    {"time.strftime", sl__dt_m_strftime, NULL, 0},
    {"time.utcoffset", m_time_utcoffset, NULL, 0},
    {"time.tzname", m_time_tzname, NULL, 0},
    {NULL, NULL, NULL, 0},
};

static int time_getattr(sl_rt *rt, sl_obj *o, const char *name, sl_value *out) {
  const sl_dtobj *t = (sl_dtobj *)o;
  if (!strcmp(name, "hour")) return *out = sl_int(t->hour), 0;
  if (!strcmp(name, "minute")) return *out = sl_int(t->minute), 0;
  if (!strcmp(name, "second")) return *out = sl_int(t->second), 0;
  if (!strcmp(name, "microsecond")) return *out = sl_int(t->us), 0;
  if (!strcmp(name, "fold")) return *out = sl_int(t->fold), 0;
  if (!strcmp(name, "tzinfo")) return *out = sl_vincref(t->tz), 0;
  int r = sl_methods_lookup(rt, sl_obj_val(o), time_methods, name, out);
  if (r) return r < 0 ? -1 : 0;
  return sl_raise(rt, SL_EXC_ATTRIBUTE_ERROR, "'datetime.time' object has no attribute '%s'", name);
}

static void time_clear(sl_rt *rt, sl_obj *o) { sl_vset(rt, &((sl_dtobj *)o)->tz, sl_none()); }

const sl_type sl__dt_time_type = {.name = "datetime.time",
                                  .clear = time_clear,
                                  .repr = sl__dt_repr,
                                  .str = time_str,
                                  .eq = time_eq,
                                  .lt = time_lt,
                                  .hash = time_hash,
                                  .getattr = time_getattr,
                                  .size = sizeof(sl_dtobj)};

static int c_time_fromisoformat(sl_rt *rt, sl_value cls, const sl_args *args, sl_value *out) {
  (void)cls;
  static const char *const names[] = {"time_string"};
  sl_value a[1];
  if (sl_args_bind(rt, args, "fromisoformat", names, 1, 1, 1, a)) return -1;
  return sl__dt_fromisoformat(rt, &sl__dt_time_type, a[0], out);
}

static const sl_cfunc_def c_time_fromisoformat_def = {"fromisoformat", c_time_fromisoformat, NULL,
                                                      0};

static int time_class_getattr(sl_rt *rt, sl_obj *cls, const char *name, sl_value *out) {
  if (!strcmp(name, "fromisoformat"))
    return sl__dt_classmethod(rt, cls, &c_time_fromisoformat_def, out);
  if (!strcmp(name, "min"))
    return sl__dt_new(rt, &sl__dt_time_type, 0, 0, 0, 0, 0, 0, 0, sl_none(), 0, out) ? -1 : 1;
  if (!strcmp(name, "max"))
    return sl__dt_new(rt, &sl__dt_time_type, 0, 0, 0, 23, 59, 59, 999999, sl_none(), 0, out) ? -1
                                                                                             : 1;
  if (!strcmp(name, "resolution")) return sl__td_new(rt, 0, 0, 1, out) ? -1 : 1;
  return 0;
}

static const sl_cfunc_def ct_time_def = {"time", ct_time, NULL, 0};
static const sl_type *const time_types[] = {&sl__dt_time_type, NULL};
const sl_classdef sl__dt_time_class = {"datetime.time", "datetime",        "time", time_types, NULL,
                                       &ct_time_def,    time_class_getattr};
