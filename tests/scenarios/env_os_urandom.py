# os.urandom as tutorials use it: random identifiers for the items a
# producer puts on a queue. The bytes are the OS's (under simloop drawn
# from a `seed` decision), so only their shape is printed, never the
# bytes themselves (nor returned from a task: the trace shows results).
import asyncio
import os


async def produce(q, n):
    for i in range(n):
        await q.put((i, os.urandom(5).hex()))
        await asyncio.sleep(0.1)
    await q.put(None)


async def consume(q):
    ids = set()
    while (got := await q.get()) is not None:
        i, item = got
        ids.add(item)
        print(f"item {i}: {len(item)} hex digits, str={isinstance(item, str)}")
    return len(ids)


async def main():
    q = asyncio.Queue()
    _, distinct = await asyncio.gather(produce(q, 3), consume(q))
    print("distinct ids:", distinct)


asyncio.run(main())
b = os.urandom(16)
print(type(b).__name__, len(b), os.urandom(0), len(os.urandom(True)))
print(os.urandom(8) != os.urandom(8))
for bad in (-1, "8", 2.5):
    try:
        os.urandom(bad)
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)
for args, kwargs in (((), {}), ((1, 2), {}), ((), {"size": 3})):
    try:
        os.urandom(*args, **kwargs)
    except TypeError as e:
        print("TypeError", e)
