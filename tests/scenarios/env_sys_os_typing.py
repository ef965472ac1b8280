# sys, os and typing on the simulated machine: sys.argv is [FILE],
# version_info follows the version, sys.stdout.write goes where print goes;
# the environment is empty and the process id fixed; typing's names work
# in aliases, TypeVar and cast (annotations are not evaluated).
import asyncio
import os
import sys
from typing import Any, Dict, List, Optional, Tuple, TypeVar, Union, cast

print(len(sys.argv), sys.argv[0].endswith("env_sys_os_typing.py"))
print(sys.version_info >= (3, 11), sys.version_info[0], sys.maxsize >= 2**31 - 1)
n = sys.stdout.write("written by sys.stdout\n")
print(n)
sys.stdout.flush()
print(os.getenv("HOME"), os.getenv("HOME", "none"), dict(os.environ), os.environ.get("PATH"))
print(os.getpid())

T = TypeVar("T")
Pair = Tuple[int, str]
print(T, Pair, List[int], Dict[str, List[int]], Any)
print(Optional[int], Union[int, str])
print(cast(int, "not checked"), cast(List[T], [1]))


async def main(items: List[int]) -> Optional[int]:
    total: int = 0
    for x in items:
        total += x
    sys.stdout.write(f"total {total}\n")
    return total


print(asyncio.run(main([1, 2, 3])))
