/* The datetime module's objects, shared by its files (mod_datetime*.c):
 * timedelta (mod_datetime_delta.c), date and the proleptic Gregorian
 * calendar (mod_datetime_date.c), datetime (mod_datetime_dt.c), time and
 * timezone (mod_datetime_tz.c), text in and out (mod_datetime_fmt.c) and
 * the module (mod_datetime.c).
 *
 * Behaviour is CPython's Modules/_datetimemodule.c (reprs, range checks and
 * their messages, normalisation); the clock is the simulated one (DESIGN.md
 * section 4): now() is fromtimestamp(time.time()), the local zone is UTC.
 *
 * Ownership: objects own their tzinfo and name values; every function
 * returning a value through a pointer returns a new reference; arguments
 * are borrowed. */
#ifndef SL_LANG_MOD_DATETIME_INT_H
#define SL_LANG_MOD_DATETIME_INT_H

#include <stdbool.h>
#include <stdint.h>

#include "core/cfunc.h"
#include "core/lang/value.h"
#include "core/object.h"
#include "core/strbuf.h"

#define SL_DT_MINYEAR        1
#define SL_DT_MAXYEAR        9999
#define SL_DT_MAX_DELTA_DAYS 999999999
#define SL_DT_US_PER_DAY     86400000000LL

/* date, datetime and time share one layout; the type tells which fields
 * mean something (a date has no clock, a time no calendar day). */
typedef struct sl_dtobj {
  sl_obj hdr;
  int year, month, day;
  int hour, minute, second, us;
  int fold;
  sl_value tz; /* owned: None or a timezone (time and datetime) */
} sl_dtobj;

/* timedelta, normalised as CPython's: 0 <= secs < 86400, 0 <= us < 1e6,
 * |days| <= 999999999. */
typedef struct sl_tdobj {
  sl_obj hdr;
  int64_t days;
  int32_t secs, us;
} sl_tdobj;

/* timezone: a fixed offset strictly inside (-24 h, 24 h). */
typedef struct sl_tzobj {
  sl_obj hdr;
  int64_t off_us;
  sl_value name; /* owned: a str, or None for the default name */
} sl_tzobj;

extern const sl_type sl__dt_delta_type, sl__dt_date_type, sl__dt_datetime_type, sl__dt_time_type,
    sl__dt_tz_type;
extern const sl_classdef sl__dt_delta_class, sl__dt_date_class, sl__dt_datetime_class,
    sl__dt_time_class, sl__dt_tz_class, sl__dt_tzinfo_class;

static inline sl_dtobj *sl__dt(sl_value v) { return (sl_dtobj *)v.u.o; }
static inline sl_tdobj *sl__td(sl_value v) { return (sl_tdobj *)v.u.o; }
static inline sl_tzobj *sl__tz(sl_value v) { return (sl_tzobj *)v.u.o; }
static inline bool sl__is_delta(sl_value v) { return sl_is_type(v, &sl__dt_delta_type); }
static inline bool sl__is_datetime(sl_value v) { return sl_is_type(v, &sl__dt_datetime_type); }
/* A date, or a datetime (which is a date). */
static inline bool sl__is_date(sl_value v) {
  return sl_is_type(v, &sl__dt_date_type) || sl__is_datetime(v);
}
static inline bool sl__is_time(sl_value v) { return sl_is_type(v, &sl__dt_time_type); }
static inline bool sl__is_tz(sl_value v) { return sl_is_type(v, &sl__dt_tz_type); }

/* ---- calendar (mod_datetime_date.c) ---- */
bool sl__dt_is_leap(int y);
int sl__dt_days_in_month(int y, int m);
/* Day number of y-m-d, 0001-01-01 being 1. */
int64_t sl__dt_ymd_to_ord(int y, int m, int d);
void sl__dt_ord_to_ymd(int64_t ord, int *y, int *m, int *d);
/* ValueError "year 0 is out of range" (3.14: "year must be in 1..9999, not 0"). */
int sl__dt_year_error(sl_rt *rt, int64_t y);
/* ValueError texts of CPython's check_date_args. */
int sl__dt_check_date(sl_rt *rt, int64_t y, int64_t m, int64_t d);
/* A new date (or datetime when type is the datetime type, time fields
 * from `clock`; tz borrowed). No checks. */
int sl__dt_new(sl_rt *rt, const sl_type *type, int y, int mo, int d, int h, int mi, int s, int us,
               sl_value tz, int fold, sl_value *out);
/* The methods every date has (datetime's table falls back on them). */
int sl__date_getattr_common(sl_rt *rt, sl_obj *o, const char *name, sl_value *out);
/* Class attributes shared by date and datetime (today, fromordinal, ...):
 * 1 found, 0 not, -1 error. */
int sl__date_class_getattr(sl_rt *rt, sl_obj *cls, const char *name, sl_value *out);

