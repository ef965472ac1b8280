# The simulated process's stdin is empty (as from /dev/null): input()
# writes its prompt and raises EOFError; sys.stdin reads nothing. A program
# that replaces sys.stdin (an io.StringIO) feeds input() itself, as the
# interactive programs of asyncio tutorials are tested.
import asyncio
import contextlib
import io
import sys


async def ask(prompt):
    await asyncio.sleep(0.1)
    try:
        answer = input(prompt)
    except EOFError as e:
        print("|", type(e).__name__, e)
        return None
    print("| got", repr(answer))
    return answer


async def main():
    print(repr(sys.stdin), sys.stdin.name, sys.stdin.isatty())
    print(repr(sys.stdin.readline()), repr(sys.stdin.read()), sys.stdin.readlines())
    print([line for line in sys.stdin])
    print(await ask("name? "))
    print(await ask(""))
    print(await ask(42))
    saved = sys.stdin
    sys.stdin = io.StringIO("alice\nbob")
    try:
        names = [await ask("next> ") for _ in range(3)]
    finally:
        sys.stdin = saved
    print(names)
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        try:
            input("hidden prompt")
        except EOFError:
            pass
    print(repr(out.getvalue()))
    for args, kwargs in (("a", "b"), ()), ((), {"prompt": "p"}):
        try:
            input(*args, **kwargs)
        except TypeError as e:
            print("TypeError", e)


asyncio.run(main())
