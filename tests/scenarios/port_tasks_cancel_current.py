# test_tasks.test_cancel_current_task: a task cancels itself; it keeps
# running until its next await, which raises CancelledError.
import asyncio


async def task(log):
    t = asyncio.current_task()
    print("cancel self", t.cancel())
    print("cancelling", t.cancelling(), "done", t.done())
    log.append("still running")
    await asyncio.sleep(100)
    log.append("never")
    return 12


async def main():
    log = []
    t = asyncio.create_task(task(log))
    try:
        await t
    except asyncio.CancelledError:
        print("CancelledError", log)
    print(t.cancelled(), asyncio.get_running_loop().time())


asyncio.run(main())
