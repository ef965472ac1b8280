# A pool hand-off lost to a timeout, twice: a connection pool leaks.
#
# The pool hands a released connection straight to the oldest waiter
# (fut.set_result). A waiter gives up after 1 s with asyncio.timeout.
# If the timeout's callback runs after the hand-off but before the waiter
# has resumed, the waiter is cancelled with the connection already in its
# future: the connection is lost for good. Under default timing nobody
# waits that long. Two bursts of requests make waiters; a slow callback
# (a second or more) while a burst's waiter waits lines the release up with
# its timeout and leaks one connection. One leak is silent (the request
# retries and the pool has another connection); a second one empties the
# pool and the requests that follow fail, however often they retry.
import asyncio

QUERY = 0.023        # a query holds its connection this long
ACQUIRE_TIMEOUT = 1.0


class PoolTimeout(Exception):
    pass


class Pool:
    def __init__(self, size):
        self.free = [f"conn{i}" for i in range(size)]
        self.waiters = []

    async def acquire(self):
        if self.free:
            return self.free.pop()
        fut = asyncio.get_running_loop().create_future()
        self.waiters.append(fut)
        try:
            async with asyncio.timeout(ACQUIRE_TIMEOUT):
                return await fut
        except TimeoutError:
            if fut in self.waiters:
                self.waiters.remove(fut)
            # Bug: a connection already handed to fut is not given back.
            raise PoolTimeout() from None

    def release(self, conn):
        while self.waiters:
            fut = self.waiters.pop(0)
            if not fut.done():
                fut.set_result(conn)  # hand-off: the waiter owns it now
                return
        self.free.append(conn)


async def request(pool, name, served, failed):
    for attempt in range(10):
        try:
            conn = await pool.acquire()
        except PoolTimeout:
            continue
        try:
            await asyncio.sleep(QUERY)
        finally:
            pool.release(conn)
        served.append(name)
        return
    failed.append(name)


async def main():
    pool = Pool(2)
    served, failed = [], []
    # Steady traffic, one request every 0.1 s, and two bursts of three.
    gaps = [0.1] * 4 + [0.05, 0.0, 0.0] + [0.1] * 6 + [0.05, 0.0, 0.0] + [0.1] * 6
    requests = []
    for i, gap in enumerate(gaps):
        await asyncio.sleep(gap)
        requests.append(asyncio.create_task(request(pool, f"r{i}", served, failed)))
    await asyncio.gather(*requests)
    print(f"served {len(served)}, failed {len(failed)}, free {len(pool.free)}")
    assert not failed, f"requests failed: {failed}"


asyncio.run(main())
