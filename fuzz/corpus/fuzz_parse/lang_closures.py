import asyncio

def counter():
    n = 0
    def inc(step=1):
        nonlocal n
        n += step
        return n
    return inc

def make_adders():
    return [lambda x, i=i: x + i for i in range(3)]

total = 0

def bump(k):
    global total
    total += k

async def main():
    c = counter()
    c(); c(5)
    print(c())
    print([f(10) for f in make_adders()])
    for k in range(4):
        bump(k)
    print(total)
    fns = []
    for i in range(3):
        fns.append(lambda: i)
    print([f() for f in fns])
    def outer():
        x = "outer"
        def mid():
            def inner():
                return x
            return inner
        return mid()()
    print(outer())

asyncio.run(main())
