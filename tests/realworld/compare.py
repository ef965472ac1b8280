#!/usr/bin/env python3
"""Runs asyncio programs written by other people under simloop and under the
CPython oracle (same simulated environment) and compares what they print.

    tests/realworld/compare.py --simloop build/default/simloop LIST [--json OUT] [--path-top]

LIST is a file naming one program per line (paths outside this repository:
the project holds only its own code; docs/realworld.md says where the
corpus comes from). For each program the oracle runs it under
/usr/bin/python3 with the virtual clock, then `simloop run` runs it; the
verdict is `same` (identical stdout), `refused` (simloop exit status 2: a
construct or module outside the subset), `same-but-addresses`, `differs`,
or `cpython-failed` (the oracle could not run it: a third-party import, a
real file).

`same-but-addresses`: the outputs differ only in object addresses
(`0x7f...` in a repr), and CPython itself prints different ones from run to
run, so no engine can print "exactly what CPython prints" there. The
verdict is given only when all three hold, checked by running each side a
second time: the two CPython runs differ from each other, their outputs are
identical once every `0x<hex>` is replaced by `0x?`, and so is simloop's,
whose two runs are identical (its addresses derive from the run). Programs
that open sockets, start processes or threads are counted apart
(`needs`), as the simulated network and pool cover only part of them.
Prints counts and the most common refusals.
"""
import argparse
import collections
import json
import os
import re
import signal
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ORACLE = os.path.join(HERE, "..", "..", "oracle")
NEEDS = re.compile(r"\b(aiohttp|asyncpg|aiofiles|requests|httpx|socket|open_connection|"
                   r"start_server|create_server|create_connection|subprocess|"
                   r"create_subprocess|multiprocessing|threading|concurrent\.futures|"
                   r"signal|websockets|uvloop|selectors|sys\.stdin|input\()")


def run_alone(cmd, timeout, **kw):
    """subprocess.run in a process group of its own, which is killed
    whole at the end: a program of the corpus that starts processes
    (multiprocessing, a process pool) under CPython leaves none behind,
    whether it ended or ran out of time."""
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                         start_new_session=True, **kw)
    try:
        out, err = p.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        kill_group(p.pid)
        p.communicate()
        raise
    finally:
        kill_group(p.pid)
    return subprocess.CompletedProcess(cmd, p.returncode, out, err)


def kill_group(pgid):
    try:
        os.killpg(pgid, signal.SIGKILL)
    except ProcessLookupError:
        pass


def oracle_stdout(path, timeout, max_steps, extra):
    with tempfile.TemporaryDirectory() as tmp:
        try:
            run_alone(["/usr/bin/python3", "-m", "simloop_oracle", "run", path,
                       "--jsonl", tmp + "/o.jsonl", "--stdout", tmp + "/out",
                       "--max-steps", str(max_steps)] + extra, timeout,
                      cwd=os.path.dirname(path),
                      # a fixed str hash, as `simloop conform` gives the
                      # oracle: a set of str then prints the same on
                      # every CPython run instead of changing each time
                      env=dict(os.environ, PYTHONPATH=os.path.abspath(ORACLE),
                               PYTHONHASHSEED="0"))
        except subprocess.TimeoutExpired:
            return None, "timeout"
        outcome = None
        if os.path.exists(tmp + "/o.jsonl"):
            for line in open(tmp + "/o.jsonl", errors="replace"):
                try:
                    ev = json.loads(line)
                except ValueError:
                    continue
                if ev.get("ev") == "end":
                    outcome = ev.get("outcome")
        out = open(tmp + "/out", "rb").read() if os.path.exists(tmp + "/out") else None
        return out, outcome


def simloop_run(simloop, path, timeout, max_steps, extra):
    try:
        # The oracle is Debian's CPython 3.11.2: simloop reproduces the same
        # release (its default profile is the newest, 3.14).
        p = run_alone([simloop, "run", path, "--python", "3.11.2",
                       "--max-steps", str(max_steps)] + extra, timeout,
                      cwd=os.path.dirname(path))
    except subprocess.TimeoutExpired:
        return b"", "timeout", -1
    return p.stdout, p.stderr.decode(errors="replace"), p.returncode


