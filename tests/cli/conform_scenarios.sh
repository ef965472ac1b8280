# scenarios.conform.<V>: every scenario of tests/scenarios, step for step
# against real CPython V, in one batch (one oracle process: much cheaper
# than one per scenario); its report is kept in $SL_WORK/results.txt.
# scenarios.conform.<V>.<name> (conform_scenarios.sh V NAME.py, run after
# the batch): the verdict of one scenario, read from the batch's report
# ($SL_BATCH) when that report is newer than the binary, the scenario and
# the oracle; otherwise (run alone, or stale) conform runs on it alone.
# Exit 77 (skip) only when that CPython is not installed here; any
# divergence or error fails.
. "$(dirname "$0")/lib.sh"
v=$1 one=${2:-}
case $v in
  3.11) [ -x /usr/bin/python3 ] || { echo "no native CPython 3.11"; exit 77; } ;;
  3.11.*) # a second native 3.11 release (these machines: pyenv's 3.11.7)
     for py in ${SIMLOOP_PYTHON:-} /usr/bin/python3 "$(command -v python3)"; do
       [ -n "$py" ] && [ -x "$py" ] && [ "$("$py" -c 'import platform; print(platform.python_version())')" = "$v" ] && break
       py=""
     done
     [ -n "$py" ] || { echo "no native CPython $v here"; exit 77; } ;;
  *) pkg=pyodide-$(echo "$v" | tr -d .)
     if ! command -v node >/dev/null || [ ! -f "$SL_SOURCE_DIR/oracle/pyodide/node_modules/$pkg/pyodide.mjs" ]; then
       echo "CPython $v (Pyodide) is not installed: cd oracle/pyodide && npm ci"
       exit 77
     fi ;;
esac
cd "$SL_SOURCE_DIR" || exit 2
if [ -n "$one" ]; then
  f=tests/scenarios/$one
  [ -f "$f" ] || { echo "no scenario $f"; exit 2; }
  log=${SL_BATCH:-}/results.txt
  # The batch's report is used only when nothing it depends on changed after
  # it: the binary, the scenario, the oracle's sources (*.py and *.mjs only:
  # running the oracle rewrites its __pycache__).
  if [ -n "${SL_BATCH:-}" ] && [ -f "$log" ] &&
     [ -z "$(find "$SIMLOOP" "$f" oracle/simloop_oracle oracle/pyodide -path '*/node_modules' -prune -o \
               \( -name '*.py' -o -name '*.mjs' -o -path "$SIMLOOP" -o -path "$f" \) \
               -newer "$log" -print 2>/dev/null | head -1)" ]; then
    # The scenario's line and, when it diverges, the indented report after it.
    verdict=$SL_WORK/verdict.txt
    awk -v f="$f" '
      /^[^ ]/ { inblock = 0 }
      /^[^ ]/ && ($2 == "identical" || $2 == "DIVERGES") && $3 == f { inblock = 1 }
      inblock { print }' "$log" >"$verdict"
    if [ -s "$verdict" ]; then
      cat "$verdict"
      head -1 "$verdict" | grep -q '^[^ ]* *identical ' && exit 0
      exit 1
    fi
    echo "(not in the batch report: running it alone)"
  fi
  exec "$SIMLOOP" conform "$f" --python "$v"
fi
# Scenarios are the .py files that are not tools (a tool starts with "#!").
set --
for f in tests/scenarios/*.py; do
  head -c 2 "$f" | grep -q '^#!' || set -- "$@" "$f"
done
[ $# -gt 0 ] || { echo "no scenarios in tests/scenarios"; exit 2; }
"$SIMLOOP" conform "$@" --python "$v" >"$SL_WORK/results.txt" 2>&1
rc=$?
cat "$SL_WORK/results.txt"
exit $rc
