# sum() over lists whose items start with small ints: the int prefix,
# then floats, bools, big ints past 64 bits, an object with __radd__
# that changes the list mid-sum, a list subclass with and without its
# own __iter__, start values of other kinds, an empty list, an iterator
# half consumed before sum() takes it.
import asyncio


class Grow:
    def __init__(self, lst):
        self.lst = lst

    def __radd__(self, other):
        print("radd", other, len(self.lst))
        self.lst.append(100)
        return other + 1


class Mine(list):
    pass


class Odd(list):
    def __iter__(self):
        print("Odd.__iter__")
        return iter([7, 8])


async def main():
    print(sum([1, 2, 3]), sum([]), sum([], 5), sum([1, 2], 10))
    print(sum([1, 2, 3.5, 4]), sum([1, True, 2]), sum([True, 1]))
    big = 2**62
    print(sum([big, big, big, 1]), sum([-big, -big, -big, -big, -1]))
    print(sum([2**70, 1, 2]), sum([1, 2, 2**70]))
    lst = [1, 2, 3]
    lst.append(Grow(lst))
    lst.append(4)
    print(sum(lst), len(lst))
    print(sum(Mine([1, 2, 3])), sum(Odd([1, 2, 3])))
    print(sum([1, 2], 0.5), sum([0.5, 1, 2]))
    it = iter([1, 2, 3, 4, 5])
    next(it)
    next(it)
    print(sum(it), list(it))
    try:
        sum([1, 2, "x"])
    except TypeError as e:
        print("TypeError", e)
    try:
        sum([1, 2], "s")
    except TypeError as e:
        print("TypeError", e)
    print(sum(x for x in [1, 2, 3]), sum((1, 2, 3)), sum(range(5)))
    await asyncio.sleep(0)
    print(sum([i for i in range(1000)]))


asyncio.run(main())
