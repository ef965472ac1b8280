"""Command line: python3 -m simloop_oracle {run,version} (see oracle/README.md)."""

import argparse
import json
import os
import subprocess
import sys
import tempfile

USAGE_ERROR = 2


class UsageError(Exception):
    pass


def _parser():
    p = argparse.ArgumentParser(prog="python3 -m simloop_oracle",
                                description="simloop's CPython oracle")
    sub = p.add_subparsers(dest="cmd", required=True)
    r = sub.add_parser("run", help="run scenario files, write a JSONL trace")
    r.add_argument("files", nargs="+", metavar="FILE")
    r.add_argument("--jsonl", required=True, metavar="OUT",
                   help="trace file (JSON Lines; '-' for stdout)")
    r.add_argument("--stdout", metavar="FILE",
                   help="the scenarios' plain stdout (default OUT.stdout)")
    r.add_argument("--pure-python", action="store_true",
                   help="use the pure-Python Task/Future instead of _asyncio")
    r.add_argument("--decisions", metavar="LOG",
                   help="decision log to replay (JSONL, see README)")
    r.add_argument("--max-steps", type=int, default=1000000, metavar="N",
                   help="end with outcome 'budget' after N steps (default 1000000)")
    r.add_argument("--path", action="append", default=[], metavar="DIR",
                   help="also import the program's own modules from DIR (after its folder)")
    r.add_argument("--setenv", action="append", default=[], metavar="NAME=VALUE",
                   help="an environment variable of the simulated process")
    r.add_argument("--arg", action="append", default=[], metavar="ARG",
                   help="one more sys.argv entry for the program")
    r.add_argument("--in-process", action="store_true",
                   help="run a batch in this interpreter (default: one fresh "
                        "interpreter per file; always in-process under Pyodide)")
    r.add_argument("--reused", action="store_true",
                   help="this interpreter ran scenarios before: read the Task-N "
                        "counter even for a single file")
    v = sub.add_parser("version", help="print the CPython version and Task implementation")
    v.add_argument("--pure-python", action="store_true")
    return p


def select_impl(pure):
    """Choose C (_asyncio) or pure-Python Task/Future before asyncio is used."""
    if not pure:
        import asyncio  # noqa: F401
        return
    if sys.modules.get("_asyncio", False) is None:
        return
    for name in list(sys.modules):
        if name == "asyncio" or name.startswith("asyncio."):
            del sys.modules[name]
    for name in list(sys.modules):
        if name.startswith("simloop_oracle."):
            del sys.modules[name]
    sys.modules["_asyncio"] = None
    import asyncio  # noqa: F401,F811


