# `from m import missing` raises ImportError (ceval's import_from), not
# AttributeError: programs fall back with `try: from x import y / except
# ImportError:`. The text names the module and its file, "(unknown
# location)" for a module without one, and a partially initialized module
# in a circular import; `name` and `path` say which module.
import asyncio


def tidy(text):
    """The file's last two path components: the output does not depend on
    where the checkout or the interpreter lives."""
    head, sep, tail = text.partition(" (/")
    if not sep:
        return text
    path, _, rest = tail.partition(")")
    return head + " (.../" + "/".join(path.split("/")[-2:]) + ")" + rest


def show(e):
    path = e.path if e.path is None else tidy(" (" + e.path + ")")
    print(type(e).__name__, "|", tidy(str(e)), "|", e.name, "|", path)


try:
    from asyncio import nosuch
except ImportError as e:
    show(e)
try:
    from collections import deque, nosuch as other
except ImportError as e:
    show(e)
    print("deque bound before the failure:", deque.__name__)
# itertools, not math: Debian's CPython builds math into the interpreter
# ("unknown location") where a CPython built from source (pyenv's 3.11.7)
# loads it from lib-dynload, a build's choice simloop does not model.
try:
    from itertools import nosuch
except ImportError as e:
    show(e)
try:
    from asyncio.events import nosuch
except ImportError as e:
    show(e)
try:
    from lang_import_from_errors_lib import helper, missing
except ImportError as e:
    show(e)
    print(helper.VALUE)
try:
    from lang_import_from_errors_lib.helper import missing
except ImportError as e:
    show(e)
try:
    from lang_import_from_errors_lib.ns import missing
except ImportError as e:
    show(e)
from lang_import_from_errors_lib import cycle_a

print(cycle_a.SEEN)

try:
    from lang_import_from_errors_lib.helper import fast_json as json_impl
except ImportError:
    json_impl = "fallback"
print("fallback used:", json_impl)


async def main():
    try:
        from asyncio import TaskGroupp
    except ImportError as e:
        show(e)
    print(isinstance(ImportError("x"), Exception), issubclass(ModuleNotFoundError, ImportError))
    await asyncio.sleep(0.1)
    from asyncio import sleep as nap
    await nap(0.1)
    print("done at", asyncio.get_running_loop().time())


asyncio.run(main())
