/* datetime.datetime: a date and a time of day, naive or with a fixed-offset
 * timezone, on the simulated clock (DESIGN.md section 4): now(), today()
 * and utcnow() are fromtimestamp(time.time()) and the local zone is UTC.
 * Arithmetic works on "local microseconds" (day ordinal * 86400e6 + time
 * of day), which fits 64 bits over the whole range (years 1..9999). */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "core/exc.h"
#include "core/long.h"
#include "core/lang/modules/mod_datetime-int.h"
#include "core/lang/ops-int.h"
#include "core/lang/vm.h"
#include "core/loop.h"
#include "core/rt.h"
#include "core/str.h"
#include "core/tuple.h"

#define MAX_ORD        3652059 /* 9999-12-31 */
/* 2026-01-01T00:00:00Z: time.time() when the virtual clock reads 0.0 (mod_time.c). */
#define EPOCH_AT_START 1767225600.0
#define EPOCH_ORD      719163 /* 1970-01-01 */

double sl__dt_time_now(sl_rt *rt) { return EPOCH_AT_START + sl_loop_time(rt); }

static int64_t local_us(const sl_dtobj *d) {
  return sl__dt_ymd_to_ord(d->year, d->month, d->day) * SL_DT_US_PER_DAY +
         ((int64_t)(d->hour * 60 + d->minute) * 60 + d->second) * 1000000 + d->us;
}

static int out_of_range(sl_rt *rt) {
  return sl_raise(rt, SL_EXC_OVERFLOW_ERROR, "date value out of range");
}

/* A new datetime at local microseconds lus, with tz (borrowed). */
static int from_local_us(sl_rt *rt, int64_t lus, sl_value tz, int fold, sl_value *out) {
  int64_t ord = lus / SL_DT_US_PER_DAY, rest = lus % SL_DT_US_PER_DAY;
  if (rest < 0) ord--, rest += SL_DT_US_PER_DAY;
  if (ord < 1 || ord > MAX_ORD) return out_of_range(rt);
  int y, m, d;
  sl__dt_ord_to_ymd(ord, &y, &m, &d);
  int64_t secs = rest / 1000000;
  return sl__dt_new(rt, &sl__dt_datetime_type, y, m, d, (int)(secs / 3600), (int)(secs / 60 % 60),
                    (int)(secs % 60), (int)(rest % 1000000), tz, fold, out);
}

static int check_time(sl_rt *rt, const int64_t *v, int64_t fold) {
  return sl__dt_check_time(rt, v[0], v[1], v[2], v[3], fold);
}

static const char *const dt_names[] = {"year",   "month",       "day",    "hour", "minute",
                                       "second", "microsecond", "tzinfo", "fold"};

/* datetime(year, month, day, hour=0, minute=0, second=0, microsecond=0,
 * tzinfo=None, *, fold=0) */
static int ct_datetime(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  (void)self;
  sl_value a[9];
  int64_t v[9] = {0};
  if (sl__dt_bind(rt, args, dt_names, 9, 3, 8, a)) return -1;
  for (int i = 0; i < 9; i++)
    if (i != 7 && !sl_is_undef(a[i]) && sl__dt_int_arg(rt, a[i], &v[i])) return -1;
  sl_value tz = sl_is_undef(a[7]) ? sl_none() : a[7];
  if (sl__dt_check_date(rt, v[0], v[1], v[2]) || check_time(rt, v + 3, v[8]) ||
      sl__tz_check(rt, tz))
    return -1;
  return sl__dt_new(rt, &sl__dt_datetime_type, (int)v[0], (int)v[1], (int)v[2], (int)v[3],
                    (int)v[4], (int)v[5], (int)v[6], tz, (int)v[8], out);
}

/* ---- time stamps ----------------------------------------------------------- */

/* CPython's _PyTime_ObjectToTimeval with ROUND_HALF_EVEN: whole seconds
 * and microseconds of an int or float. */
