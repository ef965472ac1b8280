/* datetime.strptime (Lib/_strptime.py): the format becomes a pattern in
 * which each directive is a list of alternatives tried in order, and the
 * string must match it from the start, with backtracking, as _strptime's
 * compiled regular expression (re.IGNORECASE) does; then the fields give
 * a datetime by _strptime's rules (year 1900, month and day 1 when absent;
 * %y below 69 is 20xx; %I with %p; %j sets the day of the year; %z an
 * aware result). The locale is C: English names, %c = "%a %b %d %H:%M:%S
 * %Y", %x = "%m/%d/%y", %X = "%H:%M:%S"; %Z accepts utc and gmt (the zone
 * is UTC). The week-based directives %U, %W, %G, %V, %u are matched but
 * their fields not used. Errors carry CPython's texts. */
#include <ctype.h>
#include <string.h>

#include "core/exc.h"
#include "core/lang/modules/mod_datetime-int.h"
#include "core/lang/value.h"
#include "core/rt.h"
#include "core/str.h"

#define MAX_ITEMS 64

/* One element of the expanded format: a directive, a run of whitespace
 * (\s+), or a literal character. */
typedef struct sp_item {
  char dir; /* directive letter; ' ' whitespace; 0 literal */
  char lit;
} sp_item;

typedef struct sp_ctx {
  sp_item items[MAX_ITEMS];
  size_t n;
  const char *s;
  size_t len;
  /* Matched text of each directive letter (start, length); -1 unmatched. */
  long at[128], span[128];
} sp_ctx;

static const char *const DAY_FULL[] = {"monday", "tuesday",  "wednesday", "thursday",
                                       "friday", "saturday", "sunday"};
static const char *const DAY_ABBR[] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
static const char *const MON_FULL[] = {"january",   "february", "march",    "april",
                                       "may",       "june",     "july",     "august",
                                       "september", "october",  "november", "december"};
static const char *const MON_ABBR[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                       "jul", "aug", "sep", "oct", "nov", "dec"};

/* The numeric directives' alternatives, in _strptime's order: each a
 * string of character classes, 'd' any digit, a digit or range letter
 * otherwise ("3[01]" is "3" then one of "01"). Encoded as patterns over
 * the classes below. */
typedef struct alt {
  const char *cls[4]; /* per position: the characters allowed; NULL ends */
} alt;

#define D "0123456789"
static const alt ALT_d[] = {{{"3", "01"}},   {{"12", D}},          {{"0", "123456789"}},
                            {{"123456789"}}, {{" ", "123456789"}}, {{NULL}}};
static const alt ALT_m[] = {{{"1", "012"}}, {{"0", "123456789"}}, {{"123456789"}}, {{NULL}}};
static const alt ALT_H[] = {{{"2", "0123"}}, {{"01", D}}, {{D}}, {{NULL}}};
static const alt ALT_M[] = {{{"012345", D}}, {{D}}, {{NULL}}};
static const alt ALT_S[] = {{{"6", "01"}}, {{"012345", D}}, {{D}}, {{NULL}}};
static const alt ALT_Y[] = {{{D, D, D, D}}, {{NULL}}};
static const alt ALT_y[] = {{{D, D}}, {{NULL}}};
static const alt ALT_j[] = {{{"3", "6", "0123456"}}, {{"3", "012345", D}},      {{"12", D, D}},
                            {{"0", "123456789", D}}, {{"0", "0", "123456789"}}, {{"123456789", D}},
                            {{"0", "123456789"}},    {{"123456789"}},           {{NULL}}};
static const alt ALT_U[] = {{{"5", "0123"}}, {{"01234", D}}, {{D}}, {{NULL}}};
static const alt ALT_V[] = {{{"5", "0123"}}, {{"0", "123456789"}}, {{"1234", D}}, {{D}}, {{NULL}}};
static const alt ALT_w[] = {{{"0123456"}}, {{NULL}}};
static const alt ALT_u[] = {{{"1234567"}}, {{NULL}}};
#undef D

