/* Text in and out of date, datetime and time: repr, isoformat, strftime
 * (glibc's directives in the C locale, which is what CPython on Linux
 * prints; unknown directives are copied as glibc copies them) and
 * fromisoformat (3.11's grammar: extended and basic dates, any one
 * separator character, fractions of any length, 'Z' and +HH[:MM[:SS]]
 * offsets). */
#include <string.h>

#include "core/exc.h"
#include "core/lang/modules/mod_datetime-int.h"
#include "core/lang/vm.h"
#include "core/rt.h"
#include "core/str.h"

/* ---- repr ----------------------------------------------------------------- */

int sl__dt_repr(sl_rt *rt, sl_obj *o, sl_strbuf *out) {
  const sl_dtobj *d = (sl_dtobj *)o;
  if (o->type == &sl__dt_date_type) {
    sl_strbuf_printf(out, "datetime.date(%d, %d, %d)", d->year, d->month, d->day);
    return 0;
  }
  if (o->type == &sl__dt_datetime_type)
    sl_strbuf_printf(out, "datetime.datetime(%d, %d, %d, %d, %d", d->year, d->month, d->day,
                     d->hour, d->minute);
  else
    sl_strbuf_printf(out, "datetime.time(%d, %d", d->hour, d->minute);
  if (d->us)
    sl_strbuf_printf(out, ", %d, %d", d->second, d->us);
  else if (d->second)
    sl_strbuf_printf(out, ", %d", d->second);
  if (!sl_is_none(d->tz)) {
    sl_strbuf_puts(out, ", tzinfo=");
    if (sl_vm_repr(rt, d->tz, out)) return -1;
  }
  if (d->fold) sl_strbuf_puts(out, ", fold=1");
  sl_strbuf_putc(out, ')');
  return 0;
}

/* ---- isoformat ------------------------------------------------------------- */

static int put_clock(sl_rt *rt, const sl_dtobj *d, const char *timespec, sl_strbuf *out) {
  const char *ts = timespec ? timespec : "auto";
  if (!strcmp(ts, "auto")) ts = d->us ? "microseconds" : "seconds";
  if (!strcmp(ts, "hours"))
    sl_strbuf_printf(out, "%02d", d->hour);
  else if (!strcmp(ts, "minutes"))
    sl_strbuf_printf(out, "%02d:%02d", d->hour, d->minute);
  else if (!strcmp(ts, "seconds"))
    sl_strbuf_printf(out, "%02d:%02d:%02d", d->hour, d->minute, d->second);
  else if (!strcmp(ts, "milliseconds"))
    sl_strbuf_printf(out, "%02d:%02d:%02d.%03d", d->hour, d->minute, d->second, d->us / 1000);
  else if (!strcmp(ts, "microseconds"))
    sl_strbuf_printf(out, "%02d:%02d:%02d.%06d", d->hour, d->minute, d->second, d->us);
  else
    return sl_raise(rt, SL_EXC_VALUE_ERROR, "Unknown timespec value");
  int64_t off;
  bool none;
  sl__tz_offset(d->tz, &off, &none);
  if (!none) sl__tz_put_offset(out, off, ":");
  return 0;
}

int sl__dt_isoformat(sl_rt *rt, const sl_dtobj *d, const sl_type *t, char sep, const char *timespec,
                     sl_strbuf *out) {
  if (t != &sl__dt_time_type) sl_strbuf_printf(out, "%04d-%02d-%02d", d->year, d->month, d->day);
  if (t == &sl__dt_date_type) return 0;
  if (t == &sl__dt_datetime_type) sl_strbuf_putc(out, sep);
  return put_clock(rt, d, timespec, out);
}

/* ---- strftime --------------------------------------------------------------- */

