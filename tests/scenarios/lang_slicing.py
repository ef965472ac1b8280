import asyncio

async def main():
    s = list(range(10))
    print(s[2:5], s[:3], s[7:], s[::3], s[::-2], s[-3:-1], s[5:2], s[100:])
    s[2:4] = ["a", "b", "c"]
    print(s)
    del s[::2]
    print(s)
    t = "abcdefgh"
    print(t[1:-1:2], t[::-1][:3], t[-100:2])
    n = [[0] * 3 for _ in range(2)]
    n[1][2] = 5
    print(n)

asyncio.run(main())
