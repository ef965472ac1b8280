import asyncio

def report(tag):
    def cb(fut):
        print(tag, "saw", fut.result() if not fut.cancelled() else "cancelled")
    return cb

async def work(v):
    await asyncio.sleep(v)
    return v

async def main():
    t = asyncio.create_task(work(0.2))
    a, b = report("a"), report("b")
    t.add_done_callback(a)
    t.add_done_callback(b)
    t.add_done_callback(a)
    print("removed", t.remove_done_callback(a))
    await t
    await asyncio.sleep(0)
    late = asyncio.create_task(work(0.1))
    late.cancel()
    late.add_done_callback(report("late"))
    await asyncio.sleep(0.5)

asyncio.run(main())