static const char *const day_abbr[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
static const char *const day_full[] = {"Monday", "Tuesday",  "Wednesday", "Thursday",
                                       "Friday", "Saturday", "Sunday"};
static const char *const mon_abbr[] = {"",    "Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                       "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
static const char *const mon_full[] = {"",        "January",  "February", "March",  "April",
                                       "May",     "June",     "July",     "August", "September",
                                       "October", "November", "December"};

/* The broken-down time strftime sees: a time object is on 1900-01-01. */
typedef struct tm_view {
  int year, month, day, hour, minute, second, us;
  int wday; /* Monday 0 */
  int yday; /* 0-based */
  int64_t ord;
} tm_view;

static void iso_year_week(const tm_view *v, int *iso_year, int *iso_week) {
  int y = v->year;
  for (int k = 0; k < 3; k++) {
    int64_t first = sl__dt_ymd_to_ord(y + 1 - k, 1, 1), wd = (first + 6) % 7;
    int64_t monday = first - wd + (wd > 3 ? 7 : 0);
    if (v->ord >= monday) {
      *iso_year = y + 1 - k;
      *iso_week = (int)((v->ord - monday) / 7) + 1;
      return;
    }
  }
  *iso_year = y, *iso_week = 1;
}

static int put_directive(sl_rt *rt, const sl_dtobj *d, const sl_type *t, const tm_view *v, char c,
                         sl_strbuf *out) {
  int iy, iw;
  switch (c) {
  case 'a': sl_strbuf_puts(out, day_abbr[v->wday]); break;
  case 'A': sl_strbuf_puts(out, day_full[v->wday]); break;
  case 'b':
  case 'h': sl_strbuf_puts(out, mon_abbr[v->month]); break;
  case 'B': sl_strbuf_puts(out, mon_full[v->month]); break;
  case 'c':
    sl_strbuf_printf(out, "%s %s %2d %02d:%02d:%02d %d", day_abbr[v->wday], mon_abbr[v->month],
                     v->day, v->hour, v->minute, v->second, v->year);
    break;
  case 'C': sl_strbuf_printf(out, "%d", v->year / 100); break;
  case 'd': sl_strbuf_printf(out, "%02d", v->day); break;
  case 'D':
  case 'x': sl_strbuf_printf(out, "%02d/%02d/%02d", v->month, v->day, v->year % 100); break;
  case 'e': sl_strbuf_printf(out, "%2d", v->day); break;
  case 'f': sl_strbuf_printf(out, "%06d", v->us); break;
  case 'F': sl_strbuf_printf(out, "%d-%02d-%02d", v->year, v->month, v->day); break;
  case 'G': iso_year_week(v, &iy, &iw), sl_strbuf_printf(out, "%d", iy); break;
  case 'g': iso_year_week(v, &iy, &iw), sl_strbuf_printf(out, "%02d", iy % 100); break;
  case 'H': sl_strbuf_printf(out, "%02d", v->hour); break;
  case 'I': sl_strbuf_printf(out, "%02d", v->hour % 12 ? v->hour % 12 : 12); break;
  case 'j': sl_strbuf_printf(out, "%03d", v->yday + 1); break;
  case 'k': sl_strbuf_printf(out, "%2d", v->hour); break;
  case 'l': sl_strbuf_printf(out, "%2d", v->hour % 12 ? v->hour % 12 : 12); break;
  case 'm': sl_strbuf_printf(out, "%02d", v->month); break;
  case 'M': sl_strbuf_printf(out, "%02d", v->minute); break;
  case 'n': sl_strbuf_putc(out, '\n'); break;
  case 'p': sl_strbuf_puts(out, v->hour < 12 ? "AM" : "PM"); break;
  case 'P': sl_strbuf_puts(out, v->hour < 12 ? "am" : "pm"); break;
  case 'r':
    sl_strbuf_printf(out, "%02d:%02d:%02d %s", v->hour % 12 ? v->hour % 12 : 12, v->minute,
                     v->second, v->hour < 12 ? "AM" : "PM");
    break;
  case 'R': sl_strbuf_printf(out, "%02d:%02d", v->hour, v->minute); break;
  case 'S': sl_strbuf_printf(out, "%02d", v->second); break;
  case 't': sl_strbuf_putc(out, '\t'); break;
  case 'T':
  case 'X': sl_strbuf_printf(out, "%02d:%02d:%02d", v->hour, v->minute, v->second); break;
  case 'u': sl_strbuf_printf(out, "%d", v->wday + 1); break;
  case 'U': sl_strbuf_printf(out, "%02d", (v->yday + 7 - (v->wday + 1) % 7) / 7); break;
  case 'V': iso_year_week(v, &iy, &iw), sl_strbuf_printf(out, "%02d", iw); break;
  case 'w': sl_strbuf_printf(out, "%d", (v->wday + 1) % 7); break;
  case 'W': sl_strbuf_printf(out, "%02d", (v->yday + 7 - v->wday) / 7); break;
  case 'y': sl_strbuf_printf(out, "%02d", v->year % 100); break;
  case 'Y': sl_strbuf_printf(out, "%d", v->year); break;
  case 'z': {
    int64_t off;
    bool none;
    sl__tz_offset(t == &sl__dt_date_type ? sl_none() : d->tz, &off, &none);
    if (!none) sl__tz_put_offset(out, off, "");
    break;
  }
  case 'Z': {
    if (t == &sl__dt_date_type || sl_is_none(d->tz)) break;
    sl_value name;
    if (sl__tz_name(rt, d->tz, &name)) return -1;
    if (sl_is_str(name)) sl_strbuf_puts(out, sl_str_cstr(name.u.o));
    sl_vdecref(rt, name);
    break;
  }
  case '%': sl_strbuf_putc(out, '%'); break;
  default: /* glibc copies what it does not know */
    sl_strbuf_putc(out, '%'), sl_strbuf_putc(out, c);
  }
  return 0;
}

int sl__dt_strftime(sl_rt *rt, const sl_dtobj *d, const sl_type *t, sl_value fmt, sl_strbuf *out) {
  if (!sl_is_str(fmt))
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "strftime() argument 1 must be str, not %s",
                    sl_type_name(fmt));
  tm_view v = {1900, 1, 1, d->hour, d->minute, d->second, d->us, 0, 0, 0};
  if (t != &sl__dt_time_type) v.year = d->year, v.month = d->month, v.day = d->day;
  if (t == &sl__dt_date_type) v.hour = v.minute = v.second = v.us = 0;
  v.ord = sl__dt_ymd_to_ord(v.year, v.month, v.day);
  v.wday = (int)((v.ord + 6) % 7);
  v.yday = (int)(v.ord - sl__dt_ymd_to_ord(v.year, 1, 1));
  const char *s = sl_str_cstr(fmt.u.o);
  size_t n = sl_as_str(fmt.u.o)->len;
  for (size_t i = 0; i < n; i++) {
    if (s[i] != '%' || i + 1 == n) {
      sl_strbuf_putc(out, s[i]);
      continue;
    }
    if (put_directive(rt, d, t, &v, s[++i], out)) return -1;
  }
  return 0;
}

/* ---- fromisoformat -------------------------------------------------------------- */

typedef struct iso_parse {
  const char *s;
  size_t n, i;
} iso_parse;

/* Exactly k digits at the cursor. */
static bool digits(iso_parse *p, int k, int *out) {
  int v = 0;
  for (int j = 0; j < k; j++) {
    if (p->i >= p->n || p->s[p->i] < '0' || p->s[p->i] > '9') return false;
    v = v * 10 + (p->s[p->i++] - '0');
  }
  *out = v;
  return true;
}

static bool accept(iso_parse *p, char c) {
  if (p->i < p->n && p->s[p->i] == c) return p->i++, true;
  return false;
}

/* YYYY-MM-DD or YYYYMMDD */
static bool parse_date(iso_parse *p, int *y, int *m, int *d) {
  if (!digits(p, 4, y)) return false;
  bool ext = accept(p, '-');
  if (!digits(p, 2, m)) return false;
  if (ext && !accept(p, '-')) return false;
  return digits(p, 2, d);
}

/* HH[:MM[:SS[.f+]]] or HH[MM[SS[.f+]]] */
static bool parse_clock(iso_parse *p, int *v) {
  v[0] = v[1] = v[2] = v[3] = 0;
  if (!digits(p, 2, &v[0])) return false;
  if (p->i >= p->n || strchr("+-Z", p->s[p->i])) return true;
  bool ext = accept(p, ':');
  if (!digits(p, 2, &v[1])) return false;
  if (p->i >= p->n || strchr("+-Z", p->s[p->i])) return true;
  if (ext && !accept(p, ':')) return false;
  if (!digits(p, 2, &v[2])) return false;
  if (accept(p, '.') || accept(p, ',')) {
    int k = 0, us = 0;
    while (p->i < p->n && p->s[p->i] >= '0' && p->s[p->i] <= '9') {
      if (k < 6) us = us * 10 + (p->s[p->i] - '0');
      k++, p->i++;
    }
    if (!k) return false;
    for (; k < 6; k++) us *= 10;
    v[3] = us;
  }
  return true;
}

/* Z, or +HH[:MM[:SS[.ffffff]]] */
static bool parse_offset(iso_parse *p, bool *has, int64_t *off) {
  *has = false;
  if (p->i >= p->n) return true;
  *has = true;
  if (accept(p, 'Z')) return *off = 0, p->i == p->n;
  int sign = accept(p, '-') ? -1 : (accept(p, '+') ? 1 : 0);
  if (!sign) return false;
  int v[4];
  if (!parse_clock(p, v) || p->i != p->n) return false;
  *off = sign * ((((int64_t)v[0] * 60 + v[1]) * 60 + v[2]) * 1000000 + v[3]);
  return true;
}

static int invalid(sl_rt *rt, sl_value s) {
  sl_strbuf b = SL_STRBUF_INIT;
  sl_strbuf_puts(&b, "Invalid isoformat string: ");
  sl_vm_repr(rt, s, &b);
  int rc = sl_raise(rt, SL_EXC_VALUE_ERROR, "%s", sl_strbuf_cstr(&b));
  sl_strbuf_free(&b);
  return rc;
}

static int tz_of(sl_rt *rt, bool has, int64_t off, sl_value *tz) {
  if (!has) return *tz = sl_none(), 0;
  if (off <= -SL_DT_US_PER_DAY || off >= SL_DT_US_PER_DAY)
    return sl_raise(rt, SL_EXC_VALUE_ERROR,
                    "offset must be a timedelta strictly between "
                    "-timedelta(hours=24) and timedelta(hours=24).");
  return sl__tz_new(rt, off, sl_none(), tz);
}

int sl__dt_fromisoformat(sl_rt *rt, const sl_type *t, sl_value s, sl_value *out) {
  if (!sl_is_str(s)) return sl_raise(rt, SL_EXC_TYPE_ERROR, "fromisoformat: argument must be str");
  iso_parse p = {sl_str_cstr(s.u.o), sl_as_str(s.u.o)->len, 0};
  int y = 1900, mo = 1, d = 1, c[4] = {0, 0, 0, 0};
  bool has = false;
  int64_t off = 0;
  if (t != &sl__dt_time_type && !parse_date(&p, &y, &mo, &d)) return invalid(rt, s);
  if (t == &sl__dt_date_type) {
    if (p.i != p.n) return invalid(rt, s);
  } else if (t == &sl__dt_datetime_type && p.i < p.n) {
    p.i++; /* any one separator */
    if (!parse_clock(&p, c) || !parse_offset(&p, &has, &off)) return invalid(rt, s);
  } else if (t == &sl__dt_time_type) {
    accept(&p, 'T');
    if (!parse_clock(&p, c) || !parse_offset(&p, &has, &off)) return invalid(rt, s);
  }
  if (sl__dt_check_date(rt, y, mo, d) || sl__dt_check_time(rt, c[0], c[1], c[2], c[3], 0))
    return -1;
  sl_value tz;
  if (tz_of(rt, has, off, &tz)) return -1;
  int rc = sl__dt_new(rt, t, y, mo, d, c[0], c[1], c[2], c[3], tz, 0, out);
  sl_vdecref(rt, tz);
  return rc;
}
