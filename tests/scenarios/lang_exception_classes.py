# The built-in exception classes a program may name: the OSError family
# (PEP 3151), ImportError, the warning categories and the rest, caught by
# their bases inside tasks; OSError's file names in str() and attributes.
import asyncio

CLASSES = [
    FloatingPointError, ChildProcessError, FileExistsError, FileNotFoundError,
    InterruptedError, IsADirectoryError, NotADirectoryError, PermissionError,
    ProcessLookupError, ImportError, ModuleNotFoundError, ReferenceError,
    SystemError, Warning, UserWarning, DeprecationWarning,
    PendingDeprecationWarning, SyntaxWarning, RuntimeWarning, FutureWarning,
    ImportWarning, UnicodeWarning, BytesWarning, ResourceWarning, EncodingWarning,
]
BASES = [BaseException, Exception, ArithmeticError, OSError, ImportError, Warning]


async def raise_it(cls, *args):
    await asyncio.sleep(0.01)
    raise cls(*args)


async def main():
    for cls in CLASSES:
        bases = [b.__name__ for b in BASES if b is not cls and issubclass(cls, b)]
        print(cls.__name__, repr(cls), bases)
    print(IOError is OSError, EnvironmentError is OSError)
    for cls in (PermissionError, FileNotFoundError, ModuleNotFoundError, RuntimeWarning):
        task = asyncio.create_task(raise_it(cls, "denied"))
        try:
            await task
        except (OSError, ImportError) as e:
            print("caught", type(e).__name__, repr(e), str(e), e.args)
        except Warning as w:
            print("warning", type(w).__name__, w)
    e = PermissionError(13, "Permission denied", "/etc/shadow")
    print(str(e), repr(e), e.args, e.errno, e.strerror, e.filename, e.filename2)
    e = OSError(18, "Invalid cross-device link", "a", None, "b")
    print(str(e), e.args, e.filename, e.filename2)
    e = OSError(1, "x", None)
    print(str(e), e.args, e.filename)
    e = FileNotFoundError("plain")
    print(str(e), e.args, e.errno, e.filename)
    e = ImportError("no module named x")
    print(str(e), e.args)
    try:
        raise ModuleNotFoundError("No module named 'uvloop'")
    except ImportError as err:
        print("fallback:", err)


asyncio.run(main())
