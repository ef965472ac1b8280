import asyncio

async def main():
    xs = [3, 1, 4, 1, 5, 9, 2, 6]
    print([x * 2 for x in xs if x % 2])
    print({x: x * x for x in range(5)})
    print(sorted({x % 3 for x in xs}))
    print([(i, j) for i in range(3) for j in range(i)])
    print(sum(x for x in xs), max(x for x in xs if x < 6))
    print(any(x > 8 for x in xs), all(x > 0 for x in xs))
    matrix = [[1, 2], [3, 4]]
    print([[row[i] for row in matrix] for i in range(2)])
    names = ["b", "a", "c"]
    print({n: i for i, n in enumerate(names)})
    print(list(zip(names, xs)), list(reversed(names)))

asyncio.run(main())
