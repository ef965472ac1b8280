import asyncio
import enum
from enum import Enum, IntEnum, StrEnum, auto, unique


class State(Enum):
    IDLE = auto()
    CONNECTING = auto()
    CONNECTED = auto()
    CLOSED = auto()

    def is_open(self):
        return self is State.CONNECTED


class Priority(IntEnum):
    LOW = 1
    NORMAL = 5
    HIGH = 10


class Mode(StrEnum):
    READ = auto()
    WRITE = "w"


class Planet(Enum):
    MERCURY = (3.303e23, 2.4397e6)
    EARTH = (5.976e24, 6.37814e6)

    def __init__(self, mass, radius):
        self.mass = mass
        self.radius = radius

    @property
    def density_class(self):
        return "heavy" if self.mass > 1e24 else "light"


class Color(Enum):
    RED = 1
    GREEN = 2
    CRIMSON = 1


class Connection:
    def __init__(self, name):
        self.name = name
        self.state = State.IDLE

    async def connect(self, delay):
        self.state = State.CONNECTING
        print(f"{self.name}: {self.state}")
        await asyncio.sleep(delay)
        self.state = State.CONNECTED
        print(f"{self.name}: {self.state.name} open={self.state.is_open()}")

    async def close(self):
        await asyncio.sleep(0)
        self.state = State.CLOSED
        print(f"{self.name}: {self.state!r}")


async def worker(queue):
    while not queue.empty():
        prio, job = await queue.get()
        print("job", job, "at", Priority(prio).name, int(prio))
        queue.task_done()


async def main():
    conns = [Connection("a"), Connection("b")]
    await asyncio.gather(conns[0].connect(0.2), conns[1].connect(0.1))
    await asyncio.gather(*(c.close() for c in conns))

    print(list(State), len(State), State(2), State["CLOSED"], State.IDLE in State)
    print(repr(State.IDLE), str(State.IDLE), f"{State.IDLE}", f"[{State.IDLE:>12}]", State.IDLE.value)
    print(State.IDLE == State.IDLE, State.IDLE != State.CLOSED, State.IDLE == 1, hash(State.IDLE) == hash(State.IDLE))
    print({State.IDLE: "idle"}[State.IDLE], isinstance(State.IDLE, State), type(State.CLOSED).__name__)
    print([s.name for s in State], State.__members__.keys() == {"IDLE", "CONNECTING", "CONNECTED", "CLOSED"})

    print(repr(Priority.HIGH), str(Priority.HIGH), f"{Priority.HIGH}", format(Priority.LOW, "03d"))
    print(Priority.HIGH > Priority.LOW, Priority.NORMAL == 5, Priority.HIGH + 1, 2 * Priority.NORMAL)
    print(sorted([Priority.HIGH, Priority.LOW, Priority.NORMAL]), Priority(10), Priority.LOW < 3)
    print(max(Priority), min(Priority).name, Priority.HIGH.bit_length())
    print(State, repr(Priority), isinstance(Priority.LOW, int), isinstance(Mode.READ, str), isinstance(State.IDLE, int))

    print(repr(Mode.READ), str(Mode.WRITE), Mode.READ == "read", Mode.WRITE.upper(), f"{Mode.READ}")
    print(Planet.EARTH.mass, Planet.MERCURY.radius, Planet.EARTH.density_class, Planet.MERCURY.value)
    print(Color.CRIMSON is Color.RED, list(Color), Color(1).name, len(Color))
    try:
        unique(Color)
    except ValueError as e:
        print("ValueError:", e)
    for bad in (lambda: State(9), lambda: State["NOPE"], lambda: Priority(3)):
        try:
            bad()
        except (ValueError, KeyError) as e:
            print(type(e).__name__, e)

    queue = asyncio.PriorityQueue()
    for prio, job in [(Priority.LOW, "cleanup"), (Priority.HIGH, "alert"), (Priority.NORMAL, "sync")]:
        queue.put_nowait((prio, job))
    await worker(queue)

    match conns[0].state:
        case State.CLOSED:
            print("matched closed")
        case _:
            print("no match")


asyncio.run(main())
