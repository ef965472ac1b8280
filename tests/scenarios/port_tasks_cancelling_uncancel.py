# test_tasks.test_cancelling / test_uncancel_basic: cancelling() counts
# cancel requests, uncancel() decrements; repeated cancel keeps the first
# message.
import asyncio


async def sleeper(log):
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError as e:
        t = asyncio.current_task()
        log.append(("caught", e.args, t.cancelling()))
        log.append(("uncancel", t.uncancel(), t.uncancel(), t.uncancel()))
    await asyncio.sleep(1)
    return "survived"


async def main():
    log = []
    t = asyncio.create_task(sleeper(log))
    await asyncio.sleep(0)
    print(t.cancelling())
    print(t.cancel("a"), t.cancel("b"), t.cancelling())
    r = await t
    print(r, log, t.cancelling(), t.cancelled())


asyncio.run(main())
