/* datetime.date and the proleptic Gregorian calendar it counts in (day 1
 * is 0001-01-01), with CPython's range checks and messages. The methods
 * here serve datetime too (a datetime is a date). */
#include <math.h>
#include <string.h>

#include "core/exc.h"
#include "core/long.h"
#include "core/lang/modules/mod_collections-int.h"
#include "core/lang/modules/mod_datetime-int.h"
#include "core/lang/ops-int.h"
#include "core/lang/modules/stdmod.h"
#include "core/lang/vm.h"
#include "core/rt.h"
#include "core/str.h"
#include "core/tuple.h"

/* ---- the calendar -------------------------------------------------------- */

static const int month_days[13] = {0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
static const int days_before[13] = {0, 0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334};

bool sl__dt_is_leap(int y) { return y % 4 == 0 && (y % 100 != 0 || y % 400 == 0); }

int sl__dt_days_in_month(int y, int m) { return m == 2 && sl__dt_is_leap(y) ? 29 : month_days[m]; }

static int64_t days_before_year(int64_t y) {
  y -= 1;
  return y * 365 + y / 4 - y / 100 + y / 400;
}

int64_t sl__dt_ymd_to_ord(int y, int m, int d) {
  return days_before_year(y) + days_before[m] + (m > 2 && sl__dt_is_leap(y)) + d;
}

/* The 400-, 100-, 4- and 1-year cycles of the Gregorian calendar. */
void sl__dt_ord_to_ymd(int64_t ord, int *y, int *m, int *d) {
  int64_t n = ord - 1;
  int64_t n400 = n / 146097;
  n %= 146097;
  int64_t n100 = n / 36524;
  n %= 36524;
  int64_t n4 = n / 1461;
  n %= 1461;
  int64_t n1 = n / 365;
  n %= 365;
  int64_t year = n400 * 400 + n100 * 100 + n4 * 4 + n1 + 1;
  if (n1 == 4 || n100 == 4) { /* the last day of a leap cycle: Dec 31 */
    *y = (int)year - 1, *m = 12, *d = 31;
    return;
  }
  bool leap = n1 == 3 && (n4 != 24 || n100 == 3);
  int month = (int)((n + 50) >> 5);
  int before = days_before[month] + (month > 2 && leap);
  if (before > n) {
    month--;
    before -= month_days[month] + (month == 2 && leap);
  }
  *y = (int)year, *m = month, *d = (int)(n - before + 1);
}

int sl__dt_year_error(sl_rt *rt, int64_t y) {
  if (rt->profile->minor >= 14)
    return sl_raise(rt, SL_EXC_VALUE_ERROR, "year must be in %d..%d, not %lld", SL_DT_MINYEAR,
                    SL_DT_MAXYEAR, (long long)y);
  return sl_raise(rt, SL_EXC_VALUE_ERROR, "year %lld is out of range", (long long)y);
}

/* 3.14 names the bad value (gh-122361's messages). */
int sl__dt_check_date(sl_rt *rt, int64_t y, int64_t m, int64_t d) {
  bool new_msgs = rt->profile->minor >= 14;
  if (y < SL_DT_MINYEAR || y > SL_DT_MAXYEAR) return sl__dt_year_error(rt, y);
  if (m < 1 || m > 12)
    return new_msgs
               ? sl_raise(rt, SL_EXC_VALUE_ERROR, "month must be in 1..12, not %lld", (long long)m)
               : sl_raise(rt, SL_EXC_VALUE_ERROR, "month must be in 1..12");
  int dim = sl__dt_days_in_month((int)y, (int)m);
  if (d < 1 || d > dim)
    return new_msgs ? sl_raise(rt, SL_EXC_VALUE_ERROR,
                               "day %lld must be in range 1..%d for month %lld in year %lld",
                               (long long)d, dim, (long long)m, (long long)y)
                    : sl_raise(rt, SL_EXC_VALUE_ERROR, "day is out of range for month");
  return 0;
}

int sl__dt_new(sl_rt *rt, const sl_type *type, int y, int mo, int d, int h, int mi, int s, int us,
               sl_value tz, int fold, sl_value *out) {
  sl_obj *o = sl_obj_alloc(rt, type);
  if (!o) return -1;
  sl_dtobj *x = (sl_dtobj *)o;
  x->year = y, x->month = mo, x->day = d;
  x->hour = h, x->minute = mi, x->second = s, x->us = us, x->fold = fold;
  x->tz = type == &sl__dt_date_type ? sl_none() : sl_vincref(tz);
  *out = sl_obj_val(o);
  return 0;
}

/* ---- date(year, month, day) ----------------------------------------------- */

static int ct_date(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  (void)self;
  static const char *const names[] = {"year", "month", "day"};
  sl_value a[3];
  int64_t v[3];
  if (sl__dt_bind(rt, args, names, 3, 3, 3, a)) return -1;
  for (int i = 0; i < 3; i++)
    if (sl__dt_int_arg(rt, a[i], &v[i])) return -1;
  if (sl__dt_check_date(rt, v[0], v[1], v[2])) return -1;
  return sl__dt_new(rt, &sl__dt_date_type, (int)v[0], (int)v[1], (int)v[2], 0, 0, 0, 0, sl_none(),
                    0, out);
}

/* ---- arithmetic ----------------------------------------------------------- */

static int out_of_range(sl_rt *rt) {
  return sl_raise(rt, SL_EXC_OVERFLOW_ERROR, "date value out of range");
}

/* date +- timedelta: only the delta's days count. */
static int date_add_days(sl_rt *rt, const sl_dtobj *d, int64_t days, sl_value *out) {
  int64_t ord = sl__dt_ymd_to_ord(d->year, d->month, d->day) + days;
  if (ord < 1 || ord > 3652059) return out_of_range(rt);
  int y, m, dd;
  sl__dt_ord_to_ymd(ord, &y, &m, &dd);
  return sl__dt_new(rt, &sl__dt_date_type, y, m, dd, 0, 0, 0, 0, sl_none(), 0, out);
}

static int date_binary(sl_rt *rt, int op, sl_value a, sl_value b, sl_value *out) {
  bool pa = sl_is_type(a, &sl__dt_date_type), pb = sl_is_type(b, &sl__dt_date_type);
  if (op == SL_BIN_ADD && pa && sl__is_delta(b))
    return date_add_days(rt, sl__dt(a), sl__td(b)->days, out) ? -1 : 1;
  if (op == SL_BIN_ADD && pb && sl__is_delta(a))
    return date_add_days(rt, sl__dt(b), sl__td(a)->days, out) ? -1 : 1;
  if (op == SL_BIN_SUB && pa && sl__is_delta(b))
    return date_add_days(rt, sl__dt(a), -sl__td(b)->days, out) ? -1 : 1;
  if (op == SL_BIN_SUB && pa && pb) {
    const sl_dtobj *x = sl__dt(a), *y = sl__dt(b);
    int64_t days =
        sl__dt_ymd_to_ord(x->year, x->month, x->day) - sl__dt_ymd_to_ord(y->year, y->month, y->day);
    return sl__td_new(rt, days, 0, 0, out) ? -1 : 1;
  }
  return 0;
}

/* ---- protocols ------------------------------------------------------------ */

static int64_t date_ord(const sl_dtobj *d) { return sl__dt_ymd_to_ord(d->year, d->month, d->day); }

static int date_eq(sl_rt *rt, sl_obj *a, sl_value b, bool *res) {
  (void)rt;
  *res = sl_is_type(b, &sl__dt_date_type) && date_ord((sl_dtobj *)a) == date_ord(sl__dt(b));
  return 0;
}

static int date_lt(sl_rt *rt, sl_obj *a, sl_value b, bool *res) {
  (void)rt;
  *res = date_ord((sl_dtobj *)a) < date_ord(sl__dt(b));
  return 0;
}

static int date_hash(sl_rt *rt, sl_obj *o, int64_t *out) {
  (void)rt;
  *out = date_ord((sl_dtobj *)o) * 1000003 + 0x2a;
  return 0;
}

static int date_str(sl_rt *rt, sl_obj *o, sl_strbuf *out) {
  return sl__dt_isoformat(rt, (sl_dtobj *)o, &sl__dt_date_type, 'T', NULL, out);
}

/* ---- methods (date's, and datetime's date part) --------------------------- */

static int no_args(sl_rt *rt, const sl_args *args, const char *fname) {
  return sl_args_bind(rt, args, fname, NULL, 0, 0, 0, NULL);
}

static int m_weekday(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  if (no_args(rt, args, "weekday")) return -1;
  return *out = sl_int((date_ord(sl__dt(self)) + 6) % 7), 0;
}

static int m_isoweekday(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  if (no_args(rt, args, "isoweekday")) return -1;
  return *out = sl_int((date_ord(sl__dt(self)) + 6) % 7 + 1), 0;
}

static int m_toordinal(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  if (no_args(rt, args, "toordinal")) return -1;
  return *out = sl_int(date_ord(sl__dt(self))), 0;
}

/* The ordinal of the Monday starting ISO week 1 of year y. */
static int64_t iso_week1_monday(int y) {
  int64_t first = sl__dt_ymd_to_ord(y, 1, 1);
  int64_t wd = (first + 6) % 7;
  int64_t monday = first - wd;
  return wd > 3 ? monday + 7 : monday;
}

/* isocalendar(): an IsoCalendarDate, CPython's tuple subclass with the
 * names year, week and weekday (here a named tuple of module datetime,
 * which prints as CPython's: datetime.IsoCalendarDate(year=..., ...)). */
static int m_isocalendar(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  if (no_args(rt, args, "isocalendar")) return -1;
  const sl_dtobj *d = sl__dt(self);
  int year = d->year;
  int64_t ord = date_ord(d), monday = iso_week1_monday(year);
  int64_t week = (ord - monday) / 7, day = (ord - monday) % 7;
  if (ord - monday < 0) {
    year--;
    monday = iso_week1_monday(year);
    week = (ord - monday) / 7, day = (ord - monday) % 7;
  } else if (week >= 52 && ord >= iso_week1_monday(year + 1)) {
    year++;
    week = 0;
  }
  static const char *const fields[] = {"year", "week", "weekday", NULL};
  sl_value items[3] = {sl_int(year), sl_int(week + 1), sl_int(day + 1)};
  return sl__namedtuple_value(rt, "IsoCalendarDate", "datetime", fields, items, out);
}

static int m_isoformat(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  if (no_args(rt, args, "isoformat")) return -1;
  sl_strbuf b = SL_STRBUF_INIT;
  if (sl__dt_isoformat(rt, sl__dt(self), &sl__dt_date_type, 'T', NULL, &b)) {
    sl_strbuf_free(&b);
    return -1;
  }
  return sl__str_result(rt, &b, out);
}

/* Which of date, datetime and time self is: strftime's fields depend on it,
   and a subclass's type is none of the three. */
static const sl_type *dt_kind(sl_value self) {
  if (sl__is_time(self)) return &sl__dt_time_type;
  return sl__is_datetime(self) ? &sl__dt_datetime_type : &sl__dt_date_type;
}

int sl__dt_m_strftime(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  static const char *const names[] = {"format"};
  sl_value a[1];
  if (sl_args_bind(rt, args, "strftime", names, 1, 1, 1, a)) return -1;
  sl_strbuf b = SL_STRBUF_INIT;
  if (sl__dt_strftime(rt, sl__dt(self), dt_kind(self), a[0], &b)) {
    sl_strbuf_free(&b);
    return -1;
  }
  return sl__str_result(rt, &b, out);
}

/* __format__(spec): strftime(spec), str(self) for an empty spec. */
int sl__dt_m_format(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  static const char *const names[] = {"format_spec"};
  sl_value a[1];
  if (sl_args_bind(rt, args, "__format__", names, 1, 1, 1, a)) return -1;
  if (!sl_is_str(a[0]))
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "__format__() argument 1 must be str, not %s",
                    sl_type_name(a[0]));
  sl_strbuf b = SL_STRBUF_INIT;
  int rc = sl_as_str(a[0].u.o)->len ? sl__dt_strftime(rt, sl__dt(self), dt_kind(self), a[0], &b)
                                    : sl_str(rt, self, &b);
  if (rc) {
    sl_strbuf_free(&b);
    return -1;
  }
  return sl__str_result(rt, &b, out);
}

