# time.struct_time and the functions that make and read it on the virtual
# clock (gmtime, localtime, mktime, strftime, asctime, ctime: the zone is
# UTC; %Z is left out: Pyodide prints "UTC-0000" where Linux prints "UTC"),
# date/datetime.timetuple(), and datetime.strptime (numeric and
# named directives, %I with %p, %j, %f, %z, whitespace, the locale's %c/%x/
# %X, and CPython's ValueError texts), in tasks that sleep between reads.
import asyncio
import datetime
import time


def show_time(label):
    now = time.gmtime()
    print(label, now.tm_year, now.tm_mon, now.tm_mday, now.tm_hour, now.tm_min, now.tm_sec,
          now.tm_wday, now.tm_yday, now.tm_isdst)
    print("  ", time.strftime("%Y-%m-%d %H:%M:%S %a %b %j %z"), "|", time.asctime(), "|",
          time.ctime())


def parse_all():
    cases = [
        ("2024-03-05 14:07:09", "%Y-%m-%d %H:%M:%S"),
        ("5/3/24", "%d/%m/%y"),
        ("05 March 1970", "%d %B %Y"),
        ("Tue Mar  5 14:07:09 2024", "%c"),
        ("03/05/24 14:07:09", "%x %X"),
        ("12:30 am", "%I:%M %p"),
        ("12:30 PM", "%I:%M %p"),
        ("7 pm", "%I %p"),
        ("2024 060", "%Y %j"),
        ("2024-01-02T03:04:05.12+0530", "%Y-%m-%dT%H:%M:%S.%f%z"),
        ("2024-01-02T03:04:05-08:00", "%Y-%m-%dT%H:%M:%S%z"),
        ("10:00Z", "%H:%M%z"),
        ("mon  jan 5", "%a %b %d"),
        ("100%", "%d%%"),
        ("20240305", "%Y%m%d"),
        ("2024-13-01", "%Y-%m-%d"),
        ("2024-01-01x", "%Y-%m-%d"),
        ("x", "%Q"),
        ("1", "%"),
        ("  5", "%d"),
        ("23:61", "%H:%M"),
    ]
    for text, fmt in cases:
        try:
            print(repr(text), repr(fmt), "->", repr(datetime.datetime.strptime(text, fmt)))
        except ValueError as e:
            print(repr(text), repr(fmt), "-> ValueError:", e)


async def ticker():
    for i in range(3):
        await asyncio.sleep(3725.5)
        show_time(f"tick {i}:")


async def main():
    show_time("start:")
    await ticker()
    t = time.localtime(86400 * 365 + 3600 * 5 + 61)
    print(t, len(t), t[0], tuple(t)[6:])
    print(time.mktime(t), time.mktime((2026, 1, 1, 0, 0, 0, 0, 1, -1)))
    print(time.strftime("%d.%m.%Y", t), time.asctime(t), time.ctime(0), time.gmtime(0)[:6])
    d = datetime.date(2024, 2, 29)
    print(d.timetuple())
    print(datetime.datetime(2024, 12, 31, 23, 59, 58).timetuple())
    print(datetime.datetime.now().timetuple().tm_yday, datetime.date.today().timetuple()[:3])
    parse_all()


asyncio.run(main())
