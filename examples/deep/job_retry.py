# A job and its retry both lost: an ack timeout shorter than a slow callback.
#
# A dispatcher hands jobs to a worker and waits for the acknowledgement,
# which comes back over a link with 10 ms of round trip. Bulk jobs wait up to
# 3 s for their ack; the one interactive job waits only 0.15 s, and is
# retried once before it is reported failed. Under default timing every
# ack is back in 10 ms. If the callback that sends the interactive job is
# slow (0.14 s or more: a GC pause, a busy loop), its ack misses the
# deadline and the job is sent again; the job is reported failed only if
# the retry's send is slow as well. Two particular slow callbacks among a
# few hundred: random schedules almost never line them up.
import asyncio

LATENCY = 0.005  # each way


class Worker:
    def __init__(self, name):
        self.name = name
        self.handled = []

    def receive(self, job, ack):
        # The worker does the job at once and acknowledges it over the link.
        self.handled.append(job)
        loop = asyncio.get_running_loop()
        loop.call_later(2 * LATENCY, self.ack_arrives, ack)

    def ack_arrives(self, ack):
        if not ack.done():
            ack.set_result(self.name)


async def dispatch(worker, job, timeout, failed):
    loop = asyncio.get_running_loop()
    for attempt in (1, 2):
        ack = loop.create_future()
        loop.call_soon(worker.receive, job, ack)
        done, _ = await asyncio.wait({ack}, timeout=timeout)
        if ack in done:
            return attempt
        print(f"{job}: no ack within {timeout} s (attempt {attempt})")
    failed.append(job)
    return 0


async def client(name, worker, jobs, failed):
    retried = 0
    for job, timeout in jobs:
        if await dispatch(worker, f"{name}/{job}", timeout, failed) > 1:
            retried += 1
        await asyncio.sleep(0.005)  # think time between requests
    return retried


async def heartbeat(stop):
    beats = 0
    while not stop.is_set():
        await asyncio.sleep(0.05)
        beats += 1
    return beats


async def main():
    failed = []
    stop = asyncio.Event()
    workers = [Worker("w1"), Worker("w2")]
    bulk = [(f"bulk{i}", 3.0) for i in range(18)]
    jobs_a = bulk[:9] + [("interactive", 0.15)] + bulk[9:]
    hb = asyncio.create_task(heartbeat(stop))
    results = await asyncio.gather(
        client("a", workers[0], jobs_a, failed),
        client("b", workers[1], bulk, failed),
    )
    stop.set()
    await hb
    print(f"handled {sum(len(w.handled) for w in workers)} sends, retried {sum(results)}")
    assert not failed, f"jobs reported failed: {failed}"


asyncio.run(main())
