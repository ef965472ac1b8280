# str.maketrans and str.translate, as a chat program strips punctuation
# before counting words: the three forms of maketrans, tables that are
# dicts, dict subclasses with __missing__ and lists (a LookupError keeps
# the character), non-ASCII text, and CPython's errors.
import asyncio

STRIP = str.maketrans("", "", ".,!?;:")


class Rot(dict):
    def __missing__(self, cp):
        if 97 <= cp <= 122:
            return (cp - 97 + 13) % 26 + 97
        raise KeyError(cp)


async def count_words(inbox, counts):
    while (message := await inbox.get()) is not None:
        for word in message.lower().translate(STRIP).split():
            counts[word] = counts.get(word, 0) + 1
        await asyncio.sleep(0.01)


async def main():
    inbox = asyncio.Queue()
    counts = {}
    worker = asyncio.create_task(count_words(inbox, counts))
    for text in ["Hello, world!", "hello again; World?", "Привет, мир!"]:
        await inbox.put(text)
    await inbox.put(None)
    await worker
    print(sorted(counts.items()))
    print(sorted(STRIP.items()), "abc".maketrans("ab", "xy"))
    print("abc".translate(str.maketrans("ab", "xy")), "abc".translate({97: None, 98: "BB", 99: 100}))
    print("héllo wörld".translate(str.maketrans({"é": "e", "ö": "oe", "l": None, 32: "_"})))
    print("hello, rot13!".translate(Rot({44: None})), "abc".translate(["x", None]))
    print(str.maketrans({True: "t", 7: 8}))
    cases = [
        lambda: str.maketrans(),
        lambda: str.maketrans("a", "b", "c", "d"),
        lambda: str.maketrans("ab", "c"),
        lambda: str.maketrans({"ab": 1}),
        lambda: str.maketrans({1.5: 1}),
        lambda: str.maketrans(1),
        lambda: str.maketrans(1, "a"),
        lambda: str.maketrans("a", 1),
        lambda: str.maketrans("a", "b", 1),
        lambda: "a".translate({97: 1.5}),
        lambda: "a".translate({97: 0x110000}),
        lambda: "a".translate({97: -1}),
        lambda: "abc".translate(5),
        lambda: "a".translate(),
    ]
    for case in cases:
        try:
            case()
        except (TypeError, ValueError) as e:
            print(type(e).__name__, e)


asyncio.run(main())
