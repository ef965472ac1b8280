# typing.NamedTuple as a class's base, as a probe's result type in an
# asyncio program: fields from the annotated names, defaults, methods,
# properties and class attributes from the body, the functional form,
# a subclass, and the errors of a bad body.
import asyncio
from typing import NamedTuple
import typing


class Probe(NamedTuple):
    """What one lookup found."""
    host: str
    found: bool = False
    tries: int = 1

    def label(self):
        return f"{self.host}:{'up' if self.found else 'down'}"

    @property
    def name(self):
        return self.host.split(".")[0]

    KIND = "dns"


async def probe(host, delay):
    await asyncio.sleep(delay)
    return Probe(host, found=len(host) % 2 == 0, tries=int(delay * 10))


async def main():
    results = await asyncio.gather(*(probe(h, len(h) / 20) for h in ["ab.io", "abc.io", "x.dev"]))
    for r in results:
        print(r, r.label(), r.name)
    up = [r.host for r in results if r.found]
    print("up:", up)


asyncio.run(main())

r = Probe("a.com", True)
print(r, Probe.KIND, Probe._fields, Probe._field_defaults, Probe.__doc__)
print(r._replace(tries=3), r._asdict(), tuple(r), r == ("a.com", True, 1))
host, found, tries = r
print(host, found, tries, isinstance(r, tuple), type(r).__name__, len(r), r[0])
print(Probe("b.org"), list(Probe.__annotations__))
print(repr(Probe), Probe.__name__, Probe.__module__)

Point = NamedTuple("Point", [("x", int), ("y", int)])
p = Point(1, 2)
print(p, Point._fields, p.x + p.y)
print(typing.NamedTuple("Empty", [])())


class Retried(Probe):
    def label(self):
        return "retried " + super().label()


print(Retried("c.net", tries=2).label(), Retried("c.net"))

try:
    class Bad(NamedTuple):
        x: int = 0
        y: int
except TypeError as e:
    print("TypeError:", e)
try:
    class Bad2(NamedTuple):
        x: int
        y: int = 1
        z: int = 2
        w: str
except TypeError as e:
    print("TypeError:", e)
try:
    class Bad3(NamedTuple):
        x: int

        def _asdict(self):
            return {}
except AttributeError as e:
    print("AttributeError:", e)
