# test_taskgroups test_taskgroup_04 / test_cancel_children_on_child_error:
# a failing child cancels its siblings and the body; errors are collected
# in an ExceptionGroup.
import asyncio


def leaves(eg):
    out = []
    for e in eg.exceptions:
        if isinstance(e, BaseExceptionGroup):
            out.append(leaves(e))
        else:
            out.append(type(e).__name__)
    return out


async def foo1():
    await asyncio.sleep(0.1)
    1 / 0


async def foo2(log):
    try:
        await asyncio.sleep(5)
    except asyncio.CancelledError:
        log.append("foo2 cancelled")
        raise


async def runner(log):
    async with asyncio.TaskGroup() as g:
        g.create_task(foo1())
        g.create_task(foo1())
        g.create_task(foo1())
        g.create_task(foo2(log))
        try:
            await asyncio.sleep(10)
        except asyncio.CancelledError:
            log.append("runner cancelled")
            raise
    log.append("never")


async def main():
    log = []
    try:
        await asyncio.create_task(runner(log))
    except ExceptionGroup as eg:
        print(type(eg).__name__, str(eg), leaves(eg))
    print(log, asyncio.get_running_loop().time())


asyncio.run(main())
