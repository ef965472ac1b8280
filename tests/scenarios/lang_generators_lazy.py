# Generator expressions are lazy generators: consumers that stop early
# (any, all, next, zip, `in`) stop the evaluation; side effects happen in
# order, interleaved with the consumer; every builtin that takes an
# iterable accepts a generator; iter(callable, sentinel).
import asyncio


def noisy(tag, values):
    for v in values:
        print(f"  {tag} yields {v}")
        yield v
    print(f"  {tag} exhausted")


def checked(x):
    print("  checking", x)
    return x > 2


async def ticker(n):
    for i in range(n):
        await asyncio.sleep(0.1)
        yield_time = asyncio.get_running_loop().time()
        print("tick", i, "at", round(yield_time, 2))
    return n


async def main():
    print("any:", any(checked(x) for x in range(10)))
    print("all:", all(x < 3 for x in noisy("all", [1, 2, 5, 1])))
    gen = (x * x for x in noisy("sq", [1, 2, 3]))
    print("created", type(gen).__name__, gen.__name__)
    print("first", next(gen))
    print("rest", list(gen))
    print("empty now", list(gen))
    print("in:", 2 in noisy("in", [1, 2, 3]))
    print("zip:", list(zip(noisy("z1", [1, 2, 3]), noisy("z2", "ab"))))

    print(list(x for x in range(4)), tuple(x for x in "abc"), set(x % 3 for x in range(7)) == {0, 1, 2})
    print(sum(x for x in range(5)), sum((x / 2 for x in range(3)), 10))
    print(sorted(x for x in [3, 1, 2]), sorted((x for x in "bca"), reverse=True))
    print(min(x for x in [5, 3, 9]), max((x for x in [5, 3, 9]), key=lambda v: -v))
    print(dict((k, len(k)) for k in ["ab", "c"]), ", ".join(str(x) for x in range(3)))
    print(list(enumerate(x for x in "xy")), list(map(str, (x for x in [1, 2]))))
    print(list(filter(None, (x % 2 for x in range(5)))), list(reversed(list(x for x in [1, 2]))))
    first, *rest = (c for c in "hello")
    print(first, rest)
    a, b = noisy("unpack", [1, 2])
    print("unpacked", a, b)
    for i, v in enumerate(noisy("for", ["p", "q"])):
        print("loop", i, v)
    print("nested", [list(y for y in range(x)) for x in range(3)])
    print("closure", list((lambda k: (k * j for j in range(3)))(10)))

    data = [1, 2, 3, 0, 4]
    print("iter sentinel:", list(iter(data.pop, 3)), data)
    counter = iter([10, 20, 30, 40])
    print("iter sentinel 2:", list(iter(lambda: next(counter), 30)))

    calls = []

    def source():
        calls.append(len(calls))
        return len(calls) if len(calls) < 4 else None

    print("iter until None:", list(iter(source, None)), calls)

    tasks = [asyncio.create_task(ticker(n)) for n in (1, 2)]
    done = await asyncio.gather(*(t for t in tasks))
    print("gathered", done, sum(r for r in done))


asyncio.run(main())
