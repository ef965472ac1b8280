#!/bin/sh
# Oracle self-test (CTest: oracle.selftest). Native CPython always; the
# Pyodide versions only when oracle/pyodide/node_modules exists (npm ci).
set -u
here=$(cd "$(dirname "$0")" && pwd)
status=0
for py in /usr/bin/python3 python3; do
    command -v "$py" >/dev/null 2>&1 || continue
    /usr/bin/python3 "$here/check.py" --python "$py" || status=1
done
if [ -d "$here/../pyodide/node_modules" ] && command -v node >/dev/null 2>&1; then
    for v in 3.12 3.13 3.14; do
        /usr/bin/python3 "$here/check.py" --pyodide "$v" || status=1
    done
fi
exit $status
