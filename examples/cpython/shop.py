"""A shop outside simloop's own subset: handlers registered by a
metaclass under `re` patterns, stock records made with attrs (Debian's
python3-attr). Runs only under --engine cpython (docs/cpython.md "A
program outside the subset").

The bug: Buy checks the stock, awaits the payment, then takes the item.
A second buyer who comes while the first one's payment is still on the
way sees the same item in stock: sold twice."""

import asyncio
import re

import attr

ROUTES = []


class Routed(type):
    """Registers every handler class under the pattern it declares."""

    def __new__(mcls, name, bases, namespace):
        cls = super().__new__(mcls, name, bases, namespace)
        if "pattern" in namespace:
            ROUTES.append((re.compile(namespace["pattern"]), cls))
        return cls


class Handler(metaclass=Routed):
    pass


@attr.s(auto_attribs=True)
class Stock:
    item: str
    count: int = attr.ib(validator=attr.validators.instance_of(int))


STOCK = {"apple": Stock("apple", 1)}


class Buy(Handler):
    pattern = r"^buy (?P<item>\w+)$"

    async def handle(self, item):
        stock = STOCK[item]
        if stock.count > 0:
            await asyncio.sleep(0.01)           # the payment round trip
            stock.count -= 1
            assert stock.count >= 0, "sold %s twice: %r" % (item, stock)
            return "sold"
        return "out of stock"


class Look(Handler):
    pattern = r"^look (?P<item>\w+)$"

    async def handle(self, item):
        return repr(STOCK[item])


async def dispatch(line):
    for pattern, cls in ROUTES:
        m = pattern.match(line)
        if m:
            return await cls().handle(**m.groupdict())
    return "unknown command"


async def client(line, delay):
    await asyncio.sleep(delay)
    return await dispatch(line)


async def main():
    results = await asyncio.gather(client("buy apple", 0), client("buy apple", 0.015),
                                   client("look apple", 0.02))
    print(results)


asyncio.run(main())
