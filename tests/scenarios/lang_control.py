import asyncio

async def main():
    for i in range(3):
        if i == 5:
            break
    else:
        print("for-else ran")
    n = 0
    while n < 10:
        n += 3
        if n == 9:
            break
    else:
        print("not printed")
    print(n)
    i = 0
    while i < 3:
        i += 1
        continue
    else:
        print("while-else", i)
    x = 5
    if x > 10:
        print("big")
    elif x > 3:
        print("medium")
    else:
        print("small")
    print("yes" if x else "no", x and 0, x or 0, not x)
    print(1 < x < 10, 1 < x > 10, x == 5 != 6)
    a, *b, c = range(6)
    print(a, b, c)
    (p, q), r = (1, 2), 3
    print(p, q, r)
    if (m := x * 2) > 5:
        print("walrus", m)
    del a
    try:
        print(a)
    except UnboundLocalError as e:
        print("UnboundLocalError:", e)

asyncio.run(main())
