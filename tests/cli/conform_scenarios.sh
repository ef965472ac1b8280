# scenarios.conform.<V>: every scenario of tests/scenarios, step for step
# against real CPython V. Exit 77 (skip) only when that CPython is not
# installed here; any divergence or error fails.
. "$(dirname "$0")/lib.sh"
v=$1
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
# Scenarios are the .py files that are not tools (a tool starts with "#!").
set --
for f in tests/scenarios/*.py; do
  head -c 2 "$f" | grep -q '^#!' || set -- "$@" "$f"
done
[ $# -gt 0 ] || { echo "no scenarios in tests/scenarios"; exit 2; }
exec "$SIMLOOP" conform "$@" --python "$v"