static int split_timestamp(sl_rt *rt, sl_value t, int64_t *secs, int64_t *us) {
  if (t.tag == SL_V_FLOAT) {
    double d = t.u.f;
    if (isnan(d)) return sl_raise(rt, SL_EXC_VALUE_ERROR, "Invalid value NaN (not a number)");
    double ip, fp = modf(d, &ip) * 1e6;
    double r = round(fp);
    if (fabs(fp - r) == 0.5) r = 2.0 * round(fp / 2.0);
    if (r >= 1e6) r -= 1e6, ip += 1.0;
    if (r < 0) r += 1e6, ip -= 1.0;
    if (fabs(ip) > 1e14)
      return sl_raise(rt, SL_EXC_OVERFLOW_ERROR, "timestamp out of range for platform time_t");
    *secs = (int64_t)ip, *us = (int64_t)r;
    return 0;
  }
  if (!sl_is_intish(t) && rt->profile->minor >= 14)
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "argument must be int or float, not %s",
                    sl_type_name(t));
  if (!sl__dt_int_arg(rt, t, secs)) {
    *us = 0;
    return 0;
  }
  return -1;
}

int sl__dt_from_timestamp(sl_rt *rt, sl_value t, sl_value tz, bool utc, sl_value *out) {
  int64_t secs = 0, us = 0;
  if (sl__tz_check(rt, tz) || split_timestamp(rt, t, &secs, &us)) return -1;
  int64_t days = secs / 86400 + EPOCH_ORD;
  if (days < 1 || days > MAX_ORD) {
    int y = (int)(1970 + (secs / 86400) / 365.2425);
    return sl__dt_year_error(rt, y);
  }
  /* local time probes a day earlier for a fold (local_to_seconds): year 0 */
  if (!utc && sl_is_none(tz) && days == 1) return sl__dt_year_error(rt, 0);
  int64_t lus = (secs + (int64_t)EPOCH_ORD * 86400) * 1000000 + us;
  int64_t off = 0;
  bool none = true;
  if (!utc) sl__tz_offset(tz, &off, &none);
  return from_local_us(rt, lus + (none ? 0 : off), none ? sl_none() : tz, 0, out);
}

/* DeprecationWarning of utcnow()/utcfromtimestamp() in 3.12+. */
static void warn_utc(sl_rt *rt, const char *what) {
  if (rt->profile->minor < 12) return;
  sl_vm_warn_deprecated(
      rt, strcmp(what, "utcnow")
              ? "datetime.datetime.utcfromtimestamp() is deprecated and scheduled for removal in "
                "a future version. Use timezone-aware objects to represent datetimes in UTC: "
                "datetime.datetime.fromtimestamp(t, datetime.UTC)."
              : "datetime.datetime.utcnow() is deprecated and scheduled for removal in a future "
                "version. Use timezone-aware objects to represent datetimes in UTC: "
                "datetime.datetime.now(datetime.UTC).");
}

static int c_now(sl_rt *rt, sl_value cls, const sl_args *args, sl_value *out) {
  (void)cls;
  static const char *const names[] = {"tz"};
  sl_value a[1];
  if (sl_args_bind(rt, args, "now", names, 1, 0, 1, a)) return -1;
  return sl__dt_from_timestamp(rt, sl_float(sl__dt_time_now(rt)),
                               sl_is_undef(a[0]) ? sl_none() : a[0], false, out);
}

static int c_utcnow(sl_rt *rt, sl_value cls, const sl_args *args, sl_value *out) {
  (void)cls;
  if (sl_args_bind(rt, args, "utcnow", NULL, 0, 0, 0, NULL)) return -1;
  warn_utc(rt, "utcnow");
  return sl__dt_from_timestamp(rt, sl_float(sl__dt_time_now(rt)), sl_none(), true, out);
}

static int c_fromtimestamp(sl_rt *rt, sl_value cls, const sl_args *args, sl_value *out) {
  (void)cls;
  static const char *const names[] = {"timestamp", "tz"};
  sl_value a[2];
  if (sl_args_bind(rt, args, "fromtimestamp", names, 2, 1, 2, a)) return -1;
  return sl__dt_from_timestamp(rt, a[0], sl_is_undef(a[1]) ? sl_none() : a[1], false, out);
}

static int c_utcfromtimestamp(sl_rt *rt, sl_value cls, const sl_args *args, sl_value *out) {
  (void)cls;
  static const char *const names[] = {"timestamp"};
  sl_value a[1];
  if (sl_args_bind(rt, args, "utcfromtimestamp", names, 1, 1, 1, a)) return -1;
  warn_utc(rt, "utcfromtimestamp");
  return sl__dt_from_timestamp(rt, a[0], sl_none(), true, out);
}

