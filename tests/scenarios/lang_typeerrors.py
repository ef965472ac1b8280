import asyncio

def f(a, b=1):
    return a

async def main():
    g = lambda x: x
    tests = [
        lambda: g(1, 2),
        lambda: f(),
        lambda: f(1, 2, 3),
        lambda: f(1, c=2),
        lambda: f(1, a=2),
        lambda: (lambda a, b, c: 0)(),
        lambda: (lambda *, k: 0)(),
    ]
    for t in tests:
        try:
            t()
        except TypeError as e:
            print("TypeError:", e)

asyncio.run(main())
