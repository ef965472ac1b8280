# `cmake --install` into a temporary prefix, then the installed binary run
# from a folder outside both trees: it finds its oracle relative to itself
# (PREFIX/share/simloop/oracle) and a scenario conforms to CPython 3.11.
. "$(dirname "$0")/lib.sh"
: "${SL_BINARY_DIR:?}"
prefix=$SL_WORK/prefix
expect_status 0 cmake --install "$SL_BINARY_DIR" --prefix "$prefix"
bin=$prefix/bin/simloop
[ -x "$bin" ] || fail "no $bin"
for f in share/simloop/oracle/simloop_oracle/__main__.py share/simloop/oracle/pyodide/run.mjs \
         share/simloop/oracle/pyodide/package-lock.json share/doc/simloop/simloop-help.txt; do
  [ -f "$prefix/$f" ] || fail "not installed: $f"
done
expect_in "$prefix/share/doc/simloop/simloop-help.txt" "conform"
expect_status 0 "$bin" --version
expect_in out.txt "simloop "

# No path of the source or build tree in the program's data (debug info
# may name the sources; the program must not use them).
objcopy -O binary --only-section=.rodata "$bin" rodata.bin || fail "objcopy failed"
for tree in "$SL_SOURCE_DIR" "$SL_BINARY_DIR"; do
  grep -qF "$tree" rodata.bin && fail "$bin has the path $tree in its data"
done

# The installed binary, run elsewhere, with nothing pointing at the trees.
mkdir -p elsewhere && cp "$SL_SOURCE_DIR/tests/scenarios/task_gather.py" elsewhere/
cd elsewhere || exit 2
unset SIMLOOP_ORACLE PYTHONPATH
if [ -x /usr/bin/python3 ]; then
  expect_status 0 "$bin" conform task_gather.py --python 3.11
  expect_in out.txt "identical"
else
  echo "no /usr/bin/python3: conform of the installed binary not checked"
  exit 77
fi
# Moved elsewhere, the prefix still works: nothing absolute is compiled in.
mv "$prefix" "$SL_WORK/moved"
expect_status 0 "$SL_WORK/moved/bin/simloop" conform task_gather.py --python 3.11
expect_in out.txt "identical"
exit 0
