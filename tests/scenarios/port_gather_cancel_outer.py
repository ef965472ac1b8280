# test_tasks.GatherTests test_cancel_gather / test_gather_cancel: gather's
# own cancel() cancels every unfinished child; done children keep their
# result.
import asyncio


async def child(d):
    try:
        await asyncio.sleep(d)
        return d
    except asyncio.CancelledError:
        print("child", d, "cancelled")
        raise


async def main():
    loop = asyncio.get_running_loop()
    ts = [asyncio.create_task(child(d)) for d in (0.1, 1, 2)]
    g = asyncio.gather(*ts)
    await asyncio.sleep(0.5)
    print("cancel", g.cancel("enough"))
    try:
        await g
    except asyncio.CancelledError as e:
        print("gather CancelledError", e.args, g.cancelled())
    print([t.cancelled() for t in ts], ts[0].result(), loop.time())
    print("cancel again", g.cancel())


asyncio.run(main())
