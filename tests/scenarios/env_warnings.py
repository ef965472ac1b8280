# The warnings module: warn() with stacklevel from functions and tasks, the
# default filters and the registry that shows a warning once per line,
# catch_warnings(record=True), simplefilter/filterwarnings (error, ignore,
# always), formatwarning, a replaced showwarning, and the DeprecationWarning
# of datetime.utcnow() in 3.12+ going through the filters.
import asyncio
import datetime
import warnings


def old_api():
    warnings.warn("old_api is deprecated", DeprecationWarning, stacklevel=2)
    return 1


async def worker(n):
    warnings.warn(f"worker {n} is slow")
    await asyncio.sleep(0)
    return n


async def main():
    for _ in range(2):
        old_api()
    print(await asyncio.gather(worker(1), worker(2)))
    for _ in range(3):
        warnings.warn("in a loop", RuntimeWarning)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        for _ in range(2):
            old_api()
        warnings.warn("custom", UserWarning)
        warnings.warn(FutureWarning("an instance"))
    print(len(caught))
    for w in caught:
        print(w.category.__name__, str(w.message), w.lineno, w.filename == __file__)
    print(str(caught[0]).replace(__file__, "FILE"))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        try:
            warnings.warn("now an error")
        except UserWarning as e:
            print("raised", repr(e))
    warnings.filterwarnings("ignore", message="ignore.*me")
    warnings.warn("Ignore this me please")
    warnings.warn("keep this")
    warnings.filterwarnings("error", category=RuntimeWarning)
    try:
        warnings.warn("rt", RuntimeWarning)
    except RuntimeWarning as e:
        print("error:", e)
    try:
        warnings.warn("x", "notacategory")
    except TypeError as e:
        print("TypeError:", e)
    print(warnings.formatwarning("msg", UserWarning, "f.py", 3).strip())
    print(warnings.catch_warnings(record=True), warnings.catch_warnings())
    warnings.resetwarnings()
    print(warnings.filters)
    shown = []
    warnings.showwarning = lambda *a: shown.append(a[0])
    warnings.warn("to the hook")
    print([str(m) for m in shown])
    with warnings.catch_warnings(record=True) as log:
        warnings.simplefilter("always")
        datetime.datetime.utcnow()
    print("utcnow:", [(w.category.__name__, w.lineno) for w in log])


asyncio.run(main())
