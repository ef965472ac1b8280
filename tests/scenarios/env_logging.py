# logging on the simulated machine: basicConfig with a level, a format and
# stream=sys.stdout (so the lines are in the trace), a logger hierarchy,
# %-style arguments, asctime/msecs from the virtual clock (3.13 computes
# msecs from time_ns: 0.1 s is ",099" before and ",100" after), the caller's
# function and line, exception() with its traceback (one frame: 3.11
# and 3.13 mark sub-expressions with carets that simloop does not print), a second handler with
# its own Formatter and level, propagation, and the last-resort handler.
import asyncio
import logging
import sys

logging.basicConfig(level=logging.INFO, stream=sys.stdout,
                    format="%(asctime)s %(levelname)-8s %(name)s %(funcName)s:%(lineno)d %(message)s")
log = logging.getLogger("app")
db = logging.getLogger("app.db")


async def query(n):
    await asyncio.sleep(0.1 * n)
    db.info("query %d done at %.2f", n, asyncio.get_running_loop().time())
    db.debug("not shown: %s", n)
    try:
        raise ValueError(f"attempt {n} failed")
    except ValueError:
        log.exception("query %s", n)
    return n


async def main():
    logging.info("root %s", "info")
    print(log, db, logging.getLogger(), db.getEffectiveLevel(), db.isEnabledFor(logging.DEBUG))
    print(logging.getLevelName(logging.WARNING), logging.getLevelName(15), logging.getLevelName("ERROR"))
    results = await asyncio.gather(query(1), query(2))
    print("results", results)
    handler = logging.StreamHandler(sys.stdout)
    handler.setFormatter(logging.Formatter("[%(levelname)s] %(name)s: %(message)s"))
    handler.setLevel(logging.WARNING)
    db.addHandler(handler)
    db.info("to the root only")
    db.warning("to both, %s", {"k": 1})
    db.propagate = False
    db.error("to the db handler only")
    lonely = logging.getLogger("lonely")
    lonely.propagate = False
    lonely.warning("the last resort writes to stderr: %d", 3)
    log.log(25, "custom level %s", "25")


asyncio.run(main())
