# test_locks ConditionTests test_wait_cancel_contested /
# test_wait_cancel_after_notify: a waiter cancelled after notify (or while
# the lock is contested) still re-acquires the lock before raising.
import asyncio


async def main():
    cond = asyncio.Condition()
    await cond.acquire()
    print(cond.locked())
    wait_task = asyncio.create_task(cond.wait())
    await asyncio.sleep(0)
    print(cond.locked())
    # notify, but contest the lock before cancelling
    await cond.acquire()
    print(cond.locked())
    cond.notify()
    loop = asyncio.get_running_loop()

    def cancel_waiter():
        # (a named function: the bound method's handle name differs, see
        # known_divergent/port_callback_bound_task_method.py)
        wait_task.cancel()

    loop.call_soon(cancel_waiter)
    loop.call_soon(cond.release)
    try:
        await wait_task
        print("wait returned", cond.locked())
    except asyncio.CancelledError:
        print("wait cancelled", cond.locked())
    cond.release()
    # cancel after notify
    waited = []

    async def wait_on_cond(name):
        async with cond:
            waited.append(name)
            try:
                await cond.wait()
            except asyncio.CancelledError:
                waited.append(name + " cancelled")
                raise

    waiter = asyncio.create_task(wait_on_cond("w"))
    await asyncio.sleep(0)
    async with cond:
        cond.notify(1)
    waiter.cancel()
    try:
        await waiter
    except asyncio.CancelledError:
        pass
    print(waited, cond.locked(), waiter.cancelled())


asyncio.run(main())
