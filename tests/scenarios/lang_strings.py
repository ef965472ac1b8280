import asyncio

async def main():
    s = "  Hello, World  "
    print(s.strip(), s.lower(), s.upper().strip(), s.split(","), "-".join(["a", "b"]))
    t = "a,b,,c"
    print(t.split(","), t.replace(",", ";"), t.find("b"), t.startswith("a,"), t.endswith("c"))
    print(len(t), t[1:4], t[::-1], t[-1], "x" * 3, "ab" + "cd", "b" in t)
    print("hello world".title(), "abc".center(9, "*"), "42".zfill(5), "a b  c".split())
    print(repr("it's"), repr('say "hi"'), "tab\there", "é".upper(), len("héllo"))

asyncio.run(main())