/* ---- timedelta (mod_datetime_delta.c) ---- */
/* A new timedelta from days, seconds, microseconds, normalised;
 * OverflowError beyond the range. */
int sl__td_new(sl_rt *rt, int64_t days, int64_t secs, int64_t us, sl_value *out);
/* Its total microseconds (an int of any size). */
int sl__td_total_us(sl_rt *rt, const sl_tdobj *td, sl_value *out);
/* A timedelta from a number of microseconds (int of any size). */
int sl__td_from_us(sl_rt *rt, sl_value us, sl_value *out);
/* The exact microseconds of a timedelta known to fit (|x| < ~1e14 days). */
static inline int64_t sl__td_us64(const sl_tdobj *td) {
  return td->days * SL_DT_US_PER_DAY + (int64_t)td->secs * 1000000 + td->us;
}
void sl__td_put_str(sl_strbuf *b, const sl_tdobj *td);
int sl__td_repr(sl_rt *rt, sl_obj *o, sl_strbuf *out);

/* ---- timezone and time (mod_datetime_tz.c) ---- */
/* timezone.utc, the run's one object (borrowed). */
sl_value sl__tz_utc(sl_rt *rt);
/* A new timezone of off_us and name (borrowed, None: default). */
int sl__tz_new(sl_rt *rt, int64_t off_us, sl_value name, sl_value *out);
/* Checks a tzinfo argument: None or a timezone (TypeError as CPython). */
int sl__tz_check(sl_rt *rt, sl_value tz);
/* utcoffset() of a tzinfo in microseconds; *none when tz is None. */
void sl__tz_offset(sl_value tz, int64_t *off_us, bool *none);
/* tzname(): new str, or None. */
int sl__tz_name(sl_rt *rt, sl_value tz, sl_value *out);
/* ValueError texts of CPython's check_time_args. */
int sl__dt_check_time(sl_rt *rt, int64_t h, int64_t mi, int64_t s, int64_t us, int64_t fold);
/* "+HH:MM[:SS[.ffffff]]" (sep ':' or "" for %z). */
void sl__tz_put_offset(sl_strbuf *b, int64_t off_us, const char *sep);

/* ---- datetime (mod_datetime_dt.c) ---- */
/* datetime.fromtimestamp(t, tz) / utcfromtimestamp (utc true: naive UTC). */
int sl__dt_from_timestamp(sl_rt *rt, sl_value t, sl_value tz, bool utc, sl_value *out);
/* time.time() on the virtual clock. */
double sl__dt_time_now(sl_rt *rt);
int sl__datetime_class_getattr(sl_rt *rt, sl_obj *cls, const char *name, sl_value *out);

/* ---- text (mod_datetime_fmt.c) ---- */
/* isoformat of a date, datetime or time; timespec NULL: "auto". */
int sl__dt_isoformat(sl_rt *rt, const sl_dtobj *d, const sl_type *t, char sep, const char *timespec,
                     sl_strbuf *out);
int sl__dt_strftime(sl_rt *rt, const sl_dtobj *d, const sl_type *t, sl_value fmt, sl_strbuf *out);
/* strftime(format) and __format__(spec) of a date, datetime or time
   (mod_datetime_date.c): one pair for the three classes. */
int sl__dt_m_strftime(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out);
int sl__dt_m_format(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out);
int sl__dt_fromisoformat(sl_rt *rt, const sl_type *t, sl_value s, sl_value *out);
/* datetime.strptime(s, fmt) (mod_datetime_strptime.c). */
int sl__dt_strptime(sl_rt *rt, sl_value s, sl_value fmt, sl_value *out);
int sl__dt_repr(sl_rt *rt, sl_obj *o, sl_strbuf *out);

/* ---- time tuples (mod_datetime_tt.c) ---- */
/* timetuple(): a time.struct_time of d (clock fields zero for a date). */
int sl__dt_timetuple(sl_rt *rt, const sl_dtobj *d, bool has_clock, sl_value *out);

/* ---- small shared helpers (mod_datetime.c) ---- */
/* An int argument (int or bool; not float): CPython's TypeError
 * "'float' object cannot be interpreted as an integer" otherwise. */
int sl__dt_int_arg(sl_rt *rt, sl_value v, int64_t *out);
/* Binds a constructor's arguments as PyArg_ParseTupleAndKeywords does,
 * with its messages ("function missing required argument 'day' (pos 3)"). */
int sl__dt_bind(sl_rt *rt, const sl_args *args, const char *const *names, size_t n, size_t nreq,
                size_t npos, sl_value *out);
/* Binds the class-level cfunc `def` to cls: a class method. */
int sl__dt_classmethod(sl_rt *rt, sl_obj *cls, const sl_cfunc_def *def, sl_value *out);

#endif
