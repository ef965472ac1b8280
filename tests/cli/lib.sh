# Shared helpers of the command-line tests (sourced). Each test runs in a
# fresh scratch folder; $SIMLOOP is the binary, $SL_SOURCE_DIR the tree.
set -u
: "${SIMLOOP:?}" "${SL_SOURCE_DIR:?}" "${SL_WORK:?}"
rm -rf "$SL_WORK" && mkdir -p "$SL_WORK" && cd "$SL_WORK" || exit 2

fail() {
  echo "FAIL: $*" >&2
  exit 1
}

# expect_status N cmd...: runs cmd, checks its exit status; output in out.txt/err.txt.
expect_status() {
  want=$1
  shift
  "$@" >out.txt 2>err.txt
  got=$?
  if [ "$got" != "$want" ]; then
    echo "--- stdout" >&2; cat out.txt >&2
    echo "--- stderr" >&2; cat err.txt >&2
    fail "'$*' exited $got, expected $want"
  fi
}

# expect_in FILE TEXT: FILE contains the fixed string TEXT.
expect_in() {
  grep -qF -- "$2" "$1" || { cat "$1" >&2; fail "'$2' not in $1"; }
}

# alter_handle IN OUT STEP NEWNAME: copies a JSONL trace, renaming the first
# handle of step STEP (what a divergent engine would produce).
alter_handle() {
  awk -v step="$3" -v name="$4" '
    !done && index($0, "{\"ev\":\"handle\",\"step\":" step ",") == 1 {
      sub(/"name":"[^"]*"/, "\"name\":\"" name "\""); done = 1
    }
    { print }' "$1" >"$2"
  cmp -s "$1" "$2" && fail "alter_handle: no handle in step $3 of $1"
  return 0
}
