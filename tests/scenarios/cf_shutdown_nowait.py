# ThreadPoolExecutor.shutdown(wait=False) runs the executor's pending jobs
# at once (SimPoolExecutor's threads finish them); shutdown(wait=True)
# only refuses new jobs. loop.close() shuts a default executor set by
# set_default_executor down with wait=False.
import asyncio
from concurrent.futures import ThreadPoolExecutor


def job(name):
    print("job", name)
    return name.upper()


async def main():
    ex = ThreadPoolExecutor()
    other = ThreadPoolExecutor()
    fs = [ex.submit(job, n) for n in "abc"]
    g = other.submit(job, "other")
    print("before shutdown:", [f.done() for f in fs], g.done())
    ex.shutdown(wait=False)
    print("after shutdown:", [f.result() for f in fs], g.done())
    print("other ->", await asyncio.wrap_future(g))
    for e in (ex, other):
        try:
            e.submit(job, "late")
        except RuntimeError as err:
            print("RuntimeError:", err)
    other = ThreadPoolExecutor()
    print(list(other.map(job, [])))


asyncio.run(main())

loop = asyncio.new_event_loop()
pool = ThreadPoolExecutor()
loop.set_default_executor(pool)
fut = loop.run_in_executor(None, job, "at close")
loop.close()
print("closed: job ran", fut.done())
