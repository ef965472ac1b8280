import asyncio
import time

print("module", __name__, "runs once")


class Clock:
    def __init__(self):
        self.start = time.monotonic()

    def elapsed(self):
        return time.monotonic() - self.start


async def delay(seconds, label):
    print(f"{label}: sleeping {seconds}")
    await asyncio.sleep(seconds)
    print(f"{label}: woke at {asyncio.get_running_loop().time()}")
    return label
