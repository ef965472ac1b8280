import json
import os
import subprocess
import sys


def alter(path, step, name):
    with open(path, encoding="utf-8") as f:
        lines = f.read().splitlines()
    for i, line in enumerate(lines):
        ev = json.loads(line)
        if ev["ev"] == "handle" and ev["step"] == step:
            ev["name"] = name
            lines[i] = json.dumps(ev, separators=(",", ":"))
            break
    else:
        sys.exit("fake oracle: no handle in step %d" % step)
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")


def main():
    argv = sys.argv[1:]
    env = dict(os.environ, PYTHONPATH=os.environ["SL_REAL_ORACLE"])
    rc = subprocess.call([sys.executable, "-m", "simloop_oracle"] + argv, env=env)
    if rc == 0 and argv[:1] == ["run"] and os.environ.get("SL_ALTER_STEP"):
        alter(argv[argv.index("--jsonl") + 1], int(os.environ["SL_ALTER_STEP"]), "soon:user altered")
    return rc


sys.exit(main())
