import asyncio

def add(a, b=10, *rest, scale=1, **opts):
    return (a + b + sum(rest)) * scale, sorted(opts.items())

def kwonly(a, *, b, c=3):
    return a, b, c

def posonly(a, b, /, c):
    return a + b + c

async def main():
    print(add(1))
    print(add(1, 2, 3, 4, scale=2, x=1, y=2))
    print(kwonly(1, b=2), kwonly(1, b=2, c=4))
    print(posonly(1, 2, c=3), posonly(1, 2, 3))
    args = (5, 6)
    kw = {"scale": 3}
    print(add(*args, **kw))
    print(add(*[1, 2], *[3], **{"z": 0}))

asyncio.run(main())
