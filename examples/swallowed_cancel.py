# A timeout handler that swallows a cancellation.
#
# call_with_retry() treats CancelledError like a timeout and retries. When
# the service is shut down (cancelled) while it is idle, all is well; when
# the cancellation lands while a call is in flight, the retry loop eats it
# and the service keeps running: shutdown silently fails.
import asyncio


async def fetch(i):
    await asyncio.sleep(0.01)
    return i


async def call_with_retry(i):
    for attempt in range(3):
        try:
            return await asyncio.wait_for(fetch(i), timeout=0.05)
        except (asyncio.TimeoutError, asyncio.CancelledError):  # BUG
            print(f"call {i}: attempt {attempt} failed, retrying")
    return None


async def service():
    for i in range(3):
        await call_with_retry(i)
        await asyncio.sleep(0.02)        # idle between calls
    return "finished"


async def main():
    task = asyncio.create_task(service())
    await asyncio.sleep(0.05)
    task.cancel()                        # shut the service down
    await asyncio.wait([task])
    assert task.cancelled(), f"cancellation swallowed: service returned {task.result()!r}"
    print("service stopped")


asyncio.run(main())