def load_decisions(path):
    out = []
    try:
        with open(path, encoding="utf-8") as f:
            lines = f.read().splitlines()
    except OSError as e:
        raise UsageError("cannot read decision log %s: %s" % (path, e.strerror))
    for n, line in enumerate(lines, 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        try:
            d = json.loads(line)
        except ValueError:
            raise UsageError("%s:%d: not JSON" % (path, n))
        if not isinstance(d, dict):
            raise UsageError("%s:%d: not a JSON object" % (path, n))
        if d.get("ev", "decision") != "decision":
            continue                        # a whole trace may serve as a log
        if d.get("kind") not in ("cost", "oversleep", "seed", "io", "thread") or \
                not isinstance(d.get("value"), (int, float)) or \
                isinstance(d.get("value"), bool):
            raise UsageError("%s:%d: a decision needs kind cost|oversleep|seed|io|thread and a numeric value" % (path, n))
        if "step" in d and (not isinstance(d["step"], int) or isinstance(d["step"], bool)):
            raise UsageError("%s:%d: step must be an integer" % (path, n))
        out.append({k: d[k] for k in ("kind", "value", "step") if k in d})
    return out


def _open_out(path):
    if path == "-":
        return sys.__stdout__, False
    try:
        return open(path, "w", encoding="utf-8", newline="\n"), True
    except OSError as e:
        raise UsageError("cannot write %s: %s" % (path, e.strerror))


def cmd_version(args):
    select_impl(args.pure_python)
    import platform
    from asyncio import tasks
    import os
    impl = "py" if tasks.Task is tasks._PyTask else "c"
    # stdlib=: the folder holding asyncio/, as asyncio's reprs name it
    # (simloop conform shows the same path: core/pysource.h).
    stdlib = os.path.dirname(os.path.dirname(tasks.__file__))
    print("%s %s tasks=%s (%s.%s) platform=%s stdlib=%s" % (
        platform.python_implementation(), platform.python_version(), impl,
        tasks.Task.__module__, tasks.Task.__qualname__, sys.platform, stdlib))
    return 0


def _child_argv(args, path, jsonl, stdout):
    argv = [sys.executable, "-m", "simloop_oracle", "run", path,
            "--jsonl", jsonl, "--stdout", stdout,
            "--max-steps", str(args.max_steps)]
    if args.pure_python:
        argv.append("--pure-python")
    if args.decisions:
        argv += ["--decisions", args.decisions]
    for d in args.path:
        argv += ["--path", d]
    for kv in args.setenv:
        argv += ["--setenv", kv]
    for a in args.arg:
        argv.append("--arg=" + a)       # "-c" is an argument, not an option
    return argv


def cmd_run(args):
    for path in args.files:
        if not os.path.isfile(path) or not os.access(path, os.R_OK):
            raise UsageError("cannot read scenario %s" % path)
    if args.decisions:
        decisions = load_decisions(args.decisions)
    else:
        decisions = []
    if args.max_steps is not None and args.max_steps < 0:
        raise UsageError("--max-steps must be >= 0")
    for kv in args.setenv:
        if "=" not in kv or kv.startswith("="):
            raise UsageError("--setenv wants NAME=VALUE, not %r" % kv)
    machine = {"path": list(args.path), "setenv": list(args.setenv), "args": list(args.arg)}
    stdout_path = args.stdout or (args.jsonl + ".stdout" if args.jsonl != "-" else None)
    in_process = (len(args.files) == 1 or args.in_process
                  or sys.platform == "emscripten")
    out, close_out = _open_out(args.jsonl)
    std = None
    try:
        if stdout_path:
            try:
                std = open(stdout_path, "w", encoding="utf-8", newline="")
            except OSError as e:
                raise UsageError("cannot write %s: %s" % (stdout_path, e.strerror))
        if in_process:
            select_impl(args.pure_python)
            from simloop_oracle import runner
            # A single file in a fresh interpreter (natively, and under
            # Pyodide, whose Task counter also starts at 1) needs no
            # counter probe: its names are a fresh process's as they come.
            probe = len(args.files) > 1 or args.reused
            for path in args.files:
                text = runner.run_scenario(
                    path, lambda line: out.write(line + "\n"), decisions,
                    args.max_steps, probe=probe, machine=machine)
                if std:
                    std.write(text)
                out.flush()
        else:
            _run_children(args, out, std)
    finally:
        if std:
            std.close()
        if close_out:
            out.close()
        else:
            out.flush()
    return 0


def _run_children(args, out, std):
    env = dict(os.environ)
    here = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    env["PYTHONPATH"] = here + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    env.pop("PYTHONASYNCIODEBUG", None)
    with tempfile.TemporaryDirectory(prefix="simloop-oracle-") as tmp:
        jl, so = os.path.join(tmp, "t.jsonl"), os.path.join(tmp, "t.stdout")
        for path in args.files:
            rc = subprocess.call(_child_argv(args, path, jl, so), env=env)
            if rc != 0:
                raise UsageError("oracle child failed on %s (exit %d)" % (path, rc))
            with open(jl, encoding="utf-8") as f:
                out.write(f.read())
            out.flush()
            if std:
                with open(so, encoding="utf-8", newline="") as f:
                    std.write(f.read())


def main(argv=None):
    args_in = sys.argv[1:] if argv is None else argv
    if args_in[:1] == ["serve"]:            # CPython mode's fork server (serve.py)
        from . import serve
        return serve.main(args_in[1:])
    try:
        args = _parser().parse_args(argv)
    except SystemExit as e:
        return USAGE_ERROR if e.code else 0
    try:
        if args.cmd == "version":
            return cmd_version(args)
        return cmd_run(args)
    except UsageError as e:
        sys.stderr.write("simloop_oracle: error: %s\n" % e)
        return USAGE_ERROR


if __name__ == "__main__":
    sys.exit(main())
