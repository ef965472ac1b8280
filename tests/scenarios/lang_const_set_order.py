# The iteration order of sets written as displays. CPython compiles a set
# display of more than two constants to a frozenset constant merged into a
# new set, and a `for` or comprehension over a constant set display to the
# frozenset itself; `{*a, *b}` merges sets whole. Each lays the hash table
# out differently from adding the items one by one, which a program sees
# when it prints or iterates the set. Small ints only where items collide:
# the 3.12-3.14 oracle is a 32-bit CPython, whose hashes of tuples, floats,
# big and negative ints probe differently (docs/language.md).
import asyncio


def sets():
    x = 5
    return [
        {33, 1, 17, 9, 65, 7},
        {100, 200, 300, 400, 500, 600, 700, 800, 900, 1000},
        {-3, 1000000, 7, 15, 23},
        {16, 8, 0, 24},
        {~3, +7, -(-8), 24, 40},
        {x, 13, 21, 29},
        {1, 9},
    ]


async def main():
    for s in sets():
        print(list(s))
    print([v for v in {33, 1, 17, 9, 65, 7}])
    print({v * 2 for v in {100, 200, 300, 400, 500, 600, 700, 800, 900, 1000}})
    for v in {-3, 1000000, 7, 15, 23}:
        print(v, end=" ")
    print()
    a = {33, 1, 17}
    b = set([9, 65, 7, 41, 49, 57])
    print(list({*a, *b}), list({*b, *a}), list({*b, 3, *a}))
    d = dict.fromkeys([64, 32, 0, 96, 128])
    print(list({*d}), list({*range(40, 0, -3)}))
    print(3 in {1, 2, 3}, [] in {1, 2, 3} if False else "skip")
    await asyncio.sleep(0)


asyncio.run(main())