/* datetime.combine(date, time, tzinfo=time.tzinfo) */
static int c_combine(sl_rt *rt, sl_value cls, const sl_args *args, sl_value *out) {
  (void)cls;
  static const char *const names[] = {"date", "time", "tzinfo"};
  sl_value a[3];
  if (sl_args_bind(rt, args, "combine", names, 3, 2, 3, a)) return -1;
  if (!sl__is_date(a[0]))
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "combine() argument 1 must be datetime.date, not %s",
                    sl_type_name(a[0]));
  if (!sl__is_time(a[1]))
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "combine() argument 2 must be datetime.time, not %s",
                    sl_type_name(a[1]));
  const sl_dtobj *d = sl__dt(a[0]), *t = sl__dt(a[1]);
  sl_value tz = sl_is_undef(a[2]) ? t->tz : a[2];
  if (sl__tz_check(rt, tz)) return -1;
  return sl__dt_new(rt, &sl__dt_datetime_type, d->year, d->month, d->day, t->hour, t->minute,
                    t->second, t->us, tz, t->fold, out);
}

static const sl_cfunc_def c_now_def = {"now", c_now, NULL, 0};
static const sl_cfunc_def c_utcnow_def = {"utcnow", c_utcnow, NULL, 0};
static const sl_cfunc_def c_fromtimestamp_def = {"fromtimestamp", c_fromtimestamp, NULL, 0};
static const sl_cfunc_def c_utcfromtimestamp_def = {"utcfromtimestamp", c_utcfromtimestamp, NULL,
                                                    0};
static const sl_cfunc_def c_combine_def = {"combine", c_combine, NULL, 0};

/* datetime.strptime(date_string, format) (mod_datetime_strptime.c) */
static int c_strptime(sl_rt *rt, sl_value cls, const sl_args *args, sl_value *out) {
  (void)cls;
  if (args->nkw) return sl_raise(rt, SL_EXC_TYPE_ERROR, "strptime() takes no keyword arguments");
  if (args->npos != 2)
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "strptime() takes exactly 2 arguments (%zu given)",
                    args->npos);
  return sl__dt_strptime(rt, args->pos[0], args->pos[1], out);
}
static const sl_cfunc_def c_strptime_def = {"strptime", c_strptime, NULL, 0};

int sl__datetime_class_getattr(sl_rt *rt, sl_obj *cls, const char *name, sl_value *out) {
  static const struct {
    const char *name;
    const sl_cfunc_def *def;
  } cms[] = {{"now", &c_now_def},
             {"utcnow", &c_utcnow_def},
             {"fromtimestamp", &c_fromtimestamp_def},
             {"utcfromtimestamp", &c_utcfromtimestamp_def},
             {"combine", &c_combine_def},
             {"strptime", &c_strptime_def}};
  for (size_t i = 0; i < sizeof cms / sizeof *cms; i++)
    if (!strcmp(name, cms[i].name)) return sl__dt_classmethod(rt, cls, cms[i].def, out);
  int r = sl__date_class_getattr(rt, cls, name, out);
  if (r) return r;
  if (!strcmp(name, "min")) return from_local_us(rt, SL_DT_US_PER_DAY, sl_none(), 0, out) ? -1 : 1;
  if (!strcmp(name, "max"))
    return from_local_us(rt, (MAX_ORD + 1) * SL_DT_US_PER_DAY - 1, sl_none(), 0, out) ? -1 : 1;
  if (!strcmp(name, "resolution")) return sl__td_new(rt, 0, 0, 1, out) ? -1 : 1;
  return 0;
}

/* ---- arithmetic and comparison ---------------------------------------------- */

static bool aware(const sl_dtobj *d, int64_t *off) {
  bool none;
  sl__tz_offset(d->tz, off, &none);
  return !none;
}

/* datetime +- timedelta (sign 1 or -1). */
static int add_delta(sl_rt *rt, const sl_dtobj *d, const sl_tdobj *td, int sign, sl_value *out) {
  if (td->days > MAX_ORD || td->days < -MAX_ORD) return out_of_range(rt);
  int64_t delta = td->days * SL_DT_US_PER_DAY + (int64_t)td->secs * 1000000 + td->us;
  return from_local_us(rt, local_us(d) + sign * delta, d->tz, 0, out);
}

