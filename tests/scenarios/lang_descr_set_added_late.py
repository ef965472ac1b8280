# A class attribute that becomes a data descriptor after it was stored:
# its class (or a base of its class) gains __set__ / __get__ / __delete__
# later, and the classes holding its instances, and their subclasses,
# follow at once, as CPython looks the descriptor's type up on each access.
import asyncio


class Base:
    pass


class Slot(Base):
    def __init__(self, label):
        self.label = label


class Record:
    pass


class SubRecord(Record):
    pass


def slot_set(self, obj, value):
    print("  set", self.label, value)
    obj.__dict__["_" + self.label] = value * 10


def slot_get(self, obj, owner):
    if obj is None:
        return self
    return obj.__dict__.get("_" + self.label, "unset")


def slot_delete(self, obj):
    print("  delete", self.label)


async def writer(rec, name, value):
    await asyncio.sleep(0)
    setattr(rec, name, value)
    return getattr(rec, name)


async def main():
    Record.size = Slot("size")
    r, s = Record(), SubRecord()
    r.size = 1
    print("plain class attribute:", r.size, sorted(r.__dict__))
    Slot.__set__ = slot_set
    r.size = 2
    s.size = 3
    print("after __set__:", r.size, type(s.size).__name__, sorted(r.__dict__), sorted(s.__dict__))
    Base.__get__ = slot_get
    print("after __get__ on a base:", r.size, s.size, Record.size.label)
    print(await asyncio.gather(writer(r, "size", 4), writer(s, "size", 5)))
    del Slot.__set__
    r.size = 6
    print("__set__ gone, the dict wins:", r.size, r.__dict__["size"])
    Slot.__delete__ = slot_delete
    del s.size
    try:
        s.size = 7
    except AttributeError as e:
        print("__delete__ alone makes it a data descriptor:", e, s.size)
    Record.count = Slot("count")
    Slot.__set__ = slot_set
    s.count = 8
    print("a second holder attribute:", s.count)


asyncio.run(main())
