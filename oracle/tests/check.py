"""Self-test of the simloop oracle: exact expected traces.

    python3 oracle/tests/check.py --python /usr/bin/python3
    python3 oracle/tests/check.py --pyodide 3.14
    python3 oracle/tests/check.py ... --regen     (rewrite expected/<version>/)

Run from anywhere; paths in traces are relative to the repository root.
Checks, per interpreter:
  * each scenario alone gives exactly expected/<python>/<name>.jsonl and
    <name>.stdout;
  * the whole batch in one command gives the concatenation of those
    (Task-N naming survives batching), and is identical on a second run;
  * --pure-python gives the same trace except the run line's impl;
  * a decision log (decisions/gather.log) gives expected .../gather.decisions.jsonl;
  * native only: the captured stdout equals plain CPython's for the
    scenarios marked `# plain-stdout`;
  * bad usage and unreadable files exit with status 2.
"""

import argparse
import difflib
import glob
import json
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
MAX_STEPS = "100"


def rel(p):
    return os.path.relpath(p, ROOT)


class Oracle:
    def __init__(self, python=None, pyodide=None):
        self.python, self.pyodide = python, pyodide

    def cmd(self, args):
        if self.pyodide:
            return ["node", rel(os.path.join(HERE, "..", "pyodide", "run.mjs")),
                    "--python", self.pyodide, "--"] + args
        return [self.python, "-m", "simloop_oracle"] + args

    def run(self, args):
        env = dict(os.environ, PYTHONPATH=os.path.join(ROOT, "oracle"))
        return subprocess.run(self.cmd(args), cwd=ROOT, env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              universal_newlines=True)

    def trace(self, files, *extra):
        with tempfile.TemporaryDirectory() as tmp:
            out = os.path.join(tmp, "t.jsonl")
            p = self.run(["run"] + files + ["--jsonl", out, "--max-steps", MAX_STEPS] + list(extra))
            if p.returncode != 0:
                raise SystemExit("oracle failed (%d): %s" % (p.returncode, p.stderr))
            with open(out, encoding="utf-8") as f, open(out + ".stdout", encoding="utf-8", newline="") as g:
                return f.read(), g.read()


def python_of(trace):
    return json.loads(trace.splitlines()[0])["python"]


def drop_impl(trace):
    return "\n".join(l.replace('"impl":"py"', '"impl":"c"') for l in trace.splitlines())


failures = []


def check(what, got, want):
    if got == want:
        return
    failures.append(what)
    diff = difflib.unified_diff(want.splitlines(), got.splitlines(), "expected", "got", lineterm="", n=2)
    print("FAIL %s\n%s" % (what, "\n".join(list(diff)[:40])))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--python")
    ap.add_argument("--pyodide")
    ap.add_argument("--regen", action="store_true")
    a = ap.parse_args()
    oracle = Oracle(a.python, a.pyodide)
    scen = sorted(glob.glob(os.path.join(HERE, "scenarios", "*.py")))
    files = [rel(s) for s in scen]
    if not files:
        print("FAIL no scenarios in %s" % rel(os.path.join(HERE, "scenarios")))
        return 1

    singles = {}
    version = None
    for f in files:
        singles[f] = oracle.trace([f])
        version = version or python_of(singles[f][0])
    exp = os.path.join(HERE, "expected", version)
    dec_log = rel(os.path.join(HERE, "decisions", "gather.log"))
    dec = oracle.trace([rel(os.path.join(HERE, "scenarios", "gather.py"))], "--decisions", dec_log)[0]
    if a.regen:
        os.makedirs(exp, exist_ok=True)
        for f, (t, s) in singles.items():
            n = os.path.splitext(os.path.basename(f))[0]
            with open(os.path.join(exp, n + ".jsonl"), "w", encoding="utf-8") as h:
                h.write(t)
            with open(os.path.join(exp, n + ".stdout"), "w", encoding="utf-8", newline="") as h:
                h.write(s)
        with open(os.path.join(exp, "gather.decisions.jsonl"), "w", encoding="utf-8") as h:
            h.write(dec)
        print("regenerated", rel(exp))
        return 0
    if not os.path.isdir(exp):
        print("FAIL no expected traces for Python %s (%s)" % (version, rel(exp)))
        return 1
    for f, (t, s) in singles.items():
        n = os.path.splitext(os.path.basename(f))[0]
        with open(os.path.join(exp, n + ".jsonl"), encoding="utf-8") as h:
            check("%s trace" % n, t, h.read())
        with open(os.path.join(exp, n + ".stdout"), encoding="utf-8", newline="") as h:
            check("%s stdout" % n, s, h.read())
    with open(os.path.join(exp, "gather.decisions.jsonl"), encoding="utf-8") as h:
        check("gather with decisions", dec, h.read())

    whole = "".join(singles[f][0] for f in files)
    b1 = oracle.trace(files)[0]
    check("batch == singles", b1, whole)
    check("batch twice identical", oracle.trace(files)[0], b1)
    bi = oracle.trace(files, "--in-process")[0]
    check("in-process batch == singles", bi, whole)
    pure = oracle.trace(files, "--pure-python")[0]
    check("pure-python == C", drop_impl(pure), drop_impl(whole))

    if a.python:
        for f in files:
            with open(os.path.join(ROOT, f), encoding="utf-8") as h:
                if "# plain-stdout" not in h.read():
                    continue
            p = subprocess.run([a.python, f], cwd=ROOT, stdout=subprocess.PIPE,
                               universal_newlines=True)
            check("%s stdout == plain CPython" % f, singles[f][1], p.stdout)

    for args in (["run", "no/such/file.py", "--jsonl", "/tmp/x.jsonl"],
                 ["run", files[0]], ["frobnicate"]):
        p = oracle.run(args)
        if p.returncode != 2:
            failures.append("usage %s" % args)
            print("FAIL exit status %d (want 2) for %s" % (p.returncode, args))
    print("%s: %d scenarios, %s" % (version, len(files),
                                    "FAILED: " + ", ".join(failures) if failures else "ok"))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
