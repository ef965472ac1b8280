# os.path's string operations (join, split, dirname, basename, splitext,
# normpath, isabs, abspath of an absolute path, sep/curdir/pardir) and
# sys.path as a list a program may append to, as book listings do to find
# their repository's packages from __file__.
import asyncio
import os
import os.path
import sys
from os import path

print(isinstance(sys.path, list), os.path is path, os.path.basename(__file__))
sys.path.append(os.path.join("/srv/book", os.path.pardir))
print(sys.path[-1], os.path.abspath(sys.path[-1]))

cases = ["", "a", "/", "//", "///a//b/", "a/./b/../../..", "/../x", "a//b/c/..", ".",
         "./", "../..", "/a/b/../../../c", "//a/../b", "a/b/", "chapter_10/listing_10_09.py"]
for p in cases:
    print(repr(p), os.path.normpath(p), os.path.split(p), os.path.dirname(p),
          os.path.basename(p), os.path.isabs(p))
for p in ["a.txt", ".bashrc", "a/b.c/d", "a/.b.c", "x.tar.gz", "..", "a..", "/.x.y"]:
    print(p, os.path.splitext(p))
print(os.path.join("a", "b", "/c", "d"), os.path.join("a/", "b"), os.path.join("", "x"),
      os.path.join("a", ""), os.path.sep, os.path.curdir, os.path.pardir)
for bad in (lambda: os.path.join("a", 3), lambda: os.path.dirname(None)):
    try:
        bad()
    except TypeError as e:
        print("TypeError", e)


async def main():
    here = os.path.dirname("/srv/book/chapter_10/listing_10_10.py")
    await asyncio.sleep(0.1)
    print(os.path.abspath(os.path.join(here, os.path.pardir)))


asyncio.run(main())