static const alt *alternatives(char c) {
  switch (c) {
  case 'd': return ALT_d;
  case 'm':
  case 'I': return ALT_m;
  case 'H': return ALT_H;
  case 'M': return ALT_M;
  case 'S': return ALT_S;
  case 'Y':
  case 'G': return ALT_Y;
  case 'y': return ALT_y;
  case 'j': return ALT_j;
  case 'U':
  case 'W': return ALT_U;
  case 'V': return ALT_V;
  case 'w': return ALT_w;
  case 'u': return ALT_u;
  }
  return NULL;
}

/* Length of alternative `a` matched at s[i], or -1. */
static long alt_len(const sp_ctx *c, size_t i, const alt *a) {
  size_t k = 0;
  for (; k < 4 && a->cls[k]; k++)
    if (i + k >= c->len || !strchr(a->cls[k], c->s[i + k]) || !c->s[i + k]) return -1;
  return (long)k;
}

static bool match(sp_ctx *c, size_t fi, size_t si);

/* The n bytes at a equal b's, ignoring ASCII case (re.IGNORECASE). */
static bool same_ci(const char *a, const char *b, size_t n) {
  for (size_t i = 0; i < n; i++)
    if (tolower((unsigned char)a[i]) != tolower((unsigned char)b[i])) return false;
  return true;
}

/* Tries a directive matched as s[si .. si+len) then the rest. */
static bool take(sp_ctx *c, size_t fi, size_t si, long len) {
  char d = c->items[fi].dir;
  long oat = c->at[(int)d], ospan = c->span[(int)d];
  c->at[(int)d] = (long)si, c->span[(int)d] = len;
  if (match(c, fi + 1, si + (size_t)len)) return true;
  c->at[(int)d] = oat, c->span[(int)d] = ospan;
  return false;
}

/* A case-insensitive name of `names` at s[si] (longest first, as
 * _strptime's __seqToRE sorts them). */
static bool take_name(sp_ctx *c, size_t fi, size_t si, const char *const *names, size_t n) {
  for (size_t want = 9; want > 1; want--)
    for (size_t k = 0; k < n; k++) {
      size_t l = strlen(names[k]);
      if (l != want || si + l > c->len || !same_ci(c->s + si, names[k], l)) continue;
      if (take(c, fi, si, (long)l)) return true;
    }
  return false;
}

/* %z: [+-]HH[:]MM([:]SS(.ffffff)?)? or Z (longest first, with backtracking
 * over the optional parts). */
static bool take_offset(sp_ctx *c, size_t fi, size_t si) {
  const char *s = c->s + si;
  size_t left = c->len - si;
  if (left >= 1 && s[0] == 'Z' && take(c, fi, si, 1)) return true;
  if (left < 5 || (s[0] != '+' && s[0] != '-') || !isdigit((unsigned char)s[1]) ||
      !isdigit((unsigned char)s[2]))
    return false;
  size_t i = 3;
  if (s[i] == ':') i++;
  if (i + 2 > left || !strchr("012345", s[i]) || !isdigit((unsigned char)s[i + 1])) return false;
  size_t hm = i + 2, ends[8], ne = 0;
  ends[ne++] = hm;
  size_t j = hm;
  if (j < left && s[j] == ':') j++;
  if (j + 2 <= left && strchr("012345", s[j]) && isdigit((unsigned char)s[j + 1])) {
    size_t sec = j + 2;
    ends[ne++] = sec;
    if (sec < left && s[sec] == '.') {
      for (size_t f = 1; f <= 6 && sec + f < left && isdigit((unsigned char)s[sec + f]); f++)
        ends[ne++] = sec + 1 + f;
    }
  }
  while (ne-- > 0)
    if (take(c, fi, si, (long)ends[ne])) return true;
  return false;
}

