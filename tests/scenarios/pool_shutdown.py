# The simulated pool and the loop's end: asyncio.run waits for a job
# nobody awaited (shutdown_default_executor, with 3.12+'s 300 s timeout
# timer), a cancelled to_thread task whose thread still runs, the old loop
# API's explicit shutdown_default_executor (then run_in_executor is
# refused), and a job still pending when its loop closes (it finishes
# then, and nothing reaches the closed loop).
import asyncio
import time


def slow(x):
    print("slow", x, "runs at", time.monotonic())
    return x


async def main():
    loop = asyncio.get_running_loop()
    fut = loop.run_in_executor(None, slow, 1)  # never awaited
    t = asyncio.create_task(asyncio.to_thread(slow, 2))
    await asyncio.sleep(0)
    t.cancel()
    try:
        await t
    except asyncio.CancelledError:
        print("cancelled; first future done:", fut.done(), fut.result())


asyncio.run(main())

loop = asyncio.new_event_loop()
f = loop.run_in_executor(None, slow, 3)
print("result", loop.run_until_complete(f))
loop.run_until_complete(loop.shutdown_default_executor())
try:
    loop.run_in_executor(None, slow, 4)
except RuntimeError as e:
    print("RuntimeError", e)
loop.close()

loop2 = asyncio.new_event_loop()
loop2.run_in_executor(None, slow, 5)
loop2.close()
print("closed", time.monotonic())
