import asyncio
from dataclasses import dataclass, field, fields, asdict, astuple, replace, is_dataclass
import dataclasses


@dataclass
class Job:
    name: str
    priority: int = 0
    tags: list = field(default_factory=list)
    attempts: int = field(default=0, repr=False, compare=False)


@dataclass(order=True)
class WorkItem:
    priority: int
    data: str = field(compare=False)


@dataclass(frozen=True)
class Point:
    x: float
    y: float = 0.0

    def dist2(self):
        return self.x * self.x + self.y * self.y


@dataclass
class Stats:
    count: int = 0
    total: float = 0.0
    mean: float = field(init=False, default=0.0)

    def __post_init__(self):
        self.mean = self.total / self.count if self.count else 0.0


@dataclass
class Base:
    id: int
    label: str = "base"


@dataclass
class Child(Base):
    extra: bool = False


@dataclass(eq=False)
class Handle:
    value: int


async def worker(name, queue, done):
    while True:
        item = await queue.get()
        print(f"{name} got {item}")
        done.append(item.data)
        queue.task_done()
        await asyncio.sleep(0.01)


async def main():
    j = Job("build", 2)
    print(j, j == Job("build", 2), j == Job("build", 3))
    j.tags.append("ci")
    j.attempts += 1
    print(j, Job("x").tags is not j.tags, j.attempts)
    print(asdict(j), astuple(j))
    print([f.name for f in fields(Job)], is_dataclass(j), is_dataclass(Job), is_dataclass(1))
    print(replace(j, priority=9))

    queue = asyncio.PriorityQueue()
    for prio, data in [(3, "low"), (1, "high"), (2, "mid"), (1, "also high")]:
        queue.put_nowait(WorkItem(prio, data))
    print(WorkItem(1, "a") < WorkItem(2, "b"), WorkItem(1, "a") == WorkItem(1, "b"))
    done = []
    tasks = [asyncio.create_task(worker(f"w{i}", queue, done)) for i in range(2)]
    await queue.join()
    for t in tasks:
        t.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
    print(done)

    p = Point(3.0, 4.0)
    print(p, p.dist2(), hash(p) == hash(Point(3.0, 4.0)), {p: 1}[Point(3.0, 4.0)])
    try:
        p.x = 1.0
    except dataclasses.FrozenInstanceError as e:
        print("frozen:", e, isinstance(e, AttributeError))
    print(Stats(4, 10.0), Stats())
    c = Child(7, extra=True)
    print(c, isinstance(c, Base), asdict(c))
    print(Handle(1) == Handle(1), Base.__match_args__, Child.__match_args__)
    match c:
        case Child(7, label):
            print("matched", label)
    for args, kw in [((), {}), (("a", 1, [], 0, 5), {}), (("a",), {"nope": 1}), (("a",), {"name": "b"})]:
        try:
            Job(*args, **kw)
        except TypeError as e:
            print("TypeError:", e)
    try:
        @dataclass
        class Bad:
            items: list = []
    except ValueError as e:
        print("ValueError:", e)
    try:
        Job.__hash__(j)
    except TypeError as e:
        print("TypeError:", e)
    print(Job.__hash__ is None)


asyncio.run(main())