static bool match(sp_ctx *c, size_t fi, size_t si) {
  if (fi == c->n) {
    c->at[0] = (long)si; /* where the match ended */
    return true;
  }
  const sp_item *it = &c->items[fi];
  if (it->dir == 0) {
    if (si >= c->len || tolower((unsigned char)c->s[si]) != tolower((unsigned char)it->lit))
      return false;
    return match(c, fi + 1, si + 1);
  }
  if (it->dir == ' ') { /* \s+ */
    size_t k = 0;
    while (si + k < c->len && isspace((unsigned char)c->s[si + k])) k++;
    for (; k >= 1; k--)
      if (match(c, fi + 1, si + k)) return true;
    return false;
  }
  const alt *alts = alternatives(it->dir);
  if (alts) {
    for (const alt *a = alts; a->cls[0]; a++) {
      long l = alt_len(c, si, a);
      if (l > 0 && take(c, fi, si, l)) return true;
    }
    return false;
  }
  switch (it->dir) {
  case 'f':
    for (long l = 6; l >= 1; l--) {
      bool digits = si + (size_t)l <= c->len;
      for (long k = 0; digits && k < l; k++) digits = isdigit((unsigned char)c->s[si + k]);
      if (digits && take(c, fi, si, l)) return true;
    }
    return false;
  case 'a': return take_name(c, fi, si, DAY_ABBR, 7);
  case 'A': return take_name(c, fi, si, DAY_FULL, 7);
  case 'b': return take_name(c, fi, si, MON_ABBR, 12);
  case 'B': return take_name(c, fi, si, MON_FULL, 12);
  case 'p': return take_name(c, fi, si, (const char *const[]){"am", "pm"}, 2);
  case 'Z': return take_name(c, fi, si, (const char *const[]){"utc", "gmt"}, 2);
  case 'z': return take_offset(c, fi, si);
  }
  return false;
}

/* Expands the format into items (%c, %x, %X into their parts). 0, or -1
 * with ValueError raised. */
static int expand(sp_ctx *c, sl_rt *rt, const char *fmt, size_t n, const char *whole) {
  for (size_t i = 0; i < n; i++) {
    if (c->n + 8 >= MAX_ITEMS) return sl_raise(rt, SL_EXC_VALUE_ERROR, "format too long");
    char ch = fmt[i];
    if (isspace((unsigned char)ch)) {
      while (i + 1 < n && isspace((unsigned char)fmt[i + 1])) i++;
      c->items[c->n++] = (sp_item){' ', 0};
      continue;
    }
    if (ch != '%') {
      c->items[c->n++] = (sp_item){0, ch};
      continue;
    }
    if (i + 1 == n && rt->profile->strptime_percent_at_end_literal) {
      c->items[c->n++] = (sp_item){0, '%'};
      continue;
    }
    if (i + 1 == n) return sl_raise(rt, SL_EXC_VALUE_ERROR, "stray %% in format '%s'", whole);
    char d = fmt[++i];
    const char *sub = d == 'c'   ? "%a %b %d %H:%M:%S %Y"
                      : d == 'x' ? "%m/%d/%y"
                      : d == 'X' ? "%H:%M:%S"
                                 : NULL;
    if (sub) {
      if (expand(c, rt, sub, strlen(sub), whole)) return -1;
    } else if (d == '%') {
      c->items[c->n++] = (sp_item){0, '%'};
    } else if (alternatives(d) || strchr("fabABpZz", d)) {
      c->items[c->n++] = (sp_item){d, 0};
    } else {
      return sl_raise(rt, SL_EXC_VALUE_ERROR, "'%c' is a bad directive in format '%s'", d, whole);
    }
  }
  return 0;
}

/* The number matched by directive d (0 when unmatched). */
static int num(const sp_ctx *c, char d) {
  int v = 0;
  for (long k = 0; c->at[(int)d] >= 0 && k < c->span[(int)d]; k++) {
    char ch = c->s[c->at[(int)d] + k];
    if (isdigit((unsigned char)ch)) v = v * 10 + (ch - '0');
  }
  return v;
}

static bool has(const sp_ctx *c, char d) { return c->at[(int)d] >= 0; }

/* Index of the name matched by d in names, case-insensitively. */
static int name_index(const sp_ctx *c, char d, const char *const *names, int n) {
  for (int k = 0; k < n; k++)
    if ((long)strlen(names[k]) == c->span[(int)d] &&
        same_ci(c->s + c->at[(int)d], names[k], (size_t)c->span[(int)d]))
      return k;
  return 0;
}

