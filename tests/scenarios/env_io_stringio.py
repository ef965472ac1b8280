# io.StringIO and io.BytesIO (in memory: the simulated machine has no
# files) as asyncio programs use them: print(file=...), tasks writing to
# one buffer, contextlib.redirect_stdout/redirect_stderr (print() follows
# a replaced sys.stdout), logging.StreamHandler(stream), json.dump into a
# buffer, reading back by line, seek/tell/truncate, and the errors.
from __future__ import annotations

import asyncio
import io
import json
import logging
import sys
from contextlib import redirect_stdout, redirect_stderr

report = io.StringIO()


async def worker(name: str, delay: float) -> str:
    for i in range(2):
        await asyncio.sleep(delay)
        print(f"{name} step {i}", file=report)
    return name


async def quiet(n):
    with redirect_stdout(io.StringIO()) as buf:
        print("inside", n)
        await asyncio.sleep(0.01)
        sys.stdout.write(f"written {n}\n")
    return buf.getvalue()


async def main():
    done = await asyncio.gather(worker("a", 0.02), worker("b", 0.03))
    print(done, repr(report.getvalue()), report.tell())
    report.seek(0)
    print([line.rstrip() for line in report])
    print(report.readline(), report.read(), repr(report.read()))
    captured = await quiet(1)
    print("captured:", repr(captured))

    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logging.Formatter("%(levelname)s:%(name)s:%(message)s"))
    log = logging.getLogger("svc")
    log.addHandler(handler)
    log.setLevel(logging.INFO)
    log.info("started %d", 3)
    await asyncio.sleep(0.1)
    log.warning("late")
    print(repr(stream.getvalue()), handler)

    out = io.StringIO()
    json.dump({"b": [1, 2], "a": None}, out, sort_keys=True)
    print(out.getvalue(), json.loads(out.getvalue()))

    err = io.StringIO()
    with redirect_stderr(err):
        print("to stderr", file=sys.stderr)
    print(repr(err.getvalue()))

    s = io.StringIO("héllo wörld\nline two\n")
    print(s.read(5), s.tell(), s.readline(), s.readlines(), s.tell())
    s.seek(3)
    print(s.write("LO"), repr(s.getvalue()), s.tell())
    s.seek(0, 2)
    s.seek(30)
    s.write("!")
    print(repr(s.getvalue()), s.tell(), s.truncate(5), repr(s.getvalue()), s.tell())
    s.writelines(["x", "y\n"])
    print(repr(s.getvalue()), s.readable(), s.writable(), s.seekable(), s.closed)
    for bad in (lambda: s.seek(-1), lambda: s.seek(1, 1), lambda: s.seek(0, 3),
                lambda: s.write(5), lambda: s.truncate(-2), lambda: io.StringIO(b"x"),
                lambda: s.read(1.5)):
        try:
            bad()
        except (ValueError, TypeError, OSError) as e:
            print(type(e).__name__, e)
    s.close()
    for bad in (s.getvalue, s.tell, lambda: s.write("x"), lambda: list(s)):
        try:
            bad()
        except ValueError as e:
            print(type(e).__name__, e)
    print(s.closed)

    b = io.BytesIO(b"abc\ndef\n")
    print(b.readline(), b.read(2), b.tell(), b.seek(-2, 2), b.read(), b.seek(-10, 1))
    print(b.write(b"XY"), b.write(bytearray(b"z")), b.getvalue(), list(io.BytesIO(b"1\n2")))
    b.seek(12)
    b.write(b"!")
    print(b.getvalue(), b.truncate(4), b.getvalue(), b.tell())
    for bad in (lambda: b.write("str"), lambda: b.seek(-1), lambda: b.seek(0, 7),
                lambda: io.BytesIO("x"), lambda: b.truncate(-1)):
        try:
            bad()
        except (ValueError, TypeError) as e:
            print(type(e).__name__, e)
    with io.BytesIO(b"q") as f:
        print(f.read(), f.closed)
    try:
        f.read()
    except ValueError as e:
        print(type(e).__name__, e, f.closed)
    print(type(b).__name__, io.StringIO, io.BytesIO, isinstance(b, io.BytesIO),
          isinstance(s, io.BytesIO), io.SEEK_SET, io.SEEK_CUR, io.SEEK_END)


asyncio.run(main())
print("done")
