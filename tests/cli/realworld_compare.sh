# tests/realworld/compare.py's verdicts (docs/realworld.md): a program whose
# output differs from CPython's only by object addresses, which CPython's
# own runs print differently, is `same-but-addresses`; hex(255) printed by
# both is `same`.
. "$SL_SOURCE_DIR/tests/cli/lib.sh"

mkdir progs
cat >progs/addr.py <<'PY'
import asyncio

async def main():
    print("main is", main)
    print("coro is", main.__name__, hex(255))

asyncio.run(main())
PY
cat >progs/hex.py <<'PY'
print(hex(255), 0x10)
PY
printf 'progs/addr.py\nprogs/hex.py\n' >list.txt
expect_status 0 python3 "$SL_SOURCE_DIR/tests/realworld/compare.py" --simloop "$SIMLOOP" \
  list.txt --json res.json
grep -qE '^plain +same +1$' out.txt || fail "no 'same 1' line: $(cat out.txt)"
grep -qE '^plain +same-but-addresses +1$' out.txt || fail "no 'same-but-addresses 1' line"
python3 - <<'PY' || fail "verdicts in res.json"
import json, os
r = {os.path.basename(k): v["verdict"] for k, v in json.load(open("res.json")).items()}
assert r == {"addr.py": "same-but-addresses", "hex.py": "same"}, r
PY
exit 0
