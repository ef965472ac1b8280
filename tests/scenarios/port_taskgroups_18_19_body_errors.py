# test_taskgroups test_taskgroup_18 / _19 / _20a / _21a: the body raising
# while cancelled, or in a finally, joins the children's errors; a
# BaseException makes a BaseExceptionGroup.
import asyncio


class MyExc(Exception):
    pass


class MyBaseExc(BaseException):
    pass


def kinds(eg):
    return sorted(type(e).__name__ for e in eg.exceptions)


async def crash_soon():
    await asyncio.sleep(0.1)
    1 / 0


async def runner18():
    async with asyncio.TaskGroup():
        try:
            await asyncio.sleep(10)
        except asyncio.CancelledError:
            raise MyExc


async def nested(exc):
    try:
        await asyncio.sleep(10)
    finally:
        raise exc


async def runner_nested(exc):
    async with asyncio.TaskGroup() as g:
        g.create_task(crash_soon())
        await nested(exc)


async def main():
    r = asyncio.create_task(runner18())
    await asyncio.sleep(0.1)
    r.cancel()
    try:
        await r
    except ExceptionGroup as eg:
        print("18", kinds(eg))
    for exc in (MyExc(), MyBaseExc()):
        try:
            await runner_nested(exc)
        except BaseExceptionGroup as eg:
            print(type(eg).__name__, kinds(eg), asyncio.get_running_loop().time())


asyncio.run(main())
