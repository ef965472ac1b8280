# A Task's bound method used as a loop callback: CPython names the handle
# after the Task type (`Task.cancel`), simloop after Future (`Future.cancel`).
import asyncio


async def main():
    loop = asyncio.get_running_loop()
    t = asyncio.create_task(asyncio.sleep(10))
    await asyncio.sleep(0)
    loop.call_soon(t.cancel)
    try:
        await t
    except asyncio.CancelledError:
        print("cancelled", t.cancelled())


asyncio.run(main())
