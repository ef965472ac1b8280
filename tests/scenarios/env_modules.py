# The program's own modules: a package beside the scenario, imported in
# every form (import, from-import of names and of a submodule, relative
# imports inside the package), each module's body run once, __name__,
# __module__ of its classes and errors raised inside it.
import asyncio

import env_modules_lib
import env_modules_lib.timing
from env_modules_lib import delay, Clock, errors
from env_modules_lib.errors import RetryError, fail


async def main():
    clock = Clock()
    done = await asyncio.gather(delay(0.25, "a"), delay(0.1, "b"))
    print("gathered", done, "elapsed", clock.elapsed())
    print(Clock.__module__, Clock.__qualname__, RetryError.__module__, __name__)
    print(env_modules_lib.timing is env_modules_lib.timing, env_modules_lib.errors is errors)
    print(env_modules_lib.LOADS, env_modules_lib.__name__, errors.__name__, errors.__package__)
    print(env_modules_lib.timing.__file__.endswith("env_modules_lib/timing.py"))
    try:
        fail(3)
    except RetryError as e:
        print("caught", type(e).__name__, e, e.attempts, repr(e))
    try:
        errors.takes_star(*5)
    except TypeError as e:
        print("TypeError:", e)
    from env_modules_lib import late
    print(late.VALUE)
    await asyncio.sleep(0.5)
    fail(4)


if __name__ == "__main__":
    asyncio.run(main())
