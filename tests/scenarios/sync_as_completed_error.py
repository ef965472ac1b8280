# as_completed re-raises a task's exception when its turn comes.
import asyncio


async def work(d, fail):
    await asyncio.sleep(d)
    if fail:
        raise KeyError(d)
    return d


async def main():
    ts = [asyncio.create_task(work(0.2, False)), asyncio.create_task(work(0.1, True))]
    for f in asyncio.as_completed(ts):
        try:
            print("ok", await f)
        except KeyError as e:
            print("KeyError", e)


asyncio.run(main())
