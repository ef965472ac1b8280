# A parenthesised yield as a with item, the style of pre-3.5 coroutines
# (`with (yield from sem):`): generator steps driven by asyncio tasks,
# each step handing back the context manager the with statement enters.
import asyncio


class Guard:
    def __init__(self, name):
        self.name = name

    def __enter__(self):
        print("  enter", self.name)
        return self.name.upper()

    def __exit__(self, *exc):
        print("  exit", self.name, exc[0].__name__ if exc[0] else None)
        return exc[0] is KeyError


def acquire(name):
    got = yield ("acquire", name)
    return got


def worker(tag):
    with (yield from acquire(tag + "-a")) as held:
        print(" ", tag, "holds", held)
    with (yield ("plain", tag)):
        print(" ", tag, "in a plain yield item")
    with (yield ("first", tag)), (yield ("second", tag)) as second:
        print(" ", tag, "two items, the second as", second)
        raise KeyError(tag)
    with (yield):
        print(" ", tag, "bare yield")
    return tag + " done"


async def drive(tag):
    gen = worker(tag)
    request = gen.send(None)
    while True:
        await asyncio.sleep(0.01)
        name = request[1] + ":" + request[0] if request else tag + ":bare"
        try:
            request = gen.send(Guard(name))
        except StopIteration as stop:
            return stop.value


async def main():
    print(await asyncio.gather(drive("x"), drive("y")))


asyncio.run(main())
