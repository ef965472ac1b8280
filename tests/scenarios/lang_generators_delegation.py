# yield from: values, send/throw/close forwarded to the subgenerator, the
# return value, delegation to plain iterables, nested delegation, PEP 479,
# and tracebacks through generator frames.
import asyncio


def leaf(tag):
    received = []
    try:
        while True:
            x = yield f"{tag}-ready"
            if x == "stop":
                break
            received.append(x)
    except KeyError as e:
        print(tag, "leaf handled", repr(e))
        yield f"{tag}-after-error"
    finally:
        print(tag, "leaf finally, received", received)
    return len(received)


def middle(tag):
    print(tag, "middle starts")
    n = yield from leaf(tag)
    print(tag, "leaf returned", n)
    more = yield from [n * 10, n * 100]
    print(tag, "list delegation gave", more)
    return n + 1


def outer(tag):
    result = yield from middle(tag)
    print(tag, "outer got", result)
    yield from range(2)
    yield from "xy"
    return "outer done"


def flatten(items):
    for item in items:
        if isinstance(item, list):
            yield from flatten(item)
        else:
            yield item


def leaky():
    yield 1
    next(iter([]))


def raises_late(n):
    for i in range(n):
        yield i
    raise ValueError(f"after {n}")


def reader(lines):
    for line in lines:
        yield line.strip()


def not_blank(lines):
    for line in lines:
        if line:
            yield line


async def worker(name, jobs):
    for job in jobs:
        print(name, "working on", job)
        await asyncio.sleep(0.25)
    return name


async def main():
    g = outer("A")
    print(next(g))
    print(g.send(1))
    print(g.send(2))
    print(g.gi_yieldfrom is not None)
    print(g.send("stop"))
    print(list(g))

    g = outer("B")
    next(g)
    g.send("v")
    print(g.throw(KeyError("k")))
    print(g.send(None))
    print(next(g), list(g))

    g = outer("C")
    next(g)
    g.send("w")
    g.close()
    print("C closed, running:", g.gi_running)

    print(list(flatten([1, [2, [3, [4]], 5], [[6]]])))

    try:
        for x in leaky():
            print("leaky", x)
    except RuntimeError as e:
        print("RuntimeError:", e, "| cause:", type(e.__cause__).__name__)

    collected = []
    try:
        for v in raises_late(3):
            collected.append(v)
    except ValueError as e:
        print("collected", collected, "then", e)

    pipeline = not_blank(reader(["  alpha ", "", " beta", "   ", "gamma  "]))
    jobs = list(pipeline)
    print("jobs", jobs)
    names = await asyncio.gather(worker("w1", jobs[:2]), worker("w2", (j.upper() for j in jobs[2:])))
    print("done", names)

    def tb_source():
        yield 1
        raise LookupError("deep")

    def tb_middle():
        yield from tb_source()

    for v in tb_middle():
        print("tb value", v)


asyncio.run(main())
