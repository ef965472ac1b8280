# The loop's classes as programs see them: print(loop), type(loop) with its
# module, asyncio.AbstractEventLoop / BaseEventLoop / SelectorEventLoop for
# isinstance and issubclass, and annotations naming them (never evaluated
# on parameters, evaluated in a module-level alias).
import asyncio

LoopType = asyncio.AbstractEventLoop


def describe(loop: asyncio.AbstractEventLoop) -> str:
    kind = type(loop)
    return f"{kind.__module__}.{kind.__qualname__}"


async def tick(loop: LoopType, n: int) -> int:
    await asyncio.sleep(0.1 * n)
    return n * 2


async def main():
    loop = asyncio.get_running_loop()
    print(loop)
    print(describe(loop), repr(type(loop)))
    print(asyncio.SelectorEventLoop, asyncio.BaseEventLoop, asyncio.AbstractEventLoop)
    for cls in (asyncio.AbstractEventLoop, asyncio.BaseEventLoop, asyncio.SelectorEventLoop):
        print(cls.__name__, isinstance(loop, cls), issubclass(type(loop), cls))
    print(issubclass(asyncio.SelectorEventLoop, asyncio.BaseEventLoop),
          issubclass(asyncio.BaseEventLoop, asyncio.AbstractEventLoop),
          isinstance(loop, asyncio.Future))
    print(await asyncio.gather(tick(loop, 1), tick(loop, 2)), loop.time())


asyncio.run(main())
