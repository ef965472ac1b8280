# str's case methods and character classes beyond ASCII: Cyrillic, Greek
# (with the final sigma of lower()), Armenian, Cherokee, titlecase
# digraphs, SpecialCasing's one-to-many mappings ('ß'.upper() == 'SS',
# ligatures, 'İ'.lower()), and a sweep over Latin-1 to Armenian that sums
# every method's result per block. A task filters messages on lower-cased
# words, as real programs do (split() must step over whole characters: a
# word ending in 'р', bytes D1 80, once split before its last byte).
import asyncio

# Unicode 16 (CPython 3.14) gave these an upper case: simloop's tables are
# Unicode 14's (CPython 3.11's) on every profile.
UNICODE_16_CHANGED = {0x19B, 0x264}
BANNED = {"ошибка", "баг", "σφάλμα", "fehler", "процессор"}
MESSAGES = [
    "Баг найден в коде.",
    "Всё работает",
    "ΣΦΑΛΜΑ στον διακομιστή",
    "Ein FEHLER ist aufgetreten",
    "Straße ist frei",
    "Процессор сервера перегружен.",
    "СЕРВЕР ПРОЦЕССОР  Р р",
]


def sweep(lo, hi):
    acc = 0
    for c in range(lo, hi):
        if c in UNICODE_16_CHANGED:
            continue
        ch = chr(c)
        for s in (ch.upper(), ch.lower(), ch.title(), ch.casefold(), ch.swapcase()):
            for x in s:
                acc = (acc * 31 + ord(x)) % 1000000007
        flags = (ch.isalpha(), ch.isdecimal(), ch.isdigit(), ch.isnumeric(), ch.isspace(),
                 ch.islower(), ch.isupper(), ch.istitle(), ch.isalnum())
        for i, flag in enumerate(flags):
            if flag:
                acc = (acc + (i + 1) * c) % 1000000007
    return acc


async def check(message):
    await asyncio.sleep(0.01 * len(message))
    words = {w.strip(".,").lower() for w in message.split()}
    return message, sorted(words & BANNED)


async def main():
    words = ["ΣΊΣΥΦΟΣ", "ΟΔΟΣ.", "Σ", "AΣ", "AΣ'B", "ǅungla", "ǆ", "ﬁre", "straße",
             "İstanbul", "ŉ", "Привет, МИР", "ԱԲԳ աբգ", "ᏣᎳᎩ", "ǈ", "µ"]
    for w in words:
        print(w, "|", w.lower(), w.upper(), w.title(), w.capitalize(), w.swapcase(),
              w.casefold(), "|", w.istitle(), w.isupper(), w.islower(), w.isalpha())
    print("digits:", "٣٤".isdecimal(), "²".isdigit(), "²".isdecimal(), "½".isnumeric(),
          "Ⅻ".isnumeric(), "\u2003".isspace(), "\u00a0x".isspace())
    for lo in range(0x80, 0x590, 0x80):
        print(hex(lo), sweep(lo, lo + 0x80))
    for text in ("  Процессор  ", "р\u00a0", "\u2003ab Р", "α β\u3000γ"):
        print(text.split(), text.rsplit(None, 1), repr(text.strip()), repr(text.rstrip()))
    for message, hits in await asyncio.gather(*(check(m) for m in MESSAGES)):
        print(repr(message), "->", hits or "clean")


asyncio.run(main())
