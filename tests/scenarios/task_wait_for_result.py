import asyncio

async def producer(fut):
    await asyncio.sleep(0.25)
    fut.set_result({"answer": 42})

async def main():
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    asyncio.create_task(producer(fut))
    value = await fut
    print(value, loop.time())
    print(fut.done(), fut.cancelled(), fut.result())

asyncio.run(main())
