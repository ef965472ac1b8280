import asyncio

async def worker(name, delay):
    print(f"{name} start")
    await asyncio.sleep(delay)
    print(f"{name} end at {asyncio.get_running_loop().time()}")

async def main():
    tasks = [asyncio.create_task(worker(f"w{i}", d)) for i, d in enumerate([0.5, 0.1, 0.5, 0.3, 0.5, 0.5, 0.1, 0.5])]
    for t in tasks:
        await t
    print("all done", [t.get_name() for t in tasks])

asyncio.run(main())
