# SyntaxError, IndentationError, TabError and the three UnicodeError
# subclasses: structured constructors, attributes and str() as CPython;
# bytes.decode and str.encode raise them where CPython does.
import asyncio

def show(f):
    try:
        e = f()
        print(type(e).__name__, repr(str(e)), e.args)
        return e
    except Exception as x:
        print("raised", type(x).__name__, x)

e = show(lambda: SyntaxError())
print(e.msg, e.filename, e.lineno, e.offset, e.text, e.end_lineno, e.end_offset, e.print_file_and_line)
e = show(lambda: SyntaxError("bad"))
print(e.msg, e.filename, e.lineno)
e = show(lambda: SyntaxError("bad", ("/a/b/f.py", 3, 5, "x = ", 3, 7)))
print(e.msg, e.filename, e.lineno, e.offset, repr(e.text), e.end_lineno, e.end_offset)
show(lambda: SyntaxError("bad", ("f.py", 3, 5, "x")))
show(lambda: SyntaxError("bad", (None, 3, 5, "x")))
show(lambda: SyntaxError("bad", ("f.py", None, 5, "x")))
show(lambda: SyntaxError("bad", ("f.py", "3", 5, "x")))
show(lambda: SyntaxError("bad", ["f.py", 3, 5, "x"]))
show(lambda: SyntaxError("bad", ("f.py", 3)))
show(lambda: SyntaxError("bad", ("f.py", 3, 5, "x", 4)))
show(lambda: SyntaxError("bad", ("f.py", 3, 5, "x", 4, 5, 6)))
show(lambda: SyntaxError("bad", 5))
show(lambda: SyntaxError("bad", "abcd"))
show(lambda: SyntaxError("a", "b", "c"))
show(lambda: IndentationError("expected an indented block", ("t.py", 2, 1, "x\n")))
show(lambda: TabError("inconsistent use of tabs", ("t.py", 2, 1, "x\n")))
print(issubclass(TabError, IndentationError), issubclass(IndentationError, SyntaxError), SyntaxError.__mro__)
e = SyntaxError("m", ("f.py", 1, 2, "t"))
e.lineno = 9
e.filename = "/x/y.py"
print(str(e), e.lineno)
try:
    raise SyntaxError("invalid syntax", ("<string>", 1, 4, "1 +* 2\n", 1, 6))
except SyntaxError as err:
    print("caught", err, err.offset, repr(err))

show(lambda: UnicodeDecodeError("utf-8", b"\xff\xfe", 0, 1, "invalid start byte"))
e = show(lambda: UnicodeDecodeError("utf-8", b"ab\xe2\x82", 2, 4, "unexpected end of data"))
print(e.encoding, e.object, e.start, e.end, e.reason)
show(lambda: UnicodeDecodeError("utf-8", bytearray(b"ab"), 0, 1, "r"))
show(lambda: UnicodeDecodeError("utf-8", "ab", 0, 1, "r"))
show(lambda: UnicodeDecodeError("utf-8", b"ab"))
show(lambda: UnicodeDecodeError(1, b"ab", 0, 1, "r"))
show(lambda: UnicodeDecodeError("utf-8", b"ab", "0", 1, "r"))
show(lambda: UnicodeDecodeError("utf-8", b"ab", 5, 9, "r"))
show(lambda: UnicodeDecodeError("utf-8", b"ab", 1, 1, "r"))
show(lambda: UnicodeEncodeError("ascii", "h\xe9llo", 1, 2, "ordinal not in range(128)"))
show(lambda: UnicodeEncodeError("ascii", "h\u20acllo", 1, 2, "ordinal not in range(128)"))
show(lambda: UnicodeEncodeError("ascii", "h\U0001F600llo", 1, 2, "ordinal not in range(128)"))
show(lambda: UnicodeEncodeError("ascii", "hello", 1, 4, "ordinal not in range(128)"))
show(lambda: UnicodeEncodeError("ascii", b"hello", 1, 4, "x"))
show(lambda: UnicodeEncodeError("ascii"))
show(lambda: UnicodeTranslateError("h\xe9llo", 1, 2, "no mapping"))
show(lambda: UnicodeTranslateError("hello", 1, 3, "no mapping"))
show(lambda: UnicodeTranslateError("hello", 1, 3))
e = UnicodeEncodeError("ascii", "h\xe9llo", 1, 2, "bad")
e.reason = "changed"
e.start = 0
print(str(e), e.start, isinstance(e, UnicodeError), isinstance(e, ValueError), UnicodeDecodeError.__mro__)
for bad in (b"\xff", b"a\xe2\x82", b"\xe2\x28\xa1", b"\xf0\x90\x28", b"ok\xc3", b"\xed\xa0\x80", b"\xc0\xaf"):
    try:
        bad.decode()
    except UnicodeDecodeError as err:
        print("decode", bad, err, err.start, err.end, err.reason)
    print(bad.decode("utf-8", "replace"), bad.decode(errors="ignore"), bad.decode("utf-8", errors="backslashreplace"))
try:
    b"\xff".decode("utf-8", "bogus")
except LookupError as err:
    print("LookupError", err)
print(b"fine".decode("utf-8", "bogus"))
try:
    raise UnicodeDecodeError("utf-8", b"\xff", 0, 1, "invalid start byte")
except ValueError as err:
    print("as ValueError:", err)


def encode_all():
    for enc in ("ascii", "latin-1", "utf-8", "US-ASCII", "latin1"):
        for s in ("h\xe9llo", "h\u20ac\u20acllo", "plain"):
            try:
                print(enc, s.encode(enc))
            except UnicodeEncodeError as err:
                print("UnicodeEncodeError", err, err.start, err.end, err.reason, err.encoding, err.object)
    for handler in ("replace", "ignore", "backslashreplace", "xmlcharrefreplace"):
        print(handler, "h\xe9\U0001F600!".encode("ascii", handler), "\u20ac".encode("latin-1", handler))
    try:
        "\xe9".encode("ascii", "bogus")
    except LookupError as err:
        print("LookupError", err)


async def reader(chunks):
    out = []
    for chunk in chunks:
        await asyncio.sleep(0)
        try:
            out.append(chunk.decode())
        except UnicodeDecodeError as err:
            out.append(f"<{err.reason} at {err.start}>")
    return out


async def main():
    encode_all()
    print(await reader([b"ok", b"\xff\xfe", "caf\xe9".encode(), "caf\xe9".encode()[:-1]]))


asyncio.run(main())
