# test_tasks.test_cancel_yield: a task cancelled while suspended on a bare
# yield (sleep(0)) ends cancelled at its next step.
import asyncio


async def task():
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    return 12


async def main():
    t = asyncio.create_task(task())
    await asyncio.sleep(0)  # start the task
    print("cancel", t.cancel())
    try:
        await t
    except asyncio.CancelledError as e:
        print("CancelledError", e.args)
    print(t.done(), t.cancelled(), t.cancel())


asyncio.run(main())
