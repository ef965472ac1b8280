# Generators: yield, send, return values, StopIteration, close/throw,
# generator objects' attributes, feeding a queue from a generator.
import asyncio


def countdown(n):
    print("countdown starts", n)
    while n > 0:
        reply = yield n
        if reply is not None:
            print("countdown got", reply)
            n = reply
        else:
            n -= 1
    return "liftoff"


def averager():
    total = 0.0
    count = 0
    average = None
    while True:
        value = yield average
        if value is None:
            break
        total += value
        count += 1
        average = total / count
    return (count, average)


def guarded(name):
    try:
        print(name, "opened")
        yield 1
        yield 2
    except ValueError as e:
        print(name, "caught", e)
        yield "recovered"
    finally:
        print(name, "closed")


def stubborn():
    try:
        yield 1
    except GeneratorExit:
        print("stubborn ignores GeneratorExit")
        yield 2


def returns_on_close():
    try:
        yield 1
    except GeneratorExit:
        return "closing value"


async def producer(q, gen):
    for item in gen:
        await q.put(item)
        print("put", item, "at", asyncio.get_running_loop().time())
        await asyncio.sleep(0.5)
    await q.put(None)


async def consumer(q):
    while True:
        item = await q.get()
        if item is None:
            break
        print("consumed", item)


async def main():
    g = countdown(3)
    # The address differs from CPython's; the rest of the repr is the same.
    print(repr(g).split(" at 0x")[0], str([g]).split(" at 0x")[0])
    print(type(g).__name__, g.__name__, g.__qualname__, g.gi_running, g.gi_suspended)
    print(next(g))
    print(g.gi_suspended)
    print(g.send(5))
    print(next(g), next(g))
    try:
        while True:
            next(g)
    except StopIteration as e:
        print("StopIteration value:", e.value, e.args)
    print(next(g, "default"))
    try:
        next(g)
    except StopIteration as e:
        print("again:", repr(e))

    avg = averager()
    next(avg)
    for v in [10, 20, 30]:
        print("average", avg.send(v))
    try:
        avg.send(None)
    except StopIteration as e:
        print("averager returned", e.value)

    fresh = countdown(1)
    try:
        fresh.send(1)
    except TypeError as e:
        print("TypeError:", e)

    g = guarded("a")
    print(next(g))
    print(g.throw(ValueError("bad")))
    try:
        next(g)
    except StopIteration:
        print("a finished")
    g = guarded("b")
    next(g)
    print("close ->", g.close())
    print("close again ->", g.close())
    g = guarded("c")
    print("close unstarted ->", g.close())
    try:
        next(g)
    except StopIteration:
        print("c was never run")

    s = stubborn()
    next(s)
    try:
        s.close()
    except RuntimeError as e:
        print("RuntimeError:", e)

    r = returns_on_close()
    next(r)
    print("returns_on_close close ->", r.close())

    g = guarded("d")
    next(g)
    try:
        g.throw(KeyError, "k")
    except KeyError as e:
        print("KeyError came back:", e)

    q = asyncio.Queue(maxsize=2)
    await asyncio.gather(producer(q, countdown(3)), consumer(q))


asyncio.run(main())
