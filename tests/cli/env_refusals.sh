# Issue 10: a module simloop refuses on purpose is a compile error (exit
# status 2, file:line:col) that says why; a module merely not provided
# lists what is.
. "$SL_SOURCE_DIR/tests/cli/lib.sh"

refused() { # refused MODULE TEXT
  printf 'import asyncio\nimport %s\n' "$1" >prog.py
  expect_status 2 "$SIMLOOP" run prog.py
  expect_in err.txt "prog.py:2:8: error: module '$1' is not supported by simloop: $2"
}
refused tempfile "it makes real files, and the simulated machine has no file system"
refused tracemalloc "it traces the host interpreter's allocations"
refused doctest "it runs examples through CPython's compile() and exec()"
refused threading "threads exist only as the simulated pool"
refused subprocess "processes are outside the simulated machine"
printf 'import sqlite3\n' >prog.py
expect_status 2 "$SIMLOOP" run prog.py
expect_in err.txt "module 'sqlite3' is not supported by simloop (the modules it provides: __future__, abc, argparse, asyncio,"
exit 0