/* date.replace(year=, month=, day=) */
static int m_replace(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  static const char *const names[] = {"year", "month", "day"};
  sl_value a[3];
  if (sl_args_bind(rt, args, "replace", names, 3, 0, 3, a)) return -1;
  const sl_dtobj *d = sl__dt(self);
  int64_t v[3] = {d->year, d->month, d->day};
  for (int i = 0; i < 3; i++)
    if (!sl_is_undef(a[i]) && sl__dt_int_arg(rt, a[i], &v[i])) return -1;
  if (sl__dt_check_date(rt, v[0], v[1], v[2])) return -1;
  return sl__dt_new(rt, &sl__dt_date_type, (int)v[0], (int)v[1], (int)v[2], 0, 0, 0, 0, sl_none(),
                    0, out);
}

static const char *const day_names[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
static const char *const month_names[] = {"",    "Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                          "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

/* ctime(): "Thu Jan  1 00:00:00 2026" */
static int m_ctime(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  if (no_args(rt, args, "ctime")) return -1;
  const sl_dtobj *d = sl__dt(self);
  sl_strbuf b = SL_STRBUF_INIT;
  sl_strbuf_printf(&b, "%s %s %2d %02d:%02d:%02d %04d", day_names[(date_ord(d) + 6) % 7],
                   month_names[d->month], d->day, d->hour, d->minute, d->second, d->year);
  return sl__str_result(rt, &b, out);
}

static int m_timetuple(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  if (no_args(rt, args, "timetuple")) return -1;
  return sl__dt_timetuple(rt, sl__dt(self), sl__is_datetime(self), out);
}

static const sl_cfunc_def date_methods[] = {
    {"date.timetuple", m_timetuple, NULL, 0},
    {"date.weekday", m_weekday, NULL, 0},
    {"date.isoweekday", m_isoweekday, NULL, 0},
    {"date.toordinal", m_toordinal, NULL, 0},
    {"date.isocalendar", m_isocalendar, NULL, 0},
    {"date.strftime", sl__dt_m_strftime, NULL, 0},
    {"date.__format__", sl__dt_m_format, NULL, 0},
    {"date.ctime", m_ctime, NULL, 0},
    {NULL, NULL, NULL, 0},
};
static const sl_cfunc_def date_only_methods[] = {
    {"date.isoformat", m_isoformat, NULL, 0},
    {"date.replace", m_replace, NULL, 0},
    {NULL, NULL, NULL, 0},
};

int sl__date_getattr_common(sl_rt *rt, sl_obj *o, const char *name, sl_value *out) {
  const sl_dtobj *d = (sl_dtobj *)o;
  if (!strcmp(name, "year")) return *out = sl_int(d->year), 1;
  if (!strcmp(name, "month")) return *out = sl_int(d->month), 1;
  if (!strcmp(name, "day")) return *out = sl_int(d->day), 1;
  return sl_methods_lookup(rt, sl_obj_val(o), date_methods, name, out);
}

static int date_getattr(sl_rt *rt, sl_obj *o, const char *name, sl_value *out) {
  int r = sl__date_getattr_common(rt, o, name, out);
  if (!r) r = sl_methods_lookup(rt, sl_obj_val(o), date_only_methods, name, out);
  if (r) return r < 0 ? -1 : 0;
  return sl_raise(rt, SL_EXC_ATTRIBUTE_ERROR, "'datetime.date' object has no attribute '%s'", name);
}

static const sl_lang_slots date_slots = {.binary = date_binary};

const sl_type sl__dt_date_type = {.name = "datetime.date",
                                  .repr = sl__dt_repr,
                                  .str = date_str,
                                  .eq = date_eq,
                                  .lt = date_lt,
                                  .hash = date_hash,
                                  .getattr = date_getattr,
                                  .lang = &date_slots,
                                  .size = sizeof(sl_dtobj)};

/* ---- class methods (date's and datetime's) -------------------------------- */

static bool is_datetime_cls(sl_value cls) {
  return sl_is_type(cls, &sl_typeobj_type) &&
         ((sl_typeobj *)cls.u.o)->cls == &sl__dt_datetime_class;
}

/* cls.fromordinal(n): midnight for a datetime. */
static int c_fromordinal(sl_rt *rt, sl_value cls, const sl_args *args, sl_value *out) {
  static const char *const names[] = {"ordinal"};
  sl_value a[1];
  int64_t n;
  if (sl_args_bind(rt, args, "fromordinal", names, 1, 1, 1, a)) return -1;
  if (sl__dt_int_arg(rt, a[0], &n)) return -1;
  if (n < 1) return sl_raise(rt, SL_EXC_VALUE_ERROR, "ordinal must be >= 1");
  if (n > 3652059) return sl__dt_year_error(rt, 10000);
  int y, m, d;
  sl__dt_ord_to_ymd(n, &y, &m, &d);
  return sl__dt_new(rt, is_datetime_cls(cls) ? &sl__dt_datetime_type : &sl__dt_date_type, y, m, d,
                    0, 0, 0, 0, sl_none(), 0, out);
}

/* cls.today(): the local (UTC) date or datetime of time.time(). */
static int c_today(sl_rt *rt, sl_value cls, const sl_args *args, sl_value *out) {
  if (no_args(rt, args, "today")) return -1;
  sl_value dt;
  if (sl__dt_from_timestamp(rt, sl_float(sl__dt_time_now(rt)), sl_none(), false, &dt)) return -1;
  if (is_datetime_cls(cls)) return *out = dt, 0;
  const sl_dtobj *d = sl__dt(dt);
  int rc =
      sl__dt_new(rt, &sl__dt_date_type, d->year, d->month, d->day, 0, 0, 0, 0, sl_none(), 0, out);
  sl_vdecref(rt, dt);
  return rc;
}

/* date.fromtimestamp(t) (datetime's own takes a tz and is in mod_datetime_dt.c). */
static int c_date_fromtimestamp(sl_rt *rt, sl_value cls, const sl_args *args, sl_value *out) {
  (void)cls;
  static const char *const names[] = {"timestamp"};
  sl_value a[1], dt;
  if (sl_args_bind(rt, args, "fromtimestamp", names, 1, 1, 1, a)) return -1;
  sl_value t = a[0]; /* whole seconds, rounded down (_PyTime_ROUND_FLOOR) */
  if (t.tag == SL_V_FLOAT && isfinite(t.u.f)) t = sl_float(floor(t.u.f));
  if (sl__dt_from_timestamp(rt, t, sl_none(), false, &dt)) return -1;
  const sl_dtobj *d = sl__dt(dt);
  int rc =
      sl__dt_new(rt, &sl__dt_date_type, d->year, d->month, d->day, 0, 0, 0, 0, sl_none(), 0, out);
  sl_vdecref(rt, dt);
  return rc;
}

static int c_fromisoformat(sl_rt *rt, sl_value cls, const sl_args *args, sl_value *out) {
  static const char *const names[] = {"date_string"};
  sl_value a[1];
  if (sl_args_bind(rt, args, "fromisoformat", names, 1, 1, 1, a)) return -1;
  return sl__dt_fromisoformat(rt, is_datetime_cls(cls) ? &sl__dt_datetime_type : &sl__dt_date_type,
                              a[0], out);
}

static const sl_cfunc_def c_fromordinal_def = {"fromordinal", c_fromordinal, NULL, 0};
static const sl_cfunc_def c_today_def = {"today", c_today, NULL, 0};
static const sl_cfunc_def c_date_fromtimestamp_def = {"fromtimestamp", c_date_fromtimestamp, NULL,
                                                      0};
static const sl_cfunc_def c_fromisoformat_def = {"fromisoformat", c_fromisoformat, NULL, 0};

int sl__date_class_getattr(sl_rt *rt, sl_obj *cls, const char *name, sl_value *out) {
  if (!strcmp(name, "fromordinal")) return sl__dt_classmethod(rt, cls, &c_fromordinal_def, out);
  if (!strcmp(name, "today")) return sl__dt_classmethod(rt, cls, &c_today_def, out);
  if (!strcmp(name, "fromisoformat")) return sl__dt_classmethod(rt, cls, &c_fromisoformat_def, out);
  return 0;
}

static int date_class_getattr(sl_rt *rt, sl_obj *cls, const char *name, sl_value *out) {
  int r = sl__date_class_getattr(rt, cls, name, out);
  if (r) return r;
  if (!strcmp(name, "fromtimestamp"))
    return sl__dt_classmethod(rt, cls, &c_date_fromtimestamp_def, out);
  if (!strcmp(name, "min"))
    return sl__dt_new(rt, &sl__dt_date_type, 1, 1, 1, 0, 0, 0, 0, sl_none(), 0, out) ? -1 : 1;
  if (!strcmp(name, "max"))
    return sl__dt_new(rt, &sl__dt_date_type, 9999, 12, 31, 0, 0, 0, 0, sl_none(), 0, out) ? -1 : 1;
  if (!strcmp(name, "resolution")) return sl__td_new(rt, 1, 0, 0, out) ? -1 : 1;
  return 0;
}

static const sl_cfunc_def ct_date_def = {"date", ct_date, NULL, 0};
static const sl_type *const date_types[] = {&sl__dt_date_type, &sl__dt_datetime_type, NULL};
const sl_classdef sl__dt_date_class = {"datetime.date", "datetime",        "date", date_types, NULL,
                                       &ct_date_def,    date_class_getattr};
