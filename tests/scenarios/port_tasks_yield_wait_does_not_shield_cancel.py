# test_tasks.test_yield_wait_does_not_shield_cancel: wait() does not
# protect the waiting task from cancellation, and the waited task keeps
# running.
import asyncio


async def child(fut):
    await fut
    return "child done"


async def outer(fut, log):
    t = asyncio.create_task(child(fut), name="child")
    try:
        await asyncio.wait([t])
    except asyncio.CancelledError:
        log.append("outer cancelled, child done " + str(t.done()))
        raise
    return t


async def main():
    loop = asyncio.get_running_loop()
    log = []
    fut = loop.create_future()
    o = asyncio.create_task(outer(fut, log))
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    o.cancel()
    try:
        await o
    except asyncio.CancelledError:
        print("outer cancelled", log)
    fut.set_result(None)
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    print([(t.get_name(), t.done()) for t in asyncio.all_tasks()])


asyncio.run(main())
