/* Time tuples: time.struct_time and the `time` functions that make and read
 * them (gmtime, localtime, mktime, strftime, asctime, ctime), and
 * date/datetime.timetuple(). On the simulated machine the local zone is UTC
 * (DESIGN.md section 4), so localtime is gmtime and tm_isdst is 0; without
 * a time argument they read time.time() on the virtual clock (the oracle
 * gives CPython the same, oracle/simloop_oracle/env.py). struct_time is a
 * named tuple printing as CPython's (time.struct_time(tm_year=...)); it has
 * no tm_zone/tm_gmtoff attributes here. */
#include <math.h>
#include <string.h>

#include "core/exc.h"
#include "core/lang/modules/mod_collections-int.h"
#include "core/lang/modules/mod_datetime-int.h"
#include "core/lang/ops-int.h"
#include "core/lang/modules/stdmod.h"
#include "core/lang/value.h"
#include "core/rt.h"
#include "core/str.h"
#include "core/tuple.h"

#define EPOCH_ORD 719163 /* 1970-01-01 */

static const char *const FIELDS[] = {"tm_year", "tm_mon",  "tm_mday", "tm_hour",  "tm_min",
                                     "tm_sec",  "tm_wday", "tm_yday", "tm_isdst", NULL};

/* A struct_time of a calendar day and clock (isdst: 0, or -1 unknown). */
static int struct_time(sl_rt *rt, int y, int mo, int d, int h, int mi, int s, int isdst,
                       sl_value *out) {
  int64_t ord = sl__dt_ymd_to_ord(y, mo, d);
  sl_value v[9] = {sl_int(y),
                   sl_int(mo),
                   sl_int(d),
                   sl_int(h),
                   sl_int(mi),
                   sl_int(s),
                   sl_int((ord + 6) % 7),
                   sl_int(ord - sl__dt_ymd_to_ord(y, 1, 1) + 1),
                   sl_int(isdst)};
  return sl__namedtuple_value(rt, "struct_time", "time", FIELDS, v, out);
}

/* date/datetime.timetuple(): tm_isdst -1 (no zone with a DST rule here). */
int sl__dt_timetuple(sl_rt *rt, const sl_dtobj *d, bool has_clock, sl_value *out) {
  return struct_time(rt, d->year, d->month, d->day, has_clock ? d->hour : 0,
                     has_clock ? d->minute : 0, has_clock ? d->second : 0, -1, out);
}

/* Seconds since the epoch from an optional argument (None/absent: now),
 * floored to whole seconds as time.gmtime does. */
static int seconds_arg(sl_rt *rt, sl_value v, int64_t *out) {
  double t;
  if (sl_is_undef(v) || sl_is_none(v))
    t = sl__dt_time_now(rt);
  else if (v.tag == SL_V_INT)
    return *out = v.u.i, 0;
  else if (v.tag == SL_V_BOOL)
    return *out = v.u.b, 0;
  else if (v.tag == SL_V_FLOAT)
    t = v.u.f;
  else
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "'%s' object cannot be interpreted as an integer",
                    sl_type_name(v));
  if (isnan(t)) return sl_raise(rt, SL_EXC_VALUE_ERROR, "Invalid value NaN (not a number)");
  if (fabs(t) > 1e15)
    return sl_raise(rt, SL_EXC_OVERFLOW_ERROR, "timestamp out of range for platform time_t");
  return *out = (int64_t)floor(t), 0;
}

static int from_seconds(sl_rt *rt, int64_t secs, sl_value *out) {
  int64_t days = secs >= 0 ? secs / 86400 : -((-secs + 86399) / 86400);
  int64_t rem = secs - days * 86400;
  int y, mo, d;
  sl__dt_ord_to_ymd(days + EPOCH_ORD, &y, &mo, &d);
  if (y < 1 || y > 9999) return sl_raise(rt, SL_EXC_OVERFLOW_ERROR, "timestamp out of range");
  return struct_time(rt, y, mo, d, (int)(rem / 3600), (int)(rem / 60 % 60), (int)(rem % 60), 0,
                     out);
}

/* gmtime([secs]) and localtime([secs]): the same here (the zone is UTC). */
static int t_gmtime(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  (void)self;
  sl_value a[1];
  int64_t secs;
  if (sl_args_bind(rt, args, "gmtime", (const char *const[]){"seconds"}, 1, 0, 1, a) ||
      seconds_arg(rt, a[0], &secs))
    return -1;
  return from_seconds(rt, secs, out);
}

/* The nine fields of a struct_time or a 9-tuple (TypeError otherwise). */
static int tuple_fields(sl_rt *rt, sl_value t, const char *fname, int64_t f[9]) {
  sl_obj *items = sl__namedtuple_items(t);
  if (!items && sl_is_type(t, &sl_tuple_type)) items = t.u.o;
  if (!items) return sl_raise(rt, SL_EXC_TYPE_ERROR, "Tuple or struct_time argument required");
  sl_tuple *tt = sl_as_tuple(items);
  if (tt->len != 9)
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "%s(): illegal time tuple argument", fname);
  for (size_t i = 0; i < 9; i++) {
    sl_value v = tt->items[i];
    if (v.tag != SL_V_INT && v.tag != SL_V_BOOL)
      return sl_raise(rt, SL_EXC_TYPE_ERROR, "'%s' object cannot be interpreted as an integer",
                      sl_type_name(v));
    f[i] = v.tag == SL_V_INT ? v.u.i : v.u.b;
  }
  if (f[1] < 1 || f[1] > 12) return sl_raise(rt, SL_EXC_VALUE_ERROR, "month out of range");
  if (f[2] < 1 || f[2] > 31) return sl_raise(rt, SL_EXC_VALUE_ERROR, "day of month out of range");
  if (f[3] < 0 || f[3] > 23) return sl_raise(rt, SL_EXC_VALUE_ERROR, "hour out of range");
  if (f[4] < 0 || f[4] > 59) return sl_raise(rt, SL_EXC_VALUE_ERROR, "minute out of range");
  if (f[5] < 0 || f[5] > 61) return sl_raise(rt, SL_EXC_VALUE_ERROR, "seconds out of range");
  if (f[0] < 1 || f[0] > 9999) return sl_raise(rt, SL_EXC_VALUE_ERROR, "year out of range");
  return 0;
}

