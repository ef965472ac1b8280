# datetime on the simulated clock (DESIGN.md section 4): now(), today() and
# now(tz) are fromtimestamp(time.time()), time.time() being
# 2026-01-01T00:00:00Z plus the virtual clock, and the local zone is UTC.
# Tasks that sleep see the clock move by exactly their delays; differences
# of datetimes are timedeltas, formatted by isoformat/strftime/str.
import asyncio
import time
from datetime import date, datetime, timedelta, timezone

START = datetime.now()
print("start", START, repr(START), date.today(), datetime.today() == START)
print("utc", datetime.now(timezone.utc), datetime.now(timezone.utc).timestamp(), time.time())


async def job(name, delay, log):
    began = datetime.now()
    await asyncio.sleep(delay)
    ended = datetime.now()
    log.append((ended, name))
    print(name, began.strftime("%H:%M:%S.%f"), ended.isoformat(timespec="milliseconds"),
          ended - began, (ended - START).total_seconds())


async def deadline_loop():
    # A loop bounded by a wall-clock deadline, as real code writes it.
    deadline = datetime.now() + timedelta(seconds=1)
    ticks = 0
    while datetime.now() < deadline:
        await asyncio.sleep(0.3)
        ticks += 1
    print("ticks before deadline", ticks, datetime.now() - deadline)


async def main():
    log = []
    await asyncio.gather(job("slow", 2.5, log), job("fast", 0.1, log), job("tiny", 0.000001, log),
                         job("third", 1 / 3, log), deadline_loop())
    print("order", [name for _, name in sorted(log)])
    now = datetime.now()
    print("after gather", now, now - START, now.timestamp() - START.timestamp())
    east = timezone(timedelta(hours=9), "JST")
    print("zones", datetime.now(east), datetime.now(east).tzname(), now.astimezone(east),
          f"{datetime.now(east):%Y-%m-%d %H:%M %z %Z}")
    time.sleep(60)  # blocks: the clock jumps by a minute
    print("after sleep", datetime.now(), datetime.fromtimestamp(time.time()),
          str(datetime.now() - now))
    stamp = datetime.now().replace(microsecond=0)
    print("report", stamp.strftime("%A %d %B %Y, %I:%M %p"), stamp.isoformat(" "),
          stamp.date().isocalendar()[1], (stamp - START) // timedelta(seconds=1))


asyncio.run(main())
print("end", datetime.now() - START)