static int dt_sub(sl_rt *rt, const sl_dtobj *x, const sl_dtobj *y, sl_value *out) {
  int64_t ox = 0, oy = 0;
  bool ax = aware(x, &ox), ay = aware(y, &oy);
  if (ax != ay)
    return sl_raise(rt, SL_EXC_TYPE_ERROR,
                    "can't subtract offset-naive and offset-aware datetimes");
  return sl__td_from_us(rt, sl_int((local_us(x) - ox) - (local_us(y) - oy)), out);
}

static int dt_binary(sl_rt *rt, int op, sl_value a, sl_value b, sl_value *out) {
  bool da = sl__is_datetime(a), db = sl__is_datetime(b);
  if (op == SL_BIN_ADD && da && sl__is_delta(b))
    return add_delta(rt, sl__dt(a), sl__td(b), 1, out) ? -1 : 1;
  if (op == SL_BIN_ADD && db && sl__is_delta(a))
    return add_delta(rt, sl__dt(b), sl__td(a), 1, out) ? -1 : 1;
  if (op == SL_BIN_SUB && da && sl__is_delta(b))
    return add_delta(rt, sl__dt(a), sl__td(b), -1, out) ? -1 : 1;
  if (op == SL_BIN_SUB && da && db) return dt_sub(rt, sl__dt(a), sl__dt(b), out) ? -1 : 1;
  return 0;
}

/* The instant of an aware datetime, or the wall time of a naive one. */
static int64_t instant(const sl_dtobj *d) {
  int64_t off = 0;
  aware(d, &off);
  return local_us(d) - off;
}

static int dt_eq(sl_rt *rt, sl_obj *a, sl_value b, bool *res) {
  (void)rt;
  *res = false;
  if (!sl__is_datetime(b)) return 0;
  const sl_dtobj *x = (sl_dtobj *)a, *y = sl__dt(b);
  int64_t o;
  if (aware(x, &o) != aware(y, &o)) return 0; /* naive and aware are never equal */
  *res = instant(x) == instant(y);
  return 0;
}

static int dt_lt(sl_rt *rt, sl_obj *a, sl_value b, bool *res) {
  const sl_dtobj *x = (sl_dtobj *)a, *y = sl__dt(b);
  int64_t o;
  if (aware(x, &o) != aware(y, &o))
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "can't compare offset-naive and offset-aware datetimes");
  *res = instant(x) < instant(y);
  return 0;
}

/* hash of the instant as a timedelta's (days, seconds, microseconds). */
static int dt_hash(sl_rt *rt, sl_obj *o, int64_t *out) {
  int64_t t = instant((sl_dtobj *)o);
  int64_t days = t / SL_DT_US_PER_DAY, rest = t % SL_DT_US_PER_DAY;
  sl_value items[3] = {sl_int(days), sl_int(rest / 1000000), sl_int(rest % 1000000)};
  sl_obj *tup = sl_tuple_new(rt, items, 3);
  if (!tup) return -1;
  int rc = sl_hash(rt, sl_obj_val(tup), out);
  sl_decref(rt, tup);
  return rc;
}

static int dt_str(sl_rt *rt, sl_obj *o, sl_strbuf *out) {
  return sl__dt_isoformat(rt, (sl_dtobj *)o, &sl__dt_datetime_type, ' ', NULL, out);
}

/* ---- methods --------------------------------------------------------------- */

static int no_args(sl_rt *rt, const sl_args *args, const char *fname) {
  return sl_args_bind(rt, args, fname, NULL, 0, 0, 0, NULL);
}

static int m_date(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  if (no_args(rt, args, "date")) return -1;
  const sl_dtobj *d = sl__dt(self);
  return sl__dt_new(rt, &sl__dt_date_type, d->year, d->month, d->day, 0, 0, 0, 0, sl_none(), 0,
                    out);
}

static int time_of(sl_rt *rt, sl_value self, bool with_tz, sl_value *out) {
  const sl_dtobj *d = sl__dt(self);
  return sl__dt_new(rt, &sl__dt_time_type, 0, 0, 0, d->hour, d->minute, d->second, d->us,
                    with_tz ? d->tz : sl_none(), d->fold, out);
}

static int m_time(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  return no_args(rt, args, "time") ? -1 : time_of(rt, self, false, out);
}

