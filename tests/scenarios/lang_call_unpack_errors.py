import asyncio
def f(*args, **kw):
    return args, kw
async def main():
    for t in [lambda: f(*5), lambda: f(**[1]), lambda: f(a=1, **{"a": 2}), lambda: print(*None), lambda: f(**{1: 2}), lambda: f(*[1], **{"b": 1}, c=2)]:
        try:
            print(t())
        except TypeError as e:
            print(e)
asyncio.run(main())
