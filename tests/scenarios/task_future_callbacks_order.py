import asyncio

async def waiter(name, fut):
    v = await fut
    print(name, "got", v)

async def main():
    fut = asyncio.get_running_loop().create_future()
    ts = [asyncio.create_task(waiter(n, fut)) for n in "abc"]
    await asyncio.sleep(0)
    fut.add_done_callback(lambda f: print("plain callback"))
    fut.set_result(7)
    print("result set")
    await asyncio.gather(*ts)

asyncio.run(main())
