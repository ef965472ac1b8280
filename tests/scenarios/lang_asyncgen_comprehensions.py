# Asynchronous comprehensions and async generator expressions: `async for`
# in list/set/dict comprehensions and generator expressions, `await` inside
# comprehensions, nested clauses, and an async generator expression
# consumed lazily by `async for`.
import asyncio


async def numbers(n, delay):
    for i in range(n):
        await asyncio.sleep(delay)
        print("  numbers yields", i, "at", asyncio.get_running_loop().time())
        yield i


async def double(x):
    await asyncio.sleep(0.1)
    return x * 2


async def main():
    squares = [x * x async for x in numbers(4, 0.25)]
    print("squares", squares)
    evens = {x async for x in numbers(5, 0.1) if x % 2 == 0}
    print("evens", sorted(evens))
    names = {f"k{x}": x async for x in numbers(2, 0)}
    print("names", names)
    doubled = [await double(x) for x in range(3)]
    print("doubled", doubled, "at", asyncio.get_running_loop().time())
    pairs = [(x, y) async for x in numbers(2, 0) for y in "ab"]
    print("pairs", pairs)

    lazy = (x + 100 async for x in numbers(3, 0.5))
    print("created", type(lazy).__name__)
    async for v in lazy:
        print("lazy got", v)
    awaited = (await double(x) for x in [5, 6])
    print("awaited genexp", [v async for v in awaited])
    results = await asyncio.gather(*[double(x) for x in range(3)])
    print("gathered", results)


asyncio.run(main())
