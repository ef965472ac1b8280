# Text of big ints: str/repr in containers and f-strings, format() specs
# (grouping, bases, fill and alignment, signs), %-formatting, int(str,
# base) of long strings, and CPython's 4300-digit limit on decimal text.
import asyncio


def attempt(label, thunk):
    try:
        print(label, thunk())
    except (ValueError, OverflowError, TypeError) as e:
        print(label, type(e).__name__ + ":", e)


async def report(name, value, delay):
    await asyncio.sleep(delay)
    return f"{name}: {value:,} ({value.bit_length()} bits)"


async def main():
    v = 2 ** 100 + 12345
    n = -(3 ** 80)
    print(v, n, repr(v), str(n), [v, n], (v,), {"k": n})
    print(f"{v}", f"{v!r}", f"{v:_}", f"{n:,}", f"{v:x}", f"{v:#X}", f"{n:#o}", f"{v:b}"[:20])
    for spec in ("", "d", ",", "_", "+", " ", "-", ">45", "<45", "^45", "=45", "045", "*^50,",
                 "+046_", "x", "_x", "#_b", "o", "#o", "e", ".3e", ".2f", "g", "%", "n"):
        print(repr(spec), format(v, spec), format(n, spec))
    print("%d|%i|%x|%X|%o|%#x|%+d|%35d|%-35d|%035d|%.40d" % (v, n, v, n, v, v, v, v, n, n, v))
    print("%e %.3f %g" % (v, n, v))
    print("{0} {0:,} {1:>40} {1:x}".format(v, n), hex(v), oct(n), bin(2 ** 70 + 5))
    for text, base in (("123456789012345678901234567890", 10), ("-0x1234567890abcdef1234", 0),
                       ("1_000_000_000_000_000_000_000", 10), ("zzzzzzzzzzzzzzzz", 36),
                       ("0b" + "10" * 40, 0), ("  +777777777777777777777777  ", 8)):
        attempt("int", lambda: int(text, base))
    attempt("int", lambda: int("12345678901234567890x"))
    attempt("int", lambda: int("9" * 4300) % 1000)
    attempt("int", lambda: int("9" * 4301))
    attempt("int", lambda: int("0x" + "f" * 5000, 16).bit_length())
    attempt("str", lambda: len(str(10 ** 4299)))
    attempt("str", lambda: str(10 ** 4300))
    attempt("repr", lambda: repr(-(10 ** 4300)))
    attempt("format", lambda: format(10 ** 4300, ","))
    attempt("format", lambda: len(format(10 ** 4300, "x")))
    attempt("fstring", lambda: f"{10 ** 5000}")
    attempt("percent", lambda: "%d" % 10 ** 5000)
    attempt("format", lambda: format(2 ** 70, "c"))
    attempt("format", lambda: format(2 ** 70, ".2"))
    attempt("format", lambda: format(2 ** 5000, "e"))
    lines = await asyncio.gather(report("a", 2 ** 64, 0.2), report("b", -(10 ** 25), 0.1),
                                 report("c", 255, 0.3))
    for line in lines:
        print(line)


asyncio.run(main())