static int m_timetz(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  return no_args(rt, args, "timetz") ? -1 : time_of(rt, self, true, out);
}

/* replace(year=, ..., tzinfo=, *, fold=) */
static int m_replace(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  sl_value a[9];
  if (sl_args_bind(rt, args, "replace", dt_names, 9, 0, 8, a)) return -1;
  const sl_dtobj *d = sl__dt(self);
  int64_t v[9] = {d->year, d->month, d->day, d->hour, d->minute, d->second, d->us, 0, d->fold};
  for (int i = 0; i < 9; i++)
    if (i != 7 && !sl_is_undef(a[i]) && sl__dt_int_arg(rt, a[i], &v[i])) return -1;
  sl_value tz = sl_is_undef(a[7]) ? d->tz : a[7];
  if (sl__dt_check_date(rt, v[0], v[1], v[2]) || check_time(rt, v + 3, v[8]) ||
      sl__tz_check(rt, tz))
    return -1;
  return sl__dt_new(rt, &sl__dt_datetime_type, (int)v[0], (int)v[1], (int)v[2], (int)v[3],
                    (int)v[4], (int)v[5], (int)v[6], tz, (int)v[8], out);
}

/* timestamp(): naive datetimes are local time, which is UTC. */
static int m_timestamp(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  if (no_args(rt, args, "timestamp")) return -1;
  const sl_dtobj *d = sl__dt(self);
  int64_t off, epoch = (int64_t)EPOCH_ORD * SL_DT_US_PER_DAY;
  if (!aware(d, &off)) { /* local_to_seconds(...) - epoch + us / 1e6, in doubles */
    /* local_to_seconds probes a day before (fold=0) or after (fold=1) */
    int64_t ord = sl__dt_ymd_to_ord(d->year, d->month, d->day);
    if ((ord == 1 && !d->fold) || (ord == MAX_ORD && d->fold))
      return sl__dt_year_error(rt, d->fold ? 10000 : 0);
    int64_t secs = (local_us(d) - d->us - epoch) / 1000000;
    return *out = sl_float((double)secs + d->us / 1e6), 0;
  }
  /* (self - epoch).total_seconds(): an exact int divided by 10**6 */
  return sl_binary_op(rt, SL_BIN_DIV, sl_int(local_us(d) - off - epoch), sl_int(1000000), out);
}

static int m_utcoffset(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  if (no_args(rt, args, "utcoffset")) return -1;
  int64_t off;
  if (!aware(sl__dt(self), &off)) return *out = sl_none(), 0;
  return sl__td_from_us(rt, sl_int(off), out);
}

static int m_dst(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  (void)self;
  if (no_args(rt, args, "dst")) return -1;
  return *out = sl_none(), 0;
}

static int m_tzname(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  if (no_args(rt, args, "tzname")) return -1;
  return sl__tz_name(rt, sl__dt(self)->tz, out);
}

/* astimezone(tz=None): a naive datetime is local time (UTC); no tz: the
 * local zone, timezone(timedelta(0), 'UTC'). */
static int m_astimezone(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  static const char *const names[] = {"tz"};
  sl_value a[1], tz = sl_undef();
  if (sl_args_bind(rt, args, "astimezone", names, 1, 0, 1, a)) return -1;
  const sl_dtobj *d = sl__dt(self);
  if (sl_is_undef(a[0]) || sl_is_none(a[0])) {
    sl_obj *name = sl_str_new(rt, "UTC", 3);
    if (!name) return -1;
    int rc = sl__tz_new(rt, 0, sl_obj_val(name), &tz);
    sl_decref(rt, name);
    if (rc) return -1;
  } else {
    if (!sl__is_tz(a[0]))
      return sl_raise(rt, SL_EXC_TYPE_ERROR,
                      "tzinfo argument must be None or of a tzinfo subclass, not type '%s'",
                      sl_type_name(a[0]));
    if (sl_is(a[0], d->tz)) return *out = sl_vincref(self), 0;
    tz = sl_vincref(a[0]);
  }
  int64_t off = 0, to;
  bool none;
  aware(d, &off);
  sl__tz_offset(tz, &to, &none);
  int rc = from_local_us(rt, local_us(d) - off + to, tz, 0, out);
  sl_vdecref(rt, tz);
  return rc;
}