/* The %z offset in microseconds. */
static int64_t offset_us(const sp_ctx *c) {
  const char *z = c->s + c->at['z'];
  long n = c->span['z'];
  if (n == 1) return 0; /* Z */
  int sign = z[0] == '-' ? -1 : 1;
  int64_t us = 0;
  const char *dot = memchr(z, '.', (size_t)n);
  if (dot) {
    int64_t scale = 100000;
    for (const char *p = dot + 1; p < z + n; p++, scale /= 10) us += (*p - '0') * scale;
  }
  /* HH, MM and SS: two digits each, colons skipped. */
  int64_t d[3] = {0, 0, 0};
  int nd = 0;
  for (long i = 1; i < n && z[i] != '.'; i++)
    if (isdigit((unsigned char)z[i])) {
      d[nd / 2] = d[nd / 2] * 10 + (z[i] - '0');
      nd++;
    }
  return sign * ((d[0] * 3600 + d[1] * 60 + d[2]) * 1000000 + us);
}

/* datetime.strptime(date_string, format) */
int sl__dt_strptime(sl_rt *rt, sl_value s, sl_value fmt, sl_value *out) {
  if (!sl_is_str(s) || !sl_is_str(fmt))
    return sl_raise(rt, SL_EXC_TYPE_ERROR, "strptime() argument %d must be str, not %s",
                    sl_is_str(s) ? 2 : 1, sl_type_name(sl_is_str(s) ? fmt : s));
  static sp_ctx zero;
  sp_ctx c = zero;
  const char *f = sl_str_cstr(fmt.u.o);
  if (expand(&c, rt, f, sl_as_str(fmt.u.o)->len, f)) return -1;
  c.s = sl_str_cstr(s.u.o);
  c.len = sl_as_str(s.u.o)->len;
  for (int k = 0; k < 128; k++) c.at[k] = -1, c.span[k] = 0;
  if (!match(&c, 0, 0))
    return sl_raise(rt, SL_EXC_VALUE_ERROR, "time data '%s' does not match format '%s'", c.s, f);
  if ((size_t)c.at[0] != c.len)
    return sl_raise(rt, SL_EXC_VALUE_ERROR, "unconverted data remains: %s", c.s + c.at[0]);
  int year = 1900, month = 1, day = 1, hour = 0;
  if (has(&c, 'y')) year = num(&c, 'y') + (num(&c, 'y') <= 68 ? 2000 : 1900);
  if (has(&c, 'Y')) year = num(&c, 'Y');
  if (has(&c, 'm')) month = num(&c, 'm');
  if (has(&c, 'B')) month = name_index(&c, 'B', MON_FULL, 12) + 1;
  if (has(&c, 'b')) month = name_index(&c, 'b', MON_ABBR, 12) + 1;
  if (has(&c, 'd')) day = num(&c, 'd');
  if (has(&c, 'H')) hour = num(&c, 'H');
  if (has(&c, 'I')) {
    hour = num(&c, 'I');
    bool pm = has(&c, 'p') && name_index(&c, 'p', (const char *const[]){"am", "pm"}, 2) == 1;
    if (!pm && hour == 12) hour = 0;
    if (pm && hour != 12) hour += 12;
  }
  int us = 0;
  if (has(&c, 'f')) {
    us = num(&c, 'f');
    for (long k = c.span['f']; k < 6; k++) us *= 10;
  }
  if (has(&c, 'j')) {
    int64_t ord = sl__dt_ymd_to_ord(year, 1, 1) + num(&c, 'j') - 1;
    sl__dt_ord_to_ymd(ord, &year, &month, &day);
  }
  if (sl__dt_check_date(rt, year, month, day)) return -1;
  sl_value tz = sl_none();
  if (has(&c, 'z')) {
    int64_t off = offset_us(&c);
    if (off == 0 && c.span['z'] == 1) {
      tz = sl_vincref(sl__tz_utc(rt));
    } else if (sl__tz_new(rt, off, sl_none(), &tz)) {
      return -1;
    }
  }
  if (sl__dt_check_time(rt, hour, num(&c, 'M'), num(&c, 'S'), us, 0)) {
    sl_vdecref(rt, tz);
    return -1;
  }
  int rc = sl__dt_new(rt, &sl__dt_datetime_type, year, month, day, hour, num(&c, 'M'), num(&c, 'S'),
                      us, tz, 0, out);
  sl_vdecref(rt, tz);
  return rc;
}