/* The argument t of strftime/asctime (absent: localtime()) as fields. */
static int fields_or_now(sl_rt *rt, sl_value t, const char *fname, int64_t f[9]) {
  if (!sl_is_undef(t)) return tuple_fields(rt, t, fname, f);
  sl_value now;
  int64_t secs;
  if (seconds_arg(rt, sl_undef(), &secs) || from_seconds(rt, secs, &now)) return -1;
  int rc = tuple_fields(rt, now, fname, f);
  sl_vdecref(rt, now);
  return rc;
}

/* mktime(t): seconds since the epoch of a local (UTC) time tuple. */
static int t_mktime(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  (void)self;
  sl_value a[1];
  int64_t f[9];
  if (sl_args_bind(rt, args, "mktime", (const char *const[]){"t"}, 1, 1, 1, a) ||
      tuple_fields(rt, a[0], "mktime", f))
    return -1;
  int64_t days = sl__dt_ymd_to_ord((int)f[0], (int)f[1], 1) + f[2] - 1 - EPOCH_ORD;
  return *out = sl_float((double)(days * 86400 + f[3] * 3600 + f[4] * 60 + f[5])), 0;
}

/* strftime(format[, t]): datetime's directives on an aware UTC time, so
 * %Z is "UTC" and %z "+0000" as CPython's time.strftime prints with TZ=UTC. */
static int t_strftime(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  (void)self;
  sl_value a[2], dt;
  int64_t f[9];
  if (sl_args_bind(rt, args, "strftime", (const char *const[]){"format", "t"}, 2, 1, 2, a))
    return -1;
  if (!sl_is_str(a[0]))
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "strftime() argument 1 must be str, not %s",
                    sl_type_name(a[0]));
  if (fields_or_now(rt, a[1], "strftime", f)) return -1;
  if (sl__dt_new(rt, &sl__dt_datetime_type, (int)f[0], (int)f[1], (int)f[2], (int)f[3], (int)f[4],
                 (int)(f[5] > 59 ? 59 : f[5]), 0, sl__tz_utc(rt), 0, &dt))
    return -1;
  sl_strbuf b = SL_STRBUF_INIT;
  int rc = sl__dt_strftime(rt, sl__dt(dt), &sl__dt_datetime_type, a[0], &b);
  sl_vdecref(rt, dt);
  if (rc) {
    sl_strbuf_free(&b);
    return -1;
  }
  return sl__str_result(rt, &b, out);
}

static const char *const DAYS[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
static const char *const MONTHS[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                     "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

/* "Thu Jan  1 00:00:00 2026" of fields (tm_wday as given). */
static int ascii_time(sl_rt *rt, const int64_t f[9], sl_value *out) {
  sl_strbuf b = SL_STRBUF_INIT;
  int64_t wday = ((f[6] % 7) + 7) % 7;
  sl_strbuf_printf(&b, "%s %s %2d %02d:%02d:%02d %d", DAYS[wday], MONTHS[f[1] - 1], (int)f[2],
                   (int)f[3], (int)f[4], (int)f[5], (int)f[0]);
  return sl__str_result(rt, &b, out);
}

static int t_asctime(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  (void)self;
  sl_value a[1];
  int64_t f[9];
  if (sl_args_bind(rt, args, "asctime", (const char *const[]){"t"}, 1, 0, 1, a) ||
      fields_or_now(rt, a[0], "asctime", f))
    return -1;
  return ascii_time(rt, f, out);
}

static int t_ctime(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  (void)self;
  sl_value a[1], st;
  int64_t secs, f[9];
  if (sl_args_bind(rt, args, "ctime", (const char *const[]){"seconds"}, 1, 0, 1, a) ||
      seconds_arg(rt, a[0], &secs) || from_seconds(rt, secs, &st))
    return -1;
  int rc = tuple_fields(rt, st, "ctime", f);
  sl_vdecref(rt, st);
  return rc ? -1 : ascii_time(rt, f, out);
}

static const sl_cfunc_def tt_funcs[] = {
    {"gmtime", t_gmtime, NULL, 0},   {"localtime", t_gmtime, NULL, 0},
    {"mktime", t_mktime, NULL, 0},   {"strftime", t_strftime, NULL, 0},
    {"asctime", t_asctime, NULL, 0}, {"ctime", t_ctime, NULL, 0},
    {NULL, NULL, NULL, 0},
};

int sl__time_struct_init(sl_rt *rt, sl_obj *module_dict) {
  if (sl_stdmod_add_funcs(rt, module_dict, tt_funcs)) return -1;
  sl_value cls;
  if (sl__namedtuple_class(rt, "struct_time", "time", FIELDS, &cls)) return -1;
  int rc = sl_stdmod_add(rt, module_dict, "struct_time", cls);
  sl_vdecref(rt, cls);
  return rc;
}
