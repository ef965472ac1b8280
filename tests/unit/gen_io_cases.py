#!/usr/bin/env python3
"""Generates tests/unit/io_cases.txt: small programs using io.StringIO,
io.BytesIO, contextlib.redirect_stdout/redirect_stderr and argparse, and
the exact output real CPython prints for each, per CPython version (3.11 is
/usr/bin/python3, 3.12-3.14 come from Pyodide when installed).

Run from the repository root:
    /usr/bin/python3 tests/unit/gen_io_cases.py
Same file format as gen_builtins_cases.py; the `builtins` unit test runs
every case under every listed profile. Each case runs with sys.stderr
pointing at its stdout, so argparse's usage and error texts (written to
sys.stderr) are compared too; a SystemExit prints as `SystemExit: 2`.
argparse reads the terminal's width through shutil.get_terminal_size():
the runner, like the oracle, has no terminal and no COLUMNS (80 columns).
"""
import json
import os
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from gen_builtins_cases import run_cpython, run_pyodide  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "io_cases.txt")

BLOCKS = [
    # StringIO: writing, position, reading back
    "import io\ns = io.StringIO()\nprint(s.write('abc'), s.write(''), s.write('h\\u00e9\\u2603'), s.tell(), repr(s.getvalue()))",
    "import io\ns = io.StringIO('hello\\nworld\\n')\nprint(s.tell(), s.write('J'), repr(s.getvalue()), s.tell(), repr(s.read()))",
    "import io\ns = io.StringIO('h\\u00e9llo')\nprint(s.read(2), s.tell(), s.read(0), s.read(-1), repr(s.read()), s.read(None))",
    "import io\ns = io.StringIO('a\\nbb\\n\\nccc')\nprint([s.readline() for _ in range(5)], s.tell())",
    "import io\ns = io.StringIO('abc\\ndef\\n')\nprint(repr(s.readline(2)), repr(s.readline(10)), repr(s.readline(None)), repr(s.readline(-1)))",
    "import io\nprint(io.StringIO('a\\nb\\nc').readlines(), io.StringIO('a\\nb\\nc').readlines(1), io.StringIO('ab\\ncd\\nef').readlines(3), io.StringIO('').readlines())",
    "import io\ns = io.StringIO('x')\ns.seek(4)\nprint(s.write('y'), repr(s.getvalue()), s.tell(), s.seek(0, 2), s.seek(0, 1), s.seek(0))",
    "import io\ns = io.StringIO('abcdef')\ns.seek(2)\nprint(s.truncate(), repr(s.getvalue()), s.tell(), s.truncate(10), s.truncate(1), repr(s.getvalue()), s.tell())",
    "import io\ns = io.StringIO('abcdef')\ns.seek(3)\ns.truncate(1)\nprint(s.write('Z'), repr(s.getvalue()))",
    "import io\ns = io.StringIO()\ns.writelines(['a', 'b\\n', 'c'])\ns.writelines(iter(['d']))\nprint(repr(s.getvalue()), s.readable(), s.writable(), s.seekable(), s.isatty(), s.flush(), s.closed, s.line_buffering)",
    "import io\nfor line in io.StringIO('one\\ntwo\\nthree'):\n    print(repr(line))\nprint(list(io.StringIO('')), list(io.StringIO('\\n\\n')))",
    "import io\nwith io.StringIO('q') as f:\n    print(f.read(), f.closed)\nprint(f.closed, f.close(), f.closed)",
    "import io\nprint(repr(io.StringIO(None).getvalue()), repr(io.StringIO().read()), repr(io.StringIO(initial_value='k').getvalue()))",
    "import io\nprint(type(io.StringIO()).__name__, io.StringIO, io.BytesIO, isinstance(io.StringIO(), io.StringIO), isinstance(io.BytesIO(), io.StringIO), io.SEEK_SET, io.SEEK_CUR, io.SEEK_END)",
    "import io\ns = io.StringIO('\\u00e9t\\u00e9 \\U0001F600 ok')\ns.seek(3)\nprint(s.read(3), s.tell())\ns.seek(1)\ns.write('X\\u00ff')\nprint(repr(s.getvalue()), s.tell(), len(s.getvalue()))",
    # StringIO errors
    "import io\nio.StringIO().write(5)",
    "import io\nio.StringIO().write(b'x')",
    "import io\nio.StringIO(5)",
    "import io\nio.StringIO(b'x')",
    "import io\nio.StringIO().seek(-1)",
    "import io\nio.StringIO('abc').seek(1, 1)",
    "import io\nio.StringIO('abc').seek(-1, 2)",
    "import io\nio.StringIO().seek(0, 3)",
    "import io\nio.StringIO().truncate(-1)",
    "import io\nio.StringIO().read(1.5)",
    "import io\nio.StringIO().readline('x')",
    "import io\ns = io.StringIO()\ns.close()\ns.write('x')",
    "import io\ns = io.StringIO()\ns.close()\ns.getvalue()",
    "import io\ns = io.StringIO()\ns.close()\ns.read()",
    "import io\ns = io.StringIO()\ns.close()\ns.tell()",
    "import io\ns = io.StringIO()\ns.close()\niter(s)",
    "import io\ns = io.StringIO()\ns.close()\ns.seek(0)",
    "import io\nio.StringIO().nosuch",
    # print(file=) and redirection
    "import io\ns = io.StringIO()\nprint('a', 1, None, file=s)\nprint('b', 'c', sep='-', end='|', file=s)\nprint(file=s)\nprint(repr(s.getvalue()))",
    "import io, sys\nfrom contextlib import redirect_stdout\nbuf = io.StringIO()\nwith redirect_stdout(buf) as got:\n    print('inside')\n    sys.stdout.write('w\\n')\nprint(got is buf, repr(buf.getvalue()))",
    "import io\nfrom contextlib import redirect_stdout\nouter, inner = io.StringIO(), io.StringIO()\nwith redirect_stdout(outer):\n    print(1)\n    with redirect_stdout(inner):\n        print(2)\n    print(3)\nprint(repr(outer.getvalue()), repr(inner.getvalue()))",
    "import io\nfrom contextlib import redirect_stdout\nbuf = io.StringIO()\nr = redirect_stdout(buf)\nwith r:\n    print('x')\nwith r:\n    print('y')\nprint(repr(buf.getvalue()))",
    "import io, sys\nfrom contextlib import redirect_stderr\nerr = io.StringIO()\nwith redirect_stderr(err):\n    print('oops', file=sys.stderr)\n    sys.stderr.write('more\\n')\nprint(repr(err.getvalue()))",
    "import io, sys\nsaved = sys.stdout\nsys.stdout = io.StringIO()\nprint('hidden')\ncaught = sys.stdout.getvalue()\nsys.stdout = saved\nprint(repr(caught))",
    "import io\nfrom contextlib import redirect_stdout\nbuf = io.StringIO()\ntry:\n    with redirect_stdout(buf):\n        print('before')\n        raise KeyError('k')\nexcept KeyError as e:\n    print('caught', e, repr(buf.getvalue()))",
    "from contextlib import redirect_stdout\nredirect_stdout()",
    "import io, json\ns = io.StringIO()\njson.dump({'b': 1, 'a': [None, True]}, s, indent=1, sort_keys=True)\ns.seek(0)\nprint(s.getvalue())\nprint(json.load(s))",
    "import io, logging\ns = io.StringIO()\nh = logging.StreamHandler(s)\nh.setFormatter(logging.Formatter('%(levelname)s %(message)s'))\nlog = logging.getLogger('t')\nlog.addHandler(h)\nlog.error('bad %s', 'thing')\nlog.warning('w')\nprint(repr(s.getvalue()), h, h.stream is s)",
    # BytesIO
    "import io\nb = io.BytesIO()\nprint(b.write(b'abc'), b.write(bytearray(b'de')), b.write(memoryview(b'f')), b.write(b''), b.tell(), b.getvalue())",
    "import io\nb = io.BytesIO(b'line1\\nline2\\nend')\nprint(b.readline(), b.read(3), b.tell(), b.readlines(), b.read(), b.read(5))",
    "import io\nb = io.BytesIO(b'0123456789')\nprint(b.seek(3), b.seek(2, 1), b.seek(-3, 2), b.read(), b.seek(-20, 1), b.seek(20), b.read(), b.tell())",
    "import io\nb = io.BytesIO(b'ab')\nb.seek(5)\nb.write(b'Z')\nprint(b.getvalue(), b.truncate(3), b.getvalue(), b.tell(), b.truncate(), b.getvalue())",
    "import io\nb = io.BytesIO(bytearray(b'xy'))\nb.write(b'Q')\nprint(b.getvalue(), list(io.BytesIO(b'a\\nb\\n')), io.BytesIO(None).getvalue(), io.BytesIO(initial_bytes=b'k').read())",
    "import io\nwith io.BytesIO(b'q') as f:\n    print(f.read(), f.closed, f.readable(), f.writable(), f.seekable())\nprint(f.closed)",
    "import io\nio.BytesIO().write('str')",
    "import io\nio.BytesIO().write(5)",
    "import io\nio.BytesIO('x')",
    "import io\nio.BytesIO().seek(-1)",
    "import io\nio.BytesIO().seek(0, 9)",
    "import io\nio.BytesIO().truncate(-2)",
    "import io\nb = io.BytesIO()\nb.close()\nb.read()",
    "import io\nb = io.BytesIO()\nb.close()\nb.getvalue()",
    "import io\nb = io.BytesIO()\nb.close()\nb.write(b'x')",
    "import io\nio.BytesIO().nosuch",
]

