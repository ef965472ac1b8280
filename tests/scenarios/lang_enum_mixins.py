import asyncio
import json
from enum import Enum, IntEnum, StrEnum


class Status(str, Enum):
    PENDING = "pending"
    RUNNING = "running"
    DONE = "done"

    def label(self):
        return self.value.title()


class Priority(int, Enum):
    LOW = 1
    HIGH = 5


class Level(IntEnum):
    INFO = 20


class Mode(StrEnum):
    FAST = "fast"


async def job(name, prio, states):
    for st in states:
        await asyncio.sleep(0.1 * prio)
        print(f"{name}: {st} ({st.label()}) prio={prio!r}", st == st.value, "%s" % st)
    return {"name": name, "status": states[-1], "prio": prio}


async def main():
    print(list(Status), Status("done"), Status["RUNNING"], Status.DONE in Status)
    print(Status.PENDING, repr(Status.PENDING), f"{Status.PENDING}", str(Status.RUNNING))
    print(Status.PENDING == "pending", Status.PENDING.upper(), "x-" + Status.DONE, len(Status.DONE))
    print(Status.DONE[0], list(Status.DONE)[:2], "on" in Status.DONE, sorted(Status)[0])
    print(isinstance(Status.DONE, str), issubclass(Priority, int), {"done": 1}[Status.DONE])
    print(Priority.HIGH, repr(Priority.LOW), Priority.HIGH + 1, Priority.LOW < Priority.HIGH)
    print("%d|%s|%r" % (Priority.HIGH, Priority.HIGH, Priority.LOW), hash(Priority.LOW) == hash(1))
    results = await asyncio.gather(
        job("a", Priority.HIGH, [Status.RUNNING, Status.DONE]),
        job("b", Priority.LOW, [Status.PENDING, Status.RUNNING, Status.DONE]),
    )
    print(json.dumps(results), json.dumps([Level.INFO, Mode.FAST, Priority.LOW]))
    print("%s %d %s" % (Mode.FAST, Level.INFO, Level.INFO), len(Mode.FAST), Mode.FAST[1:])


asyncio.run(main())
