import asyncio

order = []

def note(x):
    order.append(x)

async def coro(tag):
    order.append(tag + ":start")
    await asyncio.sleep(0)
    order.append(tag + ":end")

async def main():
    loop = asyncio.get_running_loop()
    loop.call_soon(note, 1)
    t = asyncio.create_task(coro("t"))
    loop.call_soon(note, 2)
    await asyncio.sleep(0)
    loop.call_soon(note, 3)
    await t
    print(order)

asyncio.run(main())
