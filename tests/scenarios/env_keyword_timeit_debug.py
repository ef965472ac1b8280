# Small pieces of the standard library that tutorials reach for around
# their asyncio code: keyword.kwlist (names to try as domains),
# timeit.default_timer (timing the run on the virtual clock) and the
# loop's set_debug()/get_debug() flag.
import asyncio
import keyword
import timeit
from keyword import kwlist


short = [kw for kw in kwlist if len(kw) <= 3]
print(len(kwlist), short)
print(keyword.iskeyword("await"), keyword.iskeyword("print"), keyword.iskeyword("match"))
print(keyword.issoftkeyword("case"), keyword.issoftkeyword("else"), keyword.issoftkeyword("type"))
print(type(keyword.softkwlist).__name__, "_" in keyword.softkwlist)
print(sorted(kwlist) == kwlist, kwlist is keyword.kwlist)


async def lookup(name, delay):
    await asyncio.sleep(delay)
    return f"{name}.dev"


async def main():
    start = timeit.default_timer()
    found = await asyncio.gather(*(lookup(n, len(n) / 4) for n in short))
    print(found)
    print(f"took {timeit.default_timer() - start:.2f} s")


loop = asyncio.new_event_loop()
print(loop.get_debug(), repr(loop))
loop.set_debug(True)
print(loop.get_debug(), repr(loop))
loop.set_debug(1)
print(loop.get_debug(), repr(loop))
loop.set_debug(False)
try:
    loop.set_debug()
except TypeError as e:
    print("TypeError")
loop.run_until_complete(main())
loop.close()
print(loop.get_debug())
