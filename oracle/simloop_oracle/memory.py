"""CPython mode's memory budget (--max-memory, docs/cli.md "Budgets"), with
the outcomes simloop's engine gives (sim/scenario.c memory_budget_report):

- one request larger than the room left raises MemoryError in the
  program, which may catch it; nothing is allocated first;
- memory held in many small steps ends the run as `budget`: "memory
  budget of 4 GiB exhausted (--max-memory)".

The child's address space is limited (RLIMIT_AS) to what it uses when the
run starts plus the budget, so CPython's own allocator refuses the request
that does not fit and raises MemoryError where the program asked. Which of
the two cases it was is told when a MemoryError is seen (a task finished
with it, the loop's exception handler got it, or it escaped the program):
if a small probe mapping no longer fits, the memory the program holds
fills the budget, and the run ends as `budget`; otherwise it was one large
request, and the program has its MemoryError. The limit is lifted the
moment the budget is found exhausted, so the clean-up and the answer
never run short.
"""

import mmap
import sys

from .tracer import Budget, quiet_asyncio_cleanup

# The room an ordinary allocation needs (CPython's small-object arenas are
# 1 MiB, glibc grows its heap by 128 KiB and more): less than this left
# means the budget is spent.
PROBE = 4 << 20


def describe(nbytes):
    """The budget as simloop writes it (sl_budget_memory_format): 4 GiB,
    200 MiB, 1536 KiB, 1000 bytes."""
    names = ("bytes", "KiB", "MiB", "GiB", "TiB")
    i = 0
    while i < 4 and nbytes and not nbytes & 1023:
        nbytes >>= 10
        i += 1
    return "%d %s" % (nbytes, names[i])


def _vm_size():
    """The process's address space in bytes (/proc/self/statm), or None."""
    try:
        with open("/proc/self/statm", "rb") as f:
            pages = int(f.read().split()[0])
    except (OSError, ValueError, IndexError):
        return None
    return pages * mmap.PAGESIZE


class MemoryBudget:
    """Limits one run's memory (a context); `why` says it was exhausted."""

    def __init__(self, tracer, max_memory=None):
        self.tracer = tracer
        self.budget = int(max_memory) if max_memory else 0
        self.why = None
        self._saved = None

    def __enter__(self):
        if self.budget <= 0 or not sys.platform.startswith("linux"):
            return self
        import resource
        base = _vm_size()
        if base is None:
            return self
        soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        limit = base + self.budget
        for cap in (soft, hard):
            if cap != resource.RLIM_INFINITY:
                limit = min(limit, cap)
        try:
            resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
        except (ValueError, OSError):
            return self
        self._saved = (soft, hard)
        self.tracer.memory = self
        return self

    def __exit__(self, *exc):
        self._lift()
        if self.tracer.memory is self:
            self.tracer.memory = None
        return False

    def _lift(self):
        if self._saved is not None:
            import resource
            resource.setrlimit(resource.RLIMIT_AS, self._saved)
            self._saved = None

    def _spent(self):
        """True when not even PROBE bytes fit any more."""
        try:
            m = mmap.mmap(-1, PROBE)
        except (MemoryError, OSError):
            return True
        m.close()
        return False

    def seen(self, exc, stop=True):
        """A MemoryError reached the loop or the end of the run: when the
        budget is spent, the run ends as `budget` (Budget is raised at the
        loop's next select when stop)."""
        if self.why is not None or self._saved is None or not isinstance(exc, MemoryError):
            return self.why is not None
        if not self._spent():
            return False
        self._lift()
        self.why = "memory budget of %s exhausted (--max-memory)" % describe(self.budget)
        self.tracer._budget(self.why)
        if stop:
            quiet_asyncio_cleanup()
            self.tracer.stopped = Budget
        return True
