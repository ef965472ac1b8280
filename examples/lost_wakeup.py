# Lost wakeup with a Condition: the predicate is checked outside the lock.
#
# The consumer looks at `ready` without holding the condition's lock, then
# does some bookkeeping (an await), then waits. If the producer sets
# `ready` and calls notify_all() in between, nobody is waiting yet: the
# notification is lost and the consumer waits forever (a deadlock).
# The fix: check the predicate under the lock (`await cond.wait_for(...)`).
import asyncio

ready = False


async def producer(cond):
    global ready
    await asyncio.sleep(0.01)            # the data arrives
    async with cond:
        ready = True
        cond.notify_all()
    print("producer: notified")


async def consumer(cond):
    if not ready:                        # BUG: checked outside the lock
        await asyncio.sleep(0.005)       # log a metric, refresh a cache...
        async with cond:
            await cond.wait()
    print("consumer: got the data")


async def main():
    cond = asyncio.Condition()
    await asyncio.gather(producer(cond), consumer(cond))


asyncio.run(main())
