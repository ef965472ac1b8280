# test_locks SemaphoreTests test_initial_value_zero / test_release_no_waiters
# / BoundedSemaphore test_release_too_many / test_repr-free checks.
import asyncio


async def main():
    try:
        asyncio.Semaphore(-1)
    except ValueError as e:
        print("ValueError", e)
    sem = asyncio.Semaphore(0)
    print(sem.locked())
    sem.release()
    print(sem.locked(), await sem.acquire(), sem.locked())
    b = asyncio.BoundedSemaphore(2)
    await b.acquire()
    b.release()
    try:
        b.release()
    except ValueError as e:
        print("ValueError", e)
    async with b:
        async with b:
            print("both held", b.locked())
            w = asyncio.create_task(b.acquire())
            await asyncio.sleep(0.1)
            print(w.done())
        print(w.done())
        await w
        print(w.result(), b.locked())
        b.release()


asyncio.run(main())
