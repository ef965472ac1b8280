# A worker pool fed from a collections.deque: workers pop jobs from the
# left, a failed job goes back to the right with a retry count kept in a
# defaultdict, results are tallied in a Counter and reported as named
# tuples; functools.partial builds the jobs and lru_cache memoizes a
# lookup shared by the workers.
import asyncio
import functools
from collections import Counter, OrderedDict, defaultdict, deque, namedtuple

Result = namedtuple("Result", "job worker attempts")


@functools.lru_cache(maxsize=4)
def cost(n):
    return (n % 3) * 0.1


async def work(n, fail_until):
    await asyncio.sleep(cost(n))
    return n * n if fail_until <= 0 else None


async def worker(name, jobs, tries, done, kinds):
    while jobs:
        job = jobs.popleft()
        tries[job.args[0]] += 1
        value = await job(fail_until=2 - tries[job.args[0]] if job.args[0] % 4 == 0 else 0)
        if value is None:
            jobs.append(job)
            kinds["retry"] += 1
            continue
        kinds["ok"] += 1
        done[job.args[0]] = Result(job.args[0], name, tries[job.args[0]])
        await asyncio.sleep(0)


async def main():
    jobs = deque(functools.partial(work, n) for n in range(9))
    jobs.rotate(3)
    tries = defaultdict(int)
    done = OrderedDict()
    kinds = Counter()
    await asyncio.gather(*(worker(f"w{i}", jobs, tries, done, kinds) for i in range(3)))
    for n, r in done.items():
        print(n, r, r.attempts == tries[n])
    done.move_to_end(0)
    print(list(done)[-1], kinds.most_common(), dict(tries))
    print(cost.cache_info(), len(jobs), jobs)


asyncio.run(main())
