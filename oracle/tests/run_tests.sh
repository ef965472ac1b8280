#!/bin/sh
# Oracle self-test (check.py) against one or more interpreters:
#   run_tests.sh 3.11       Debian's native CPython, /usr/bin/python3
#   run_tests.sh 3.11.7     a second native CPython of that exact version
#                           ($SIMLOOP_PYTHON, or python3 on PATH)
#   run_tests.sh 3.12       CPython 3.12 to 3.14 under Pyodide (Node.js and
#   run_tests.sh 3.13       oracle/pyodide/node_modules, from npm ci)
#   run_tests.sh 3.14
#   run_tests.sh            all of the above
# CTest runs one version per test (oracle.selftest.<version>).
# Exit status: 1 when a check failed; otherwise 77 ("skipped", never
# "passed") when an interpreter asked for is not installed here; else 0.
set -u
here=$(cd "$(dirname "$0")" && pwd)

# The interpreter that runs check.py itself (any python3 will do).
runner=
for py in /usr/bin/python3 "$(command -v python3 2>/dev/null)"; do
    [ -n "$py" ] && [ -x "$py" ] && { runner=$py; break; }
done

failed=0 skipped=0 ran=0
skip() { echo "SKIP oracle self-test $1: $2"; skipped=1; }

native_of_version() { # prints a native interpreter whose version is $1
    for py in ${SIMLOOP_PYTHON:-} /usr/bin/python3 "$(command -v python3 2>/dev/null)"; do
        [ -n "$py" ] && [ -x "$py" ] || continue
        [ "$("$py" -c 'import platform; print(platform.python_version())' 2>/dev/null)" = "$1" ] &&
            { echo "$py"; return 0; }
    done
    return 1
}

check() { # check VERSION ARGS...: runs check.py, counts the run
    v=$1; shift
    echo "== oracle self-test $v"
    "$runner" "$here/check.py" "$@" || failed=1
    ran=$((ran + 1))
}

[ $# -gt 0 ] || set -- 3.11 3.11.7 3.12 3.13 3.14
for v in "$@"; do
    if [ -z "$runner" ]; then skip "$v" "no python3 to run check.py"; continue; fi
    case $v in
    3.11)
        if [ -x /usr/bin/python3 ]; then check "$v" --python /usr/bin/python3
        else skip "$v" "no /usr/bin/python3"; fi ;;
    3.11.*)
        if py=$(native_of_version "$v"); then check "$v" --python "$py"
        else skip "$v" "no native CPython $v here"; fi ;;
    3.12|3.13|3.14)
        pkg=pyodide-$(echo "$v" | tr -d .)
        if ! command -v node >/dev/null 2>&1; then skip "$v" "no node (Node.js)"
        elif [ ! -f "$here/../pyodide/node_modules/$pkg/pyodide.mjs" ]; then
            skip "$v" "Pyodide not installed (cd oracle/pyodide && npm ci)"
        else check "$v" --pyodide "$v"; fi ;;
    *) echo "run_tests.sh: unknown version '$v'" >&2; exit 2 ;;
    esac
done
[ $failed = 0 ] || exit 1
[ $skipped = 0 ] || exit 77
[ $ran -gt 0 ] || exit 77
exit 0