RUNNER = r"""
import sys, io, json, contextlib, warnings, os
warnings.simplefilter('ignore')
os.environ.pop('COLUMNS', None)
os.environ.pop('LINES', None)
os.get_terminal_size = lambda *a: (_ for _ in ()).throw(OSError(25, 'no terminal'))
cases = json.load(open(sys.argv[1]))
res = []
for name, src in cases:
    buf = io.StringIO()
    saved_err = sys.stderr
    with contextlib.redirect_stdout(buf):
        sys.stderr = buf
        try:
            exec(compile(src, '<case>', 'exec'), {'__name__': '__main__'})
        except BaseException as e:
            print('UNCAUGHT', type(e).__name__, e)
        sys.stderr = saved_err
    res.append(buf.getvalue())
json.dump(res, open(sys.argv[2], 'w'))
"""


def program_for_block(block):
    """The block's imports, then its body in a try that prints any
    exception, SystemExit included, as `Type: message`; sys.stderr is
    pointed at sys.stdout first (simloop's test harness, like the runner,
    compares one stream)."""
    lines = block.splitlines()
    imports = [ln for ln in lines if ln.startswith(("import ", "from "))]
    body = "\n".join("    " + ln for ln in lines if ln not in imports)
    return ("import sys\nsys.stderr = sys.stdout\n%s\ntry:\n%s\n"
            "except BaseException as e:\n    print(type(e).__name__ + ':', e)\n"
            % ("\n".join(imports), body))


