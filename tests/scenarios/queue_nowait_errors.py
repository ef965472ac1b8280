# QueueEmpty / QueueFull / task_done() too many times; str() of queues.
import asyncio


async def main():
    q = asyncio.Queue(1)
    try:
        q.get_nowait()
    except asyncio.QueueEmpty as e:
        print("QueueEmpty", repr(e))
    q.put_nowait("x")
    print(str(q), q.maxsize)
    try:
        q.put_nowait("y")
    except asyncio.QueueFull as e:
        print("QueueFull", repr(e))
    print(q.get_nowait())
    q.task_done()
    try:
        q.task_done()
    except ValueError as e:
        print(e)
    print(str(q))


asyncio.run(main())
