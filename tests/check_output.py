#!/usr/bin/env python3
"""Conformance by output: runs each scenario under `simloop run` and under
real CPython (the oracle, oracle/simloop_oracle, on the same virtual clock)
and requires identical stdout and the same exit class (finished normally
vs. ended by an uncaught exception or a deadlock).

usage: check_output.py --simloop PATH [--python /usr/bin/python3]
                       [--profile 3.11.2] [--shard K/N] [-v] [FILE...]
Without FILEs, every tests/scenarios/*.py. --shard K/N keeps every N-th
file from the K-th (1-based), so that ctest runs the corpus as N tests in
parallel, each far from its timeout on a loaded machine. Exit 0 when all
agree."""
import argparse
import difflib
import glob
import json
import os
import subprocess
import sys
import tempfile

HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "scenarios")
ROOT = os.path.dirname(os.path.dirname(HERE))


def run_simloop(simloop, profile, path):
    p = subprocess.run([simloop, "run", "--python", profile, "--max-steps", "1000000", path],
                       capture_output=True, timeout=120)
    cls = "ok" if p.returncode == 0 else ("error" if p.returncode == 2 else "failed")
    return p.stdout.decode("utf-8", "replace"), cls, p.stderr.decode("utf-8", "replace")


def run_oracle(python, path, tmp):
    out = os.path.join(tmp, "trace.jsonl")
    env = dict(os.environ, PYTHONPATH=os.path.join(ROOT, "oracle"))
    p = subprocess.run([python, "-m", "simloop_oracle", "run", path, "--jsonl", out,
                        "--stdout", out + ".stdout"], capture_output=True, env=env, timeout=120)
    if p.returncode != 0:
        return None, "oracle-error", p.stderr.decode("utf-8", "replace")
    with open(out + ".stdout", "rb") as f:
        stdout = f.read().decode("utf-8", "replace")
    outcome = "?"
    with open(out) as f:
        for line in f:
            ev = json.loads(line)
            if ev.get("ev") == "end":
                outcome = ev.get("outcome")
    cls = "ok" if outcome in ("ok", "never-retrieved", "pending-at-exit") else "failed"
    return stdout, cls, outcome


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--simloop", required=True)
    ap.add_argument("--python", default="/usr/bin/python3")
    ap.add_argument("--profile", default="3.11.2")
    ap.add_argument("--shard", default="1/1", help="K/N: every N-th file from the K-th")
    ap.add_argument("-v", "--verbose", action="store_true")
    ap.add_argument("files", nargs="*")
    a = ap.parse_args()
    files = a.files or sorted(f for f in glob.glob(os.path.join(HERE, "*.py"))
                              if os.path.basename(f) != os.path.basename(__file__))
    k, n = (int(x) for x in a.shard.split("/"))
    if not 1 <= k <= n:
        ap.error(f"--shard {a.shard}: K must be between 1 and N")
    files = files[k - 1::n]
    failures = 0
    with tempfile.TemporaryDirectory() as tmp:
        for path in files:
            name = os.path.basename(path)
            s_out, s_cls, s_err = run_simloop(a.simloop, a.profile, path)
            o_out, o_cls, o_info = run_oracle(a.python, path, tmp)
            if o_out is None:
                print(f"FAIL {name}: oracle failed: {o_info}")
                failures += 1
                continue
            if s_out == o_out and s_cls == o_cls:
                if a.verbose:
                    print(f"ok   {name}")
                continue
            failures += 1
            print(f"FAIL {name}: exit class simloop={s_cls} cpython={o_cls} ({o_info})")
            if s_out != o_out:
                diff = difflib.unified_diff(o_out.splitlines(), s_out.splitlines(),
                                            "cpython", "simloop", lineterm="", n=2)
                print("\n".join("     " + l for l in list(diff)[:40]))
            if s_err:
                print("     simloop stderr: " + s_err.strip().replace("\n", "\n     ")[:2000])
    print(f"{len(files) - failures}/{len(files)} scenarios agree with CPython")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
