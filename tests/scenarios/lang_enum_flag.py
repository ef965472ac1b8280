import asyncio
import enum
from enum import Flag, IntFlag, auto


class Perm(Flag):
    READ = 4
    WRITE = 2
    EXEC = 1
    ALL = 7


class Event(Flag):
    NONE = 0
    CONNECT = auto()
    DATA = auto()
    CLOSE = auto()
    LIFECYCLE = CONNECT | CLOSE


class Mask(IntFlag):
    READABLE = 1
    WRITABLE = 2
    ERROR = 8


def describe(p):
    return f"{p!s:<22} {p!r:<28} {len(p)} {[m.name for m in p]} {bool(p)}"


async def worker(name, wanted, granted, delay):
    await asyncio.sleep(delay)
    missing = wanted & ~granted
    if missing:
        print(name, "denied, missing", missing, repr(missing))
        return None
    print(name, "ok:", [m.name for m in wanted], wanted in granted)
    return wanted


async def events(queue):
    seen = Event.NONE
    while True:
        ev = await queue.get()
        seen |= ev
        print("event", ev, "seen", repr(seen), Event.LIFECYCLE in seen)
        if ev is Event.CLOSE:
            return seen


async def main():
    print(list(Perm), len(Perm), Perm.ALL, repr(Perm.ALL), list(Perm.__members__))
    rw = Perm.READ | Perm.WRITE
    for p in (Perm.READ, rw, Perm.ALL, ~Perm.READ, Perm(0), rw ^ Perm.ALL, Perm(-1)):
        print(describe(p))
    print(Perm(6) is rw, Perm["EXEC"], Perm.READ in rw, Perm.EXEC in rw, rw & Perm.EXEC)
    granted = {"alice": Perm.ALL, "bob": Perm.READ, "carol": rw}
    results = await asyncio.gather(
        worker("alice", Perm.READ | Perm.EXEC, granted["alice"], 0.2),
        worker("bob", Perm.WRITE, granted["bob"], 0.1),
        worker("carol", rw, granted["carol"], 0.3),
    )
    print(results)

    print(list(Event), repr(Event.LIFECYCLE), Event.NONE, repr(~Event.DATA), bool(Event.NONE))
    q = asyncio.Queue()
    task = asyncio.create_task(events(q))
    for ev in (Event.CONNECT, Event.DATA, Event.DATA, Event.CLOSE):
        await q.put(ev)
        await asyncio.sleep(0.05)
    print("all seen:", repr(await task))

    ready = Mask.READABLE | Mask.WRITABLE
    print(ready, repr(ready), ready + 1, ready == 3, isinstance(ready, int), f"{ready:04b}")
    print(repr(Mask(11)), repr(Mask(16 | 1)), repr(~Mask.READABLE), repr(Mask(0)), Mask(0))
    print(repr(ready & 1), repr(5 | Mask.WRITABLE), sorted([Mask.ERROR, Mask.READABLE]))
    print(enum.Flag, Perm, Mask.__name__, issubclass(Mask, int), {Perm.READ: "r"}[Perm(4)])

    for bad in (lambda: Perm(8), lambda: Perm.READ | 1, lambda: 1 in Perm.READ, lambda: Perm("r")):
        try:
            bad()
        except (ValueError, TypeError) as e:
            print(type(e).__name__ + ":", e)


asyncio.run(main())
