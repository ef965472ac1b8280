# argparse in an asyncio program's `if __name__ == "__main__":` block:
# sys.argv is [FILE] (conform passes no arguments), so the defaults
# apply; then explicit argument lists, the help text (prog is the file's
# name, as os.path.basename(sys.argv[0]) gives), usage errors caught as
# SystemExit(2) with their text captured through redirect_stderr, types,
# choices, nargs, append/count actions, and the Namespace.
import argparse
import asyncio
import io
import sys
from contextlib import redirect_stderr, redirect_stdout


def build_parser():
    parser = argparse.ArgumentParser(description="Run a few workers against a shared queue.")
    parser.add_argument("jobs", nargs="*", default=["a", "b"], help="job names")
    parser.add_argument("-w", "--workers", type=int, default=2, help="number of workers")
    parser.add_argument("--delay", type=float, default=0.05, help="seconds per job (default: %(default)s)")
    parser.add_argument("--mode", choices=["fifo", "lifo"], default="fifo")
    parser.add_argument("-v", "--verbose", action="count", default=0)
    parser.add_argument("--tag", action="append", help="add a tag")
    parser.add_argument("--version", action="version", version="%(prog)s 0.1")
    return parser


async def worker(name, queue, args, done):
    while True:
        job = await queue.get()
        await asyncio.sleep(args.delay)
        if args.verbose:
            print(f"{name} did {job}")
        done.append(job)
        queue.task_done()


async def main(args):
    queue = asyncio.LifoQueue() if args.mode == "lifo" else asyncio.Queue()
    for job in args.jobs:
        queue.put_nowait(job)
    done = []
    tasks = [asyncio.create_task(worker(f"w{i}", queue, args, done)) for i in range(args.workers)]
    await queue.join()
    for t in tasks:
        t.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
    print("done:", done, "at", round(asyncio.get_running_loop().time(), 3))


def attempt(parser, argv):
    err, out = io.StringIO(), io.StringIO()
    try:
        with redirect_stderr(err), redirect_stdout(out):
            return parser.parse_args(argv)
    except SystemExit as e:
        print("exit", e.code, repr(out.getvalue()), repr(err.getvalue()))
        return None


if __name__ == "__main__":
    parser = build_parser()
    args = parser.parse_args()
    print(args)
    asyncio.run(main(args))
    args = parser.parse_args(["x", "y", "z", "-w", "3", "--mode=lifo", "-vv", "--delay", "0.5",
                              "--tag", "t1", "--tag", "t2"])
    print(args, vars(args)["tag"], sorted(vars(args)))
    asyncio.run(main(args))
    parser.print_help()
    print(repr(parser.format_usage()))
    for argv in (["-w", "many"], ["--mode", "random"], ["--delay"], ["--bogus"], ["--version"],
                 ["-h"], ["--work", "4"]):
        print(argv, attempt(parser, argv))
    known, extra = parser.parse_known_args(["j1", "--other", "-v"])
    print(known.jobs, known.verbose, extra)
    ns = argparse.Namespace(workers=9)
    print(parser.parse_args([], namespace=ns) is ns, ns.workers, ns.jobs)
    print(sys.argv[1:])