ADDRESS = re.compile(rb"0x[0-9a-fA-F]+")


def without_addresses(out):
    return ADDRESS.sub(b"0x?", out)


def addresses_only(path, timeout, max_steps, extra, simloop, cp_out, sl_out):
    """True when cp_out and sl_out differ only by addresses that vary
    between CPython runs (see the module's docstring); runs each side once
    more."""
    if without_addresses(cp_out) != without_addresses(sl_out):
        return False
    cp_again, _ = oracle_stdout(path, timeout, max_steps, extra)
    sl_again, _, _ = simloop_run(simloop, path, timeout, max_steps, extra)
    return (cp_again is not None and cp_again != cp_out
            and without_addresses(cp_again) == without_addresses(cp_out)
            and sl_again == sl_out)


def first_error(stderr):
    lines = stderr.splitlines()
    for line in lines:
        if "error:" in line:
            return line.split("error:", 1)[1].strip()
    return lines[-1].strip() if lines else ""


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--simloop", required=True)
    ap.add_argument("--json")
    ap.add_argument("--timeout", type=float, default=60)
    ap.add_argument("--max-steps", type=int, default=100000,
                    help="the step budget of both runs: a program that never ends "
                         "(a server loop, `while True`) is compared on what it printed "
                         "up to the same step (verdict same-at-budget)")
    ap.add_argument("--path-top", action="store_true",
                    help="give each program its repository's top folder (the first "
                         "folder of its path in LIST) as --path, as the books say to "
                         "run them (PYTHONPATH=.)")
    ap.add_argument("list")
    a = ap.parse_args()
    simloop = os.path.abspath(a.simloop)
    results = {}
    base = os.path.dirname(os.path.abspath(a.list))
    # one program per line: paths may hold spaces ("1 basics/intro.py")
    for listed in filter(None, (l.strip() for l in open(a.list).read().splitlines())):
        path = os.path.join(base, listed)
        extra = []
        if a.path_top:
            parts = os.path.normpath(listed).split(os.sep)
            if len(parts) > 1:
                extra = ["--path", os.path.join(base, parts[0])]
        path = os.path.abspath(path)
        cp_out, cp_outcome = oracle_stdout(path, a.timeout, a.max_steps, extra)
        sl_out, sl_err, sl_rc = simloop_run(simloop, path, a.timeout, a.max_steps, extra)
        needs = sorted(set(NEEDS.findall(open(path, errors="replace").read())))
        if cp_out is None:
            verdict = "cpython-failed"
        elif sl_rc == 2:
            verdict = "refused"
        elif sl_out == cp_out:
            at_budget = cp_outcome == "budget" and "step budget" in sl_err
            verdict = "same-at-budget" if at_budget else "same"
        elif addresses_only(path, a.timeout, a.max_steps, extra, simloop, cp_out, sl_out):
            verdict = "same-but-addresses"
        else:
            verdict = "differs"
        results[path] = {"verdict": verdict, "needs": needs, "cpython": cp_outcome,
                         "simloop_status": sl_rc, "why": first_error(sl_err)[:200]}
    counts = collections.Counter(("needs-io" if r["needs"] else "plain", r["verdict"])
                                 for r in results.values())
    for (kind, verdict), n in sorted(counts.items()):
        print(f"{kind:9} {verdict:18} {n}")
    refusals = collections.Counter(re.sub(r"^.*?: ", "", r["why"])[:80]
                                   for r in results.values() if r["verdict"] == "refused")
    for why, n in refusals.most_common(15):
        print(f"  {n:3}  {why}")
    if a.json:
        with open(a.json, "w") as f:
            json.dump(results, f, indent=1)


if __name__ == "__main__":
    sys.exit(main())
