# The simulated environment's clock: one virtual clock per program, 0.0
# when the module body starts. time.time() is 2026-01-01T00:00:00Z plus
# the clock; monotonic/perf_counter/process_time read it; time.sleep()
# blocks everything and only moves the clock; loop.time() is the same
# clock.
import asyncio
import time
from time import perf_counter, sleep

print(time.time(), time.monotonic(), perf_counter(), time.process_time())
print(time.time_ns(), time.monotonic_ns(), time.perf_counter_ns())
sleep(2.5)
print(time.time(), time.monotonic(), time.time_ns())


async def ticker(name, period, n):
    t0 = perf_counter()
    for i in range(n):
        await asyncio.sleep(period)
        print(name, i, round(perf_counter() - t0, 9), time.time())


async def blocker():
    await asyncio.sleep(0.2)
    start = time.monotonic()
    time.sleep(0.5)      # blocks the loop: the tickers fall behind
    print("blocked for", time.monotonic() - start)


async def main():
    loop = asyncio.get_running_loop()
    print("loop time", loop.time(), "monotonic", time.monotonic())
    t0 = perf_counter()
    await asyncio.gather(ticker("fast", 0.1, 5), ticker("slow", 0.3, 3), blocker())
    print("elapsed", perf_counter() - t0, loop.time() == time.monotonic())
    for bad in (-1, "x"):
        try:
            time.sleep(bad)
        except (ValueError, TypeError) as e:
            print(type(e).__name__, e)


asyncio.run(main())
print("after run", time.monotonic(), time.time())
