# Output files (-o, decision logs): a device node, FIFO or symlink named as
# the output is written through, never replaced by a regular file; a
# regular file is replaced whole; a write error is reported with exit 2.
# Device nodes are made here with mknod, never the machine's /dev.
. "$SL_SOURCE_DIR/tests/cli/lib.sh"
ex="$SL_SOURCE_DIR/examples/bank.py"

# A character device (the null device's numbers, 1:3) in the scratch folder.
if mknod -m 666 null c 1 3 2>/dev/null; then
  # explore finds bank.py's overdraft (exit 1) and writes its decision log.
  expect_status 1 $SIMLOOP explore "$ex" --runs 50 -o null
  [ -c null ] || fail "explore -o replaced the device node with a $(stat -c %F null)"
  expect_status 0 $SIMLOOP gen --seed 1 -o null
  [ -c null ] || fail "gen -o replaced the device node with a $(stat -c %F null)"
  # The full device (1:7): every write fails with ENOSPC; exit 2 naming the path.
  if mknod -m 666 full c 1 7 2>/dev/null; then
    expect_status 2 $SIMLOOP gen --seed 1 -o full
    expect_in err.txt "full: cannot write: No space left on device"
    [ -c full ] || fail "gen -o replaced the full device"
  fi
else
  echo "note: mknod not permitted (not root): device nodes not checked" >&2
fi

# A FIFO: written in place, read by a reader started first.
mkfifo pipe
cat pipe >from_pipe.txt &
reader=$!
expect_status 0 $SIMLOOP gen --seed 3 -o pipe
wait $reader
[ -p pipe ] || fail "gen -o replaced the FIFO"
$SIMLOOP gen --seed 3 >direct.txt
cmp -s from_pipe.txt direct.txt || fail "the FIFO did not receive the program"

# A symlink: its target is written, the link stays a link.
echo old >target.txt
ln -s target.txt link.txt
expect_status 0 $SIMLOOP gen --seed 3 -o link.txt
[ -L link.txt ] || fail "gen -o replaced the symlink"
cmp -s target.txt direct.txt || fail "the symlink's target was not written"

# A regular file keeps its mode and is replaced whole; no temporary is left.
echo old >reg.txt
chmod 640 reg.txt
expect_status 0 $SIMLOOP gen --seed 3 -o reg.txt
cmp -s reg.txt direct.txt || fail "the regular file was not replaced"
[ "$(stat -c %a reg.txt)" = 640 ] || fail "mode changed to $(stat -c %a reg.txt)"
ls | grep -q '\.tmp' && fail "temporary file left: $(ls)"

# A directory is refused with its name.
mkdir adir
expect_status 2 $SIMLOOP gen --seed 3 -o adir
expect_in err.txt "adir: cannot write: Is a directory"
exit 0
