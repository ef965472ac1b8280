# asyncio.wait returns two sets: they print as sets (the oracle pins their
# iteration order without changing how they look).
import asyncio


async def job(n):
    await asyncio.sleep(n / 10)
    return n


async def main():
    tasks = [asyncio.create_task(job(n)) for n in (1, 2, 3)]
    done, pending = await asyncio.wait(tasks, timeout=0.25)
    print(len(done), len(pending))
    print(repr(done)[:16], str(pending)[:16])
    print(sorted(t.result() for t in done))
    done2, pending2 = await asyncio.wait(pending)
    print(pending2, repr(pending2), f"{pending2}")
    print(sorted(t.result() for t in done2))


asyncio.run(main())