/* isoformat(sep='T', timespec='auto') */
static int m_isoformat(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  static const char *const names[] = {"sep", "timespec"};
  sl_value a[2];
  if (sl_args_bind(rt, args, "isoformat", names, 2, 0, 2, a)) return -1;
  char sep = 'T';
  if (!sl_is_undef(a[0])) {
    if (!sl_is_str(a[0]) || sl_as_str(a[0].u.o)->cplen != 1)
      return sl_raise(rt, SL_EXC_TYPE_ERROR,
                      "isoformat() argument 1 must be a unicode character, not %s",
                      sl_type_name(a[0]));
    sep = sl_str_cstr(a[0].u.o)[0];
  }
  if (!sl_is_undef(a[1]) && !sl_is_str(a[1]))
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "isoformat() argument 2 must be str, not %s",
                    sl_type_name(a[1]));
  sl_strbuf b = SL_STRBUF_INIT;
  if (sl__dt_isoformat(rt, sl__dt(self), &sl__dt_datetime_type, sep,
                       sl_is_undef(a[1]) ? NULL : sl_str_cstr(a[1].u.o), &b)) {
    sl_strbuf_free(&b);
    return -1;
  }
  return sl__str_result(rt, &b, out);
}

static const sl_cfunc_def dt_methods[] = {
    {"datetime.date", m_date, NULL, 0},
    {"datetime.time", m_time, NULL, 0},
    {"datetime.timetz", m_timetz, NULL, 0},
    {"datetime.replace", m_replace, NULL, 0},
    {"datetime.timestamp", m_timestamp, NULL, 0},
    {"datetime.utcoffset", m_utcoffset, NULL, 0},
    {"datetime.dst", m_dst, NULL, 0},
    {"datetime.tzname", m_tzname, NULL, 0},
    {"datetime.astimezone", m_astimezone, NULL, 0},
    {"datetime.isoformat", m_isoformat, NULL, 0},
    {NULL, NULL, NULL, 0},
};

static int dt_getattr(sl_rt *rt, sl_obj *o, const char *name, sl_value *out) {
  const sl_dtobj *d = (sl_dtobj *)o;
  if (!strcmp(name, "hour")) return *out = sl_int(d->hour), 0;
  if (!strcmp(name, "minute")) return *out = sl_int(d->minute), 0;
  if (!strcmp(name, "second")) return *out = sl_int(d->second), 0;
  if (!strcmp(name, "microsecond")) return *out = sl_int(d->us), 0;
  if (!strcmp(name, "fold")) return *out = sl_int(d->fold), 0;
  if (!strcmp(name, "tzinfo")) return *out = sl_vincref(d->tz), 0;
  int r = sl_methods_lookup(rt, sl_obj_val(o), dt_methods, name, out);
  if (!r) r = sl__date_getattr_common(rt, o, name, out);
  if (r) return r < 0 ? -1 : 0;
  return sl_raise(rt, SL_EXC_ATTRIBUTE_ERROR, "'datetime.datetime' object has no attribute '%s'",
                  name);
}

static void dt_clear(sl_rt *rt, sl_obj *o) { sl_vset(rt, &((sl_dtobj *)o)->tz, sl_none()); }

static const sl_lang_slots dt_slots = {.binary = dt_binary};

const sl_type sl__dt_datetime_type = {.name = "datetime.datetime",
                                      .clear = dt_clear,
                                      .repr = sl__dt_repr,
                                      .str = dt_str,
                                      .eq = dt_eq,
                                      .lt = dt_lt,
                                      .hash = dt_hash,
                                      .getattr = dt_getattr,
                                      .lang = &dt_slots,
                                      .size = sizeof(sl_dtobj)};

static int dt_class_getattr(sl_rt *rt, sl_obj *cls, const char *name, sl_value *out) {
  return sl__datetime_class_getattr(rt, cls, name, out);
}

static const sl_cfunc_def ct_datetime_def = {"datetime", ct_datetime, NULL, 0};
static const sl_type *const dt_types[] = {&sl__dt_datetime_type, NULL};
const sl_classdef sl__dt_datetime_class = {
    "datetime.datetime", "datetime",       "datetime",      dt_types,
    &sl__dt_date_class,  &ct_datetime_def, dt_class_getattr};