def cases():
    return [("io%03d" % i, program_for_block(b)) for i, b in enumerate(BLOCKS)]


def main():
    cs = cases()
    tmp = tempfile.mkdtemp()
    cases_path = os.path.join(tmp, "cases.json")
    runner_path = os.path.join(tmp, "runner.py")
    with open(cases_path, "w") as f:
        json.dump(cs, f)
    with open(runner_path, "w") as f:
        f.write(RUNNER)
    results = {11: run_cpython(["/usr/bin/python3"], cases_path, os.path.join(tmp, "o11.json"),
                               runner_path)}
    for minor in (12, 13, 14):
        r = run_pyodide(minor, cases_path, os.path.join(tmp, "o%d.json" % minor), runner_path)
        if r is not None:
            results[minor] = r
        else:
            print("CPython 3.%d not available; left out" % minor, file=sys.stderr)
    with open(OUT, "w") as f:
        f.write("# Generated by tests/unit/gen_io_cases.py; do not edit.\n")
        for i, (name, src) in enumerate(cs):
            groups = {}
            for minor in sorted(results):
                groups.setdefault(results[minor][i], []).append(minor)
            for text, minors in groups.items():
                f.write("@@ case %s %s\n" % (name, " ".join(str(m) for m in minors)))
                f.write(src)
                f.write("@@ expect\n")
                f.write(text)
                f.write("@@ end\n")
    print("wrote %s (%d cases, versions %s)" % (OUT, len(cs), sorted(results)))


if __name__ == "__main__":
    main()
