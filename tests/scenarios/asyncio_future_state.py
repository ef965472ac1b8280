# Future._state and Task._state: the private attribute programs print to
# show where a future is ('PENDING', 'CANCELLED', 'FINISHED').
import asyncio


async def work(delay, fail=False):
    await asyncio.sleep(delay)
    if fail:
        raise ValueError("bad")
    return delay


async def main():
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    print("future:", fut._state)
    fut.set_result(1)
    print("future after set_result:", fut._state)
    other = loop.create_future()
    other.cancel()
    print("cancelled future:", other._state)
    tasks = [asyncio.create_task(work(0.1)), asyncio.create_task(work(0.2, True)),
             asyncio.create_task(work(5))]
    print([t._state for t in tasks])
    await asyncio.sleep(0.3)
    print([t._state for t in tasks])
    tasks[2].cancel()
    print("cancel requested:", tasks[2]._state)
    await asyncio.sleep(0)
    print([t._state for t in tasks])
    print(type(tasks[0]._state).__name__, tasks[1].exception())


asyncio.run(main())
