# OSError(errno, strerror) is the subclass the errno names, as CPython's
# errno table makes it; the errno module has the platform's numbers
# (Linux under 3.11, Pyodide's under 3.12-3.14).
import asyncio
import errno

NAMES = ["ENOENT", "EEXIST", "EACCES", "EPERM", "EISDIR", "ENOTDIR", "EINTR",
         "ECHILD", "ESRCH", "ETIMEDOUT", "EALREADY", "EWOULDBLOCK", "ECONNABORTED",
         "ESHUTDOWN", "EAGAIN", "EPIPE", "ECONNREFUSED", "ECONNRESET", "EINPROGRESS",
         "EINVAL", "EBADF", "ENOSPC"]


class StorageError(OSError):
    pass


def classify(code):
    err = OSError(code, "simulated failure")
    return type(err).__name__


async def open_config(path, code):
    await asyncio.sleep(0.01)
    raise OSError(code, "cannot open", path)


async def main():
    for name in NAMES:
        code = getattr(errno, name)
        print(name, code, errno.errorcode.get(code), classify(code))
    print(type(OSError(errno.ENOENT)).__name__, type(OSError("text", "more")).__name__)
    print(type(OSError(errno.ENOENT, "a", "b", None, "c")).__name__)
    print(type(OSError(True, "bool errno")).__name__ == classify(1))
    print(type(StorageError(errno.ENOENT, "x")).__name__)
    print(type(FileNotFoundError(errno.EACCES, "y")).__name__)
    try:
        await open_config("settings.toml", errno.ENOENT)
    except FileNotFoundError as exc:
        print("missing:", exc, exc.errno == errno.ENOENT, exc.filename, exc.strerror)
    tasks = [asyncio.create_task(open_config(f"f{i}", c))
             for i, c in enumerate([errno.EACCES, errno.EEXIST, errno.ENOSPC])]
    for result in await asyncio.gather(*tasks, return_exceptions=True):
        print(type(result).__name__, result)
    print(hasattr(errno, "EHWPOISON"), hasattr(errno, "EHOSTDOWN"), len(errno.errorcode))


asyncio.run(main())
