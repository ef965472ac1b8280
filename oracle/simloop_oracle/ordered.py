"""An insertion-ordered set that is still a ``set``.

Used only to pin iteration orders that CPython leaves to memory addresses
(see oracle/README.md, "Pinned orders").  It is a ``set`` subclass, so
``isinstance(x, set)``, membership, ``len`` and truth behave as before; only
iteration follows insertion order.  Methods that CPython's asyncio calls on
these sets are kept in sync with the order; set algebra (``a - b``) returns a
plain ``set`` as it does for any subclass.  ``repr``/``str`` are a plain
set's (``{a, b}``, ``set()``), so what a scenario prints is what CPython
prints; only ``type(s)`` still shows the pinning class (docs/conformance.md).
"""


class OrderedSet(set):
    __slots__ = ("_order",)

    def __init__(self, iterable=()):
        super().__init__()
        self._order = {}
        for x in iterable:
            self.add(x)

    def add(self, x):
        set.add(self, x)
        self._order[x] = None

    def discard(self, x):
        set.discard(self, x)
        self._order.pop(x, None)

    def remove(self, x):
        set.remove(self, x)
        self._order.pop(x, None)

    def pop(self):
        if not self._order:
            raise KeyError("pop from an empty set")
        x = next(iter(self._order))
        self.remove(x)
        return x

    def clear(self):
        set.clear(self)
        self._order.clear()

    def update(self, *iterables):
        for it in iterables:
            for x in it:
                self.add(x)

    def __ior__(self, other):
        self.update(other)
        return self

    def copy(self):
        return OrderedSet(self)

    def __iter__(self):
        return iter(self._order)

    def __repr__(self):
        if not self._order:
            return "set()"
        return "{" + ", ".join(map(repr, self._order)) + "}"

    __str__ = __repr__

    def __reduce__(self):
        return (OrderedSet, (list(self._order),))
