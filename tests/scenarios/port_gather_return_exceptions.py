# test_tasks.GatherTests test_return_exceptions / test_one_exception: the
# first exception propagates at once (others keep running); with
# return_exceptions every result is collected in argument order.
import asyncio


async def work(d, fail):
    await asyncio.sleep(d)
    if fail:
        raise ZeroDivisionError(str(d))
    return d


async def main():
    loop = asyncio.get_running_loop()
    slow = asyncio.create_task(work(0.3, False))
    try:
        await asyncio.gather(slow, work(0.1, True), work(0.2, True))
    except ZeroDivisionError as e:
        print("first error", e, loop.time(), slow.done())
    res = await asyncio.gather(work(0.2, True), work(0.1, False), slow,
                               return_exceptions=True)
    print([repr(x) for x in res], loop.time())
    print(await asyncio.gather())


asyncio.run(main())
