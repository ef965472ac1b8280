#!/usr/bin/env python3
"""Generates tests/unit/datetime_cases.txt: small programs using the
datetime module and the exact output real CPython prints for each, per
CPython version (3.11 is /usr/bin/python3, 3.12-3.14 come from Pyodide when
installed), in the simulated environment's zone (local time is UTC).

Run from the repository root:
    /usr/bin/python3 tests/unit/gen_datetime_cases.py
Same file format as gen_builtins_cases.py; the `builtins` unit test runs
every case under every listed profile. The clock itself (now(), today(),
utcnow()) is checked by the scenario tests/scenarios/datetime_clock.py
under `simloop conform`, where the oracle pins time.time().
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from gen_builtins_cases import write_case_table  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "datetime_cases.txt")

IMPORT = "from datetime import date, datetime, time, timedelta, timezone\n"

# strftime: the directives glibc and Pyodide's libc (musl) agree on; %c,
# %k, %l, %P, unknown directives and a lone '%' differ there (simloop
# prints what Linux CPython prints), and so do %Y, %G and %C before year 1000.

# Expressions printed with print(repr(x)) and print(str(x)).
DELTAS = [
    "timedelta()", "timedelta(1)", "timedelta(-1)", "timedelta(seconds=1)", "timedelta(seconds=-1)",
    "timedelta(microseconds=-1)", "timedelta(days=1, seconds=2, microseconds=3)",
    "timedelta(weeks=2, days=-3, hours=25, minutes=61, seconds=3601, milliseconds=1001, microseconds=1000001)",
    "timedelta(hours=1.5)", "timedelta(days=0.1)", "timedelta(seconds=0.5e-6)", "timedelta(seconds=1.5e-6)",
    "timedelta(seconds=2.5e-6)", "timedelta(microseconds=0.5)", "timedelta(microseconds=1.5)",
    "timedelta(microseconds=-0.5)", "timedelta(microseconds=-1.5)", "timedelta(minutes=1/3)",
    "timedelta(days=1/7, hours=1/3, seconds=1/9)", "timedelta(weeks=-1.25)", "timedelta(milliseconds=0.0005)",
    "timedelta(days=999999999)", "timedelta(days=-999999999)", "timedelta(True)",
    "timedelta(seconds=86399, microseconds=999999)", "timedelta(seconds=10**10)", "timedelta(microseconds=10**15)",
    "timedelta.max", "timedelta.min", "timedelta.resolution",
]

DATES = [
    "date(2026, 1, 1)", "date(1, 1, 1)", "date(9999, 12, 31)", "date(2024, 2, 29)", "date(2000, 2, 29)",
    "date(1900, 3, 1)", "date(2026, 12, 31)", "date.fromordinal(1)", "date.fromordinal(730120)",
    "date.fromordinal(3652059)", "date(2026, 1, 1) + timedelta(days=59)", "date(2026, 3, 1) - timedelta(days=1)",
    "date(2024, 3, 1) - timedelta(days=1)", "date(2026, 1, 1) + timedelta(hours=47)",
    "date(2026, 1, 1) - timedelta(seconds=1)", "timedelta(days=10) + date(2026, 12, 25)",
    "date.min", "date.max", "date.resolution",
]

DATETIMES = [
    "datetime(2026, 1, 1)", "datetime(2026, 1, 1, 0, 0, 1)", "datetime(2026, 1, 1, 0, 0, 0, 1)",
    "datetime(2026, 7, 4, 13, 45, 30, 123456)", "datetime(1, 1, 1)", "datetime(9999, 12, 31, 23, 59, 59, 999999)",
    "datetime(2026, 1, 1, tzinfo=timezone.utc)", "datetime(2026, 1, 1, 12, 30, tzinfo=timezone(timedelta(hours=5, minutes=30)))",
    "datetime(2026, 1, 1, tzinfo=timezone(timedelta(hours=-8), 'PST'))", "datetime(2026, 1, 1, fold=1)",
    "datetime(2026, 1, 1, 1, 2, 3, tzinfo=timezone(timedelta(seconds=-3723, microseconds=5)))",
    "datetime(2026, 1, 31) + timedelta(days=1)", "datetime(2026, 12, 31, 23, 59, 59) + timedelta(seconds=1)",
    "datetime(2024, 2, 28, 12) + timedelta(hours=12)", "datetime(2026, 1, 1) - timedelta(microseconds=1)",
    "datetime(2026, 1, 1) + timedelta(days=-36500, seconds=-1)", "timedelta(hours=1) + datetime(2026, 1, 1)",
    "datetime(2026, 1, 1, tzinfo=timezone.utc) + timedelta(hours=30)",
    "datetime.min", "datetime.max", "datetime.resolution",
    "datetime.combine(date(2026, 2, 3), time(4, 5, 6, 7))",
    "datetime.combine(date(2026, 2, 3), time(4, 5, tzinfo=timezone.utc))",
    "datetime.combine(datetime(2026, 2, 3, 9), time(1), tzinfo=timezone(timedelta(hours=1)))",
    "datetime.fromordinal(739617)",
]

TIMES = [
    "time()", "time(12)", "time(12, 30)", "time(12, 30, 15)", "time(12, 30, 15, 500)",
    "time(23, 59, 59, 999999)", "time(1, tzinfo=timezone.utc)", "time(1, 2, tzinfo=timezone(timedelta(hours=-2)))",
    "time(0, 0, fold=1)", "time.min", "time.max", "time.resolution",
]

ZONES = [
    "timezone.utc", "timezone(timedelta(0))", "timezone(timedelta(0), 'Z')", "timezone(timedelta(hours=1))",
    "timezone(timedelta(hours=-1))", "timezone(timedelta(hours=5, minutes=45))",
    "timezone(timedelta(hours=-9, minutes=-30), 'Marquesas')", "timezone(timedelta(seconds=1))",
    "timezone(timedelta(microseconds=-1))", "timezone(timedelta(hours=23, minutes=59))",
    "timezone.min", "timezone.max",
]

ERRORS = [
    "date(0, 1, 1)", "date(10000, 1, 1)", "date(2026, 0, 1)", "date(2026, 13, 1)", "date(2026, 2, 29)",
    "date(2026, 4, 31)", "date(2026, 1, 0)", "date(2026.0, 1, 1)", "date('2026', 1, 1)", "date(2026, 1)",
    "date(2026, 1, 1, 1)", "datetime(2026, 1, 1, 24)", "datetime(2026, 1, 1, 0, 60)", "datetime(2026, 1, 1, 0, 0, 60)",
    "datetime(2026, 1, 1, 0, 0, 0, 1000000)", "datetime(2026, 1, 1, -1)", "datetime(2026, 1, 1, fold=2)",
    "datetime(2026, 1, 1, tzinfo=5)", "datetime(2026, 1, 1, tzinfo='UTC')", "datetime(2026)",
    "time(24)", "time(0, 0, 0, -1)", "time(tzinfo=1)",
    "timedelta(days=1000000000)", "timedelta(days=-1000000000)", "timedelta(seconds='1')", "timedelta(days=None)",
    "timedelta(days=float('inf'))", "timedelta(days=float('nan'))", "timedelta(1e10)",
    "timezone(5)", "timezone(timedelta(hours=24))", "timezone(timedelta(hours=-24))", "timezone(timedelta(0), 5)",
    "timedelta(1) / 0", "timedelta(1) // 0", "timedelta(1) / 0.0", "timedelta(1) / timedelta(0)",
    "timedelta(1) // timedelta(0)", "timedelta(1) % timedelta(0)", "timedelta(1) * timedelta(1)",
    "timedelta(1) + 1", "1 - timedelta(1)", "timedelta(1) < 1", "timedelta(1) * 'a'", "timedelta(1) % 2",
    "timedelta(1) // 1.5", "datetime(2026, 1, 1) + 1", "datetime(2026, 1, 1) + datetime(2026, 1, 1)",
    "date(2026, 1, 1) - datetime(2026, 1, 1)", "datetime(2026, 1, 1) - date(2026, 1, 1)",
    "datetime(2026, 1, 1) - datetime(2026, 1, 1, tzinfo=timezone.utc)",
    "datetime(2026, 1, 1) < datetime(2026, 1, 1, tzinfo=timezone.utc)",
    "time(1) < time(1, tzinfo=timezone.utc)", "datetime.max + timedelta(1)", "datetime.min - timedelta(1)",
    "date.max + timedelta(1)", "date.min - timedelta(1)", "date(2026, 1, 1) + timedelta(days=10**8)",
    "date.fromordinal(0)", "date.fromordinal(3652060)", "datetime(2026, 1, 1).isoformat(timespec='nanos')",
    "datetime.fromisoformat('x')", "datetime.fromisoformat('2026-13-01')", "date.fromisoformat('2026-1-1')",
    "date.fromisoformat('2026-01-01T00:00')", "time.fromisoformat('25:00')", "datetime.fromisoformat(5)",
    "datetime(2026, 1, 1).strftime(5)", "datetime.fromtimestamp(float('nan'))", "datetime.fromtimestamp('1')",
    "datetime(2026, 1, 1).replace(month=13)", "date(2026, 1, 31).replace(month=2)", "datetime(2026, 1, 1).nosuch",
    "timedelta(1).nosuch",
]

BLOCKS = []
for group in (DELTAS, DATES, DATETIMES, TIMES, ZONES):
    for e in group:
        BLOCKS.append(IMPORT + "x = %s\nprint(repr(x))\nprint(str(x))" % e)
for e in ERRORS:
    BLOCKS.append(IMPORT + "print(repr(%s))" % e)

BLOCKS += [IMPORT + b for b in [
    # timedelta arithmetic
    "a = timedelta(days=1, hours=2, minutes=3, seconds=4, microseconds=5)\nb = timedelta(hours=5, microseconds=7)\nprint(a + b, a - b, b - a, -a, +a, abs(-a), abs(a), a * 3, 3 * a, a * -2, a * 0, a * True)",
    "a = timedelta(days=1, hours=2, minutes=3, seconds=4, microseconds=5)\nprint(a * 1.5, 0.1 * a, a * -0.3, a * 1e-9, a * (1/3), a / 3, a / -7, a / 2.5, a / 1e9, a // 3, a // -7)",
    "a = timedelta(days=1, hours=2, minutes=3, seconds=4, microseconds=5)\nh = timedelta(hours=1)\nprint(a / h, a // h, a % h, divmod(a, h), -a / h, -a // h, -a % h, divmod(-a, h), a / timedelta(microseconds=3))",
    "for us in [1, 2, 3, 5, 7, 11, 499999, 500000, 500001, 1500000, 2500000, -1, -2, -3, -500000, -1500000]:\n    t = timedelta(microseconds=us)\n    print(us, t / 2, t / 4, t * 0.5, t * 0.25, t * 1.5, t / 3, t // 2, t / 2.0)",
    "print(timedelta(1).total_seconds(), timedelta(microseconds=1).total_seconds(), timedelta(-1, 1, 1).total_seconds(), timedelta.max.total_seconds(), timedelta.min.total_seconds(), timedelta(seconds=0.1).total_seconds())",
    "t = timedelta(days=-2, seconds=3, microseconds=4)\nprint(t.days, t.seconds, t.microseconds, bool(t), bool(timedelta()), timedelta(0) == timedelta(), timedelta(1) == 1, timedelta(1) != timedelta(1, 1))",
    "ts = [timedelta(1), timedelta(-1), timedelta(0, 1), timedelta(0, 0, 1), timedelta(0, 0, -1), timedelta()]\nprint(sorted(ts), max(ts), min(ts), sum(ts, timedelta()))\nprint(timedelta(1) < timedelta(2), timedelta(1) <= timedelta(1), timedelta(1) > timedelta(0, 86399), timedelta(1) >= timedelta(2))",
    "print(hash(timedelta(1)) == hash(timedelta(hours=24)), {timedelta(1): 'a'}[timedelta(seconds=86400)], len({timedelta(0), timedelta(), timedelta(1)}))",
    "print(timedelta(hours=1) * 2.5 == timedelta(hours=2, minutes=30), timedelta(weeks=1) / timedelta(days=1), timedelta(days=365) // timedelta(weeks=1), str(timedelta(days=365) % timedelta(weeks=1)))",
    # dates
    "d = date(2026, 7, 4)\nprint(d.year, d.month, d.day, d.weekday(), d.isoweekday(), d.toordinal(), d.isoformat(), str(d), d.ctime())",
    "for y, m, dd in [(2026, 1, 1), (2025, 12, 29), (2024, 12, 30), (2027, 1, 3), (2020, 12, 31), (2021, 1, 3), (2026, 12, 28), (2015, 12, 31), (2016, 1, 3), (1, 1, 1), (9999, 12, 31)]:\n    c = date(y, m, dd).isocalendar()\n    print(y, m, dd, c[0], c[1], c[2], date(y, m, dd).weekday())",
    "d = date(2024, 2, 29)\nprint(d.replace(year=2028), d.replace(day=1), d.replace(month=3, day=31), d.replace())",
    "print(date(2026, 3, 1) - date(2026, 2, 1), date(2026, 1, 1) - date(2027, 1, 1), date(9999, 12, 31) - date(1, 1, 1))",
    "ds = [date(2026, 5, 1), date(2025, 1, 1), date(2026, 4, 30)]\nprint(sorted(ds), max(ds), date(2026, 1, 1) == date(2026, 1, 1), date(2026, 1, 1) < date(2026, 1, 2), date(2026, 1, 1) == datetime(2026, 1, 1), len({date(2026, 1, 1), date(2026, 1, 1)}))",
    "for n in [1, 59, 60, 365, 366, 730119, 730120, 730485, 739617, 3652059, 146097, 146096, 36524, 36525, 1461, 1460]:\n    d = date.fromordinal(n)\n    print(n, d, d.toordinal() == n)",
    "for y in [1, 4, 100, 200, 400, 1900, 2000, 2024, 2026, 2100, 9996]:\n    print(y, date(y, 12, 31).toordinal() - date(y, 1, 1).toordinal() + 1, date(y, 3, 1) - date(y, 2, 1))",
    # datetimes
    "d = datetime(2026, 7, 4, 13, 45, 30, 123456)\nprint(d.year, d.month, d.day, d.hour, d.minute, d.second, d.microsecond, d.tzinfo, d.fold, d.weekday(), d.isoweekday(), d.toordinal())\nprint(d.date(), d.time(), d.timetz(), d.ctime(), d.utcoffset(), d.tzname(), d.dst())",
    "d = datetime(2026, 7, 4, 13, 45, 30, 123456)\nfor ts in ['auto', 'hours', 'minutes', 'seconds', 'milliseconds', 'microseconds']:\n    print(d.isoformat(timespec=ts), d.replace(microsecond=0).isoformat(timespec=ts), d.isoformat(' ', ts), d.isoformat(sep='_'))",
    "tz = timezone(timedelta(hours=-3, minutes=-30))\nd = datetime(2026, 7, 4, 13, 45, 30, tzinfo=tz)\nprint(d.isoformat(), str(d), d.utcoffset(), d.tzname(), d.dst(), d.timetz(), repr(d.timetz()), d.astimezone(timezone.utc), d.astimezone(timezone(timedelta(hours=9))), d.astimezone(tz) is d)",
    "d = datetime(2026, 1, 1, 0, 30)\nprint(d.astimezone(), d.astimezone(timezone.utc), repr(d.astimezone(timezone(timedelta(hours=2), 'X'))))",
    "a = datetime(2026, 1, 1, 12, tzinfo=timezone(timedelta(hours=2)))\nb = datetime(2026, 1, 1, 10, tzinfo=timezone.utc)\nprint(a == b, a - b, a < b, a <= b, hash(a) == hash(b), datetime(2026, 1, 1) == datetime(2026, 1, 1, tzinfo=timezone.utc), a != datetime(2026, 1, 1))",
    "a = datetime(2026, 3, 1, 12)\nb = datetime(2024, 2, 29, 13, 30, 15, 500)\nprint(a - b, b - a, (a - b).total_seconds(), a > b, sorted([a, b, datetime.min]), max(a, b))",
    "d = datetime(2026, 7, 4, 13, 45, 30, 123456)\nprint(d.replace(year=2000), d.replace(hour=0, minute=0, second=0, microsecond=0), d.replace(tzinfo=timezone.utc), d.replace(tzinfo=timezone.utc).replace(tzinfo=None), repr(d.replace(fold=1)))",
    "for ts in [0, 1, -1, 0.5, 1.5, 2.5, -0.5, 1e-7, 5e-7, 1.5e-6, 2.5e-6, 1767225600, 1767225600.1, 1767225600.123456, 1767225600.9999996, 86399.9999999, 253402300799, -62135596800, 2**31]:\n    print(ts, datetime.fromtimestamp(ts), datetime.utcfromtimestamp(ts), datetime.fromtimestamp(ts, timezone.utc), datetime.fromtimestamp(ts, timezone(timedelta(hours=-5))), date.fromtimestamp(ts))",
    "for d in [datetime(1970, 1, 1), datetime(2026, 1, 1), datetime(2026, 1, 1, 0, 0, 0, 100000), datetime(2026, 7, 4, 13, 45, 30, 123456), datetime(1, 1, 1), datetime(9999, 12, 31, 23, 59, 59, 999999), datetime(1969, 12, 31, 23, 59, 59, 999999)]:\n    print(d, d.timestamp(), d.replace(tzinfo=timezone.utc).timestamp(), d.replace(tzinfo=timezone(timedelta(hours=3))).timestamp())",
    "print(datetime.fromtimestamp(1767225600.5).timestamp(), datetime.fromtimestamp(datetime(2026, 5, 5, 5, 5, 5, 5).timestamp()))",
    # strftime and format
    "d = datetime(2026, 7, 4, 13, 5, 9, 12345)\nfor f in 'aAbBCdDefFgGhHIjmMnprRStTuUVwWxXyYzZ%':\n    print(f, repr(d.strftime('%' + f)))",
    "for d in [datetime(2026, 1, 1), datetime(2025, 12, 29, 0, 0), datetime(2027, 1, 3, 12), datetime(2024, 12, 31, 23), datetime(2026, 12, 31, 12)]:\n    print(d.strftime('%a %A %b %B %j %U %W %V %G %g %u %w %I %p %y %Y %C %e|'))",
    "d = datetime(2026, 7, 4, 13, 5, 9, tzinfo=timezone(timedelta(hours=-4, seconds=-30), 'EDT'))\nprint(d.strftime('%z %Z %H:%M %%z'), datetime(2026, 1, 1, tzinfo=timezone.utc).strftime('%z|%Z'), datetime(2026, 1, 1).strftime('[%z|%Z]'), datetime(2026, 1, 1, tzinfo=timezone(timedelta(microseconds=1))).strftime('%z'))",
    "print(date(2026, 7, 4).strftime('%Y-%m-%d %H:%M:%S %f %z %Z %a'), time(13, 5, 9, 7).strftime('%Y-%m-%d %H:%M:%S.%f %j %a %p'), time(1, tzinfo=timezone.utc).strftime('%z %Z'))",
    "d = datetime(2026, 7, 4, 13, 5, 9)\nprint(f'{d:%Y/%m/%d}', f'{d}', f'{d:%H}h', format(d, '%x %X'), '{:%B %d, %Y}'.format(d), f'{date(2026, 1, 2):%d.%m.%Y}', f'{time(3, 4):%H-%M}', f'{d!r}')",
    "print(datetime(2026, 1, 1).strftime(''), datetime(2026, 1, 1).strftime('no directives'), datetime(2026, 1, 1).strftime('héllo %Y ✓'))",
    # fromisoformat
    "for s in ['2026-01-02', '2026-01-02T03', '2026-01-02T03:04', '2026-01-02T03:04:05', '2026-01-02 03:04:05.6', '2026-01-02T03:04:05.123456', '2026-01-02T03:04:05.1234567', '2026-01-02T03:04:05,5', '2026-01-02T03:04:05Z', '2026-01-02T03:04:05+01:00', '2026-01-02T03:04:05-05:30', '2026-01-02T03:04:05+0100', '2026-01-02T03:04:05+01:00:30', '20260102', '20260102T030405', '2026-01-02T030405', '2026-01-02X03:04']:\n    try:\n        print(s, repr(datetime.fromisoformat(s)))\n    except ValueError as e:\n        print(s, 'ValueError', e)",
    "for s in ['03:04', '03:04:05', '03:04:05.5', '03:04:05+02:00', 'T03:04', '030405', '03', '3:04', '03:04:5']:\n    try:\n        print(s, repr(time.fromisoformat(s)))\n    except ValueError as e:\n        print(s, 'ValueError', e)",
    "for s in ['2026-01-02', '20260102', '2026-02-30', '2026-01-02 ', '']:\n    try:\n        print(s, repr(date.fromisoformat(s)))\n    except ValueError as e:\n        print(s, 'ValueError', e)",
    "d = datetime(2026, 7, 4, 13, 45, 30, 123456, tzinfo=timezone(timedelta(hours=-7)))\nprint(datetime.fromisoformat(d.isoformat()) == d, repr(datetime.fromisoformat(str(d))), date.fromisoformat(d.date().isoformat()))",
    # time objects
    "t = time(13, 45, 30, 123456, tzinfo=timezone(timedelta(hours=1)))\nprint(t.hour, t.minute, t.second, t.microsecond, t.tzinfo, t.fold, t.isoformat(), t.isoformat('minutes'), t.utcoffset(), t.tzname(), t.replace(hour=1), t.replace(tzinfo=None))",
    "print(time(1) < time(2), time(1, 30) == time(1, 30), time(1) == time(1, tzinfo=timezone.utc), time(3, tzinfo=timezone(timedelta(hours=2))) == time(1, tzinfo=timezone.utc), sorted([time(5), time(1), time(3, 30)]), time(0) == 0, {time(1): 1}[time(1)])",
    # zones
    "tz = timezone(timedelta(hours=5, minutes=30))\nprint(tz.utcoffset(None), tz.tzname(None), tz.dst(None), tz == timezone(timedelta(minutes=330), 'IST'), tz != timezone.utc, timezone.utc == timezone(timedelta(0)), hash(tz) == hash(timezone(timedelta(minutes=330))))",
    "tz = timezone(timedelta(hours=-2))\nprint(tz.fromutc(datetime(2026, 1, 1, tzinfo=tz)), tz.utcoffset(datetime(2026, 1, 1)), timezone.utc.tzname(None), str(timezone(timedelta(hours=-2, minutes=-15))))",
    # module
    "import datetime as dt\nprint(dt.MINYEAR, dt.MAXYEAR, dt.UTC, dt.UTC == dt.timezone.utc, dt.datetime, dt.date, dt.time, dt.timedelta, dt.timezone, dt.tzinfo)",
    "import datetime as dt\nprint(type(dt.datetime(2026, 1, 1)), type(dt.date(2026, 1, 1)), type(dt.timedelta()), type(dt.timezone.utc), type(dt.time()), dt.datetime.__name__, dt.timedelta.__module__)",
    "import datetime as dt\nprint(isinstance(dt.datetime(2026, 1, 1), dt.date), isinstance(dt.date(2026, 1, 1), dt.datetime), isinstance(dt.timezone.utc, dt.tzinfo), issubclass(dt.datetime, dt.date), isinstance(dt.timedelta(), dt.timedelta))",
]]


RUNNER = r"""
import sys, io, json, contextlib, warnings, os, time
warnings.simplefilter('ignore')
os.environ['TZ'] = 'UTC0'
if hasattr(time, 'tzset'):
    time.tzset()
cases = json.load(open(sys.argv[1]))
res = []
for name, src in cases:
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        try:
            exec(compile(src, '<case>', 'exec'), {'__name__': '__main__'})
        except BaseException as e:
            print('UNCAUGHT', type(e).__name__, e)
    res.append(buf.getvalue())
json.dump(res, open(sys.argv[2], 'w'))
"""


def program_for_block(block):
    lines = block.splitlines()
    imports = [ln for ln in lines if ln.startswith(("import ", "from "))]
    body = "\n".join("    " + ln for ln in lines if ln not in imports)
    return ("%s\ntry:\n%s\nexcept Exception as e:\n    print(type(e).__name__ + ':', e)\n"
            % ("\n".join(imports), body))


def cases():
    return [("dt%03d" % i, program_for_block(b)) for i, b in enumerate(BLOCKS)]


def main():
    write_case_table(OUT, "gen_datetime_cases.py", cases(), RUNNER)


if __name__ == "__main__":
    main()
