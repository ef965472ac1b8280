#!/usr/bin/python3
"""Generates tests/unit/numfmt_vectors.txt, the expectations of
tests/unit/test_numfmt.c, from real CPython:

  * 3.11: Debian's /usr/bin/python3 (3.11.2), run directly;
  * 3.12, 3.13, 3.14: Pyodide 0.27.7 (3.12.7), 0.29.3 (3.13.2) and
    314.0.7 (3.14.2) from oracle/pyodide/node_modules, run with node.

Usage (from the repository root):

    /usr/bin/python3 tests/unit/gen_numfmt_vectors.py            # all versions
    /usr/bin/python3 tests/unit/gen_numfmt_vectors.py --repr 100000 \\
        --only-repr --out /tmp/repr100k.txt                       # big repr sample
    /usr/bin/python3 tests/unit/gen_numfmt_vectors.py --specs 20 --out /tmp/big.txt

The same PAYLOAD runs in every interpreter and prints one line per case;
cases whose result is the same in several versions are merged. Pyodide is
a 32-bit build on musl: the payload skips cases whose outcome depends on
the word size (widths past 2**31) and the errno text of a float overflow is
rewritten to glibc's, which is what a Linux CPython prints.

Line format (tab separated, strings as hex of their UTF-8):
    <kind> <minors, e.g. 11,12> <arg1> <arg2> <result>
result: "OK:<hex>" or "EX:<ExceptionName>:<hex message>" (kinds R, FI, FF,
FS, SR, BR, PI, PF), or a typed value for arithmetic (see test_numfmt.c).
"""
import argparse
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PYODIDE = os.path.join(ROOT, "oracle", "pyodide", "node_modules")

PAYLOAD = r'''
import sys, struct, random, math
NATIVE = sys.maxsize > 2**32
NREPR = __NREPR__
NSPEC = __NSPEC__
ONLY_REPR = __ONLY_REPR__
out = []
def hx(s):
    return s.encode("utf-8", "surrogatepass").hex()
def bits(x):
    return struct.pack(">d", x).hex()
def fbits(h):
    return struct.unpack(">d", bytes.fromhex(h))[0]
def emit(kind, *fields):
    out.append(kind + "\t" + "\t".join(fields))
def res(fn):
    try:
        r = fn()
    except Exception as e:
        msg = str(e)
        if msg == "(68, 'Result not representable')":
            msg = "(34, 'Numerical result out of range')"
        return "EX:%s:%s" % (type(e).__name__, hx(msg))
    return "OK:" + hx(r)

rnd = random.Random(20240611)
def rand_double():
    k = rnd.random()
    if k < 0.5:
        return fbits("%016x" % rnd.getrandbits(64))
    if k < 0.6:  # subnormals
        return fbits("%016x" % (rnd.getrandbits(52) | (rnd.getrandbits(1) << 63)))
    if k < 0.8:  # human scale
        return rnd.uniform(-1e6, 1e6) * 10.0 ** rnd.randint(-8, 8)
    if k < 0.9:  # short decimals
        return float("%d.%de%d" % (rnd.randint(0, 999), rnd.randint(0, 99), rnd.randint(-30, 30)))
    # powers of two and their neighbours (asymmetric rounding gaps)
    x = math.ldexp(1.0, rnd.randint(-1074, 1023))
    return [x, math.nextafter(x, 0), math.nextafter(x, math.inf)][rnd.randint(0, 2)]

SPECIAL = [0.0, -0.0, 1.0, -1.0, 0.1, 0.5, 1.5, 2.5, -2.5, 0.125, 0.375, 2.675, 1e16, 1e15,
           9999999999999998.0, 123456789012345.6, 1e-4, 1e-5, 0.0001, 0.00001234, 1e22, 1e23,
           5e-324, -5e-324, 2.2250738585072014e-308, 1.7976931348623157e308, math.inf, -math.inf,
           math.nan, 0.30000000000000004, 1/3, 2/3, 100.0, 1e100, 12345.6789, -12345.6789,
           1234567.0, 0.000123456, 9.5, 0.95, 0.05, 99.99, 999.9999, 2**53, 2**53 + 2, 2**63,
           -2**63, 2**64, 3.14159, 6.02214076e23, 1.602e-19, 42.0, -0.0001, 1e300, 1.5e300]
SPECIAL = [float(x) for x in SPECIAL]

def gen_repr():
    xs = SPECIAL + [rand_double() for _ in range(NREPR)]
    for i in range(1, 300):  # integral values and ties around 2**53..2**70
        xs.append(float(rnd.randint(1, 10**rnd.randint(15, 22))))
        xs.append(float(5 * 10 ** rnd.randint(0, 25)))
    for x in xs:
        emit("R", bits(x), "", res(lambda: repr(x)))

FILLS = ["", "", "", " ", "*", "0", "x", "\u00e9", "\u20ac", "=", "<"]
ALIGNS = ["", "", "<", ">", "=", "^"]
def rand_spec(types):
    s = ""
    if rnd.random() < 0.4:
        a = rnd.choice(ALIGNS[2:])
        s += rnd.choice(FILLS) + a
    if rnd.random() < 0.3: s += rnd.choice("+- ")
    if rnd.random() < 0.1: s += "z"
    if rnd.random() < 0.2: s += "#"
    if rnd.random() < 0.2: s += "0"
    if rnd.random() < 0.5: s += str(rnd.choice([0, 1, 2, 5, 8, 10, 12, 15, 20, 25]))
    if rnd.random() < 0.3: s += rnd.choice([",", "_", ",", "_", ",_", "_,", ",,"])
    if rnd.random() < 0.4:
        s += "." + rnd.choice(["", "0", "1", "2", "3", "5", "6", "10", "17", "20", "30"])
        if rnd.random() < 0.2: s += rnd.choice([",", "_", ",_"])
    if rnd.random() < 0.85: s += rnd.choice(types)
    elif rnd.random() < 0.5: s += rnd.choice("abhijklmqrstuvwyzABCDHIJKLMNOPQRSTUVWYZ!$&()*/:;?@[]{}|~\x00\x7f\u00e9 ")
    return s

INT_TYPES = list("bcdoxXn") + ["", "", ""] + list("eEfFgG%")
FLOAT_TYPES = list("eEfFgGn%") + ["", "", "", ""]
STR_TYPES = ["s", "", "", "d", "r"]
INT_VALUES = [0, 1, -1, 7, -7, 42, 65, 255, -255, 1000, 1234, -1234, 123456789, -123456789,
              10**15, 2**53 + 1, 2**63 - 1, -2**63, 0x10ffff, 0x110000, 0x1f600, 127, 160]
STR_VALUES = ["", "a", "ab", "hello", "h\u00e9llo", "\u20ac\u20ac\u20ac", "tab\there", "12345",
              "\U0001f600x", "long string value here"]

def gen_format():
    fixed_int = ["", "d", "5", "<5", "^7", "=+8", "08", "08,", "09,", "010_", "#x", "#X", "#o",
                 "#b", "#010_x", "_b", "_x", ",", ",d", "c", "05c", "+c", "#c", ",c", "n", ",n",
                 ".2", ".2d", "z", "zd", "x=", "abc", "d ", "\u00e9", "\x00", "99999999999999999999",
                 "9223372036854775807", "9223372036854775808", ",,", "_,", ",_", "e", ".3e",
                 "%", ".1%", "g", "+g", "f", ".0f", ",f", "_%", " d", "-d", "+d", "= 10,",
                 "\u00e9^10", "\u00e9=10", ".,", "._", ".,d", "._b", ".2,d", ".,n", ".,c"]
    fixed_float = ["", "r", "e", ".3", ".2", ".0", ".1", ".17", "g", ".0g", "#g", "#.3g", "#",
                   "#.0f", "#.0e", ".3e", "E", "F", "G", "%", ".0%", "n", ",", "_", ",.2f",
                   "010,", "0=10,", "06,", "+", " ", "z", "z.1f", "-010.3f", "=+012.4e",
                   "^20.5g", "\u00e9^15", ".30f", ".50e", ".20g", "c", "d", "x", "._f",
                   ".3_f", ".6_e", ".6,g", "._", ".,n", ".2,%", "_.3_f", "012.3_f",
                   ".99999999999999999999", ".2147483648f", "._,f", ".,_f", ".2__f"]
    fixed_str = ["", "s", "5", ">5", "^5", "<5", ".1", ".0", "10.3", "05", "+", " ", "-", "z",
                 "#", "=", "#=", ",", "_", "d", "\u00e9^7.1", "*^9s", ".,", ".2,", "._s",
                 "z#", "+#", "<<<", "x<10"]
    def ok_spec(spec):
        if NATIVE: return True
        # 32-bit Pyodide: widths/precisions past 2**31 behave differently
        digits = "".join(c if c.isdigit() else " " for c in spec).split()
        return all(int(d) < 2**31 for d in digits)
    for spec in fixed_int + [rand_spec(INT_TYPES) for _ in range(1500 * NSPEC)]:
        if not ok_spec(spec): continue
        for v in (INT_VALUES if spec in fixed_int else [rnd.choice(INT_VALUES)]):
            if not NATIVE and spec.endswith("c") and abs(v) >= 2**31:
                continue  # a 32-bit C long: a different OverflowError text
            emit("FI", str(v), hx(spec), res(lambda: format(v, spec)))
    fvals = SPECIAL[:]
    for spec in fixed_float + [rand_spec(FLOAT_TYPES) for _ in range(2500 * NSPEC)]:
        if not ok_spec(spec): continue
        vs = fvals if spec in fixed_float else [rnd.choice(fvals + [rand_double()])]
        for x in vs:
            emit("FF", bits(x), hx(spec), res(lambda: format(x, spec)))
    for spec in fixed_str + [rand_spec(STR_TYPES) for _ in range(600 * NSPEC)]:
        if not ok_spec(spec): continue
        for s in (STR_VALUES if spec in fixed_str else [rnd.choice(STR_VALUES)]):
            emit("FS", hx(s), hx(spec), res(lambda: format(s, spec)))

def gen_parse():
    ints = ["0", "1", "-1", "+1", " 12 ", "\t12\n", "1_000", "1__0", "_1", "1_", "abc", "", " ",
            "12a", "9223372036854775807", "9223372036854775808", "-9223372036854775808",
            "-9223372036854775809", "99999999999999999999999", "0x1f", "0X1F", "0o17", "0b101",
            "0_0", "00", "01", "0_1", "0x_1f", "0x", "0b2", "\u0661\u0662\u0663", "\u3000 7\u3000",
            "\xa012\xa0", "\x1c12", "12\x1f", "1\x00", "\U0001d7ce", "z" * 250, "\u00e9",
            "1 2", "--1", "+-1", "0b", "1e5", "1.0", "\uff11\uff12", "0x" + "f" * 16,
            "-0x8000000000000000", "0o777", "-0b11", "7" * 4301, "0_7", "1\u200b"]
    alphabet = "0123456789__+-. eExXoObBaAfFzZ\t\u00a0\u0663"
    rand_ints = ["".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 9)))
                 for _ in range(300 * NSPEC)]
    for s in rand_ints:
        for b in [0, 10, 16]:
            def f(s=s, b=b):
                v = int(s, b)
                return "BIG" if not -2**63 <= v < 2**63 else str(v)
            emit("PI", hx(s), str(b), res(f))
    bases = [10, 0, 2, 8, 16, 36, 1, 37, 3, -1]
    for s in ints:
        for b in bases:
            def f(s=s, b=b):
                v = int(s, b)
                return "BIG" if not -2**63 <= v < 2**63 else str(v)
            emit("PI", hx(s), str(b), res(f))
    floats = ["0", "1", "-1.5", " 2.5 ", "1e5", "1E-5", "1e", "e5", ".5", "5.", ".", "-.5e-3",
              "inf", "-Infinity", "+INF", "nan", "-NaN", "infinity_", "in f", "1_000.000_1",
              "1__0", "_1", "1_", "1_.5", "1._5", "1e1_0", "1e_10", "0x1p3", "1e400", "-1e400",
              "1e-400", "abc", "", "   ", "\u3000 1.5\u3000", "\u0661.\u0662", "1.5\x00",
              "\x1c1", "x" * 300, "infinit", "nana", "+", "-", "1.2.3", "1e+", "1e-5_0",
              "2.675", "0.1", "123456789012345678901234567890", "4.9e-324", "2.5e-324",
              "1.7976931348623159e308", "\u00e9"]
    falpha = "0123456789__+-.. eEinfatyINFATY\t\u00a0\u0663"
    floats += ["".join(rnd.choice(falpha) for _ in range(rnd.randint(0, 9)))
               for _ in range(600 * NSPEC)]
    for s in floats:
        emit("PF", hx(s), "", res(lambda: bits(float(s))))
    strs = ["", "a", "it's", 'say "hi"', "both ' and \"", "back\\slash", "\t\n\r", "\x00\x01\x1f",
            "\x7f\x80\x9f\xa0\xad", "h\u00e9llo", "\u20ac", "\u200b\u2028\u3000", "\ud800",
            "\U0001f600", "\U000e0001", "\ufeff", "\u0378", "\U0010ffff", "\ue000", "\u0300",
            "\x1b[0m", "\u00ff\u0100"]
    for s in strs:
        emit("SR", hx(s), "", res(lambda: repr(s)))
    bs = [b"", b"abc", b"it's", b"\"'", b"\x00\x7f\x80\xff", b"\t\n\r\\", bytes(range(256))]
    for b in bs:
        emit("BR", b.hex(), "", res(lambda: repr(b)))

def val(v):
    if isinstance(v, bool): return "B:%d" % v
    if isinstance(v, int): return "I:%d" % v if -2**63 <= v < 2**63 else "BIG"
    if isinstance(v, float): return "F:" + bits(v)
    if isinstance(v, complex): return "COMPLEX"
    if isinstance(v, tuple): return "T:" + ",".join(val(x) for x in v)
    return "?"
def arith(fn):
    try:
        return val(fn())
    except Exception as e:
        msg = str(e)
        if msg == "(68, 'Result not representable')":
            msg = "(34, 'Numerical result out of range')"
        return "EX:%s:%s" % (type(e).__name__, hx(msg))
def opnd(v):
    return ("I:%d" % v) if isinstance(v, int) else ("F:" + bits(v))

def gen_arith():
    ints = [0, 1, -1, 2, -2, 3, 7, -7, 10, 2**31, -2**31, 2**53 + 1, -(2**53) - 1, 2**62,
            2**63 - 1, -2**63, 123456789, -987654321, 2**32 + 1]
    floats = [0.0, -0.0, 1.0, -1.0, 2.0, 0.5, 7.5, -7.5, 2.0, -2.0, 3.0, 1e300, -1e300, 1e-300,
              math.inf, -math.inf, math.nan, 0.1, 9007199254740993.0, 2.0**63, 1e16, 3.5]
    ops = {"add": lambda a, b: a + b, "sub": lambda a, b: a - b, "mul": lambda a, b: a * b,
           "truediv": lambda a, b: a / b, "floordiv": lambda a, b: a // b,
           "mod": lambda a, b: a % b, "divmod": divmod}
    pairs = [(a, b) for a in ints for b in ints] + [(a, b) for a in floats for b in floats]
    pairs += [(a, b) for a in ints[:12] for b in floats[:12]] + [(a, b) for a in floats[:12] for b in ints[:12]]
    for _ in range(150):
        pairs.append((rnd.randint(-2**63, 2**63 - 1), rnd.randint(-2**40, 2**40)))
    for a, b in pairs:
        for name, fn in ops.items():
            emit("AR", name, opnd(a) + "," + opnd(b), arith(lambda: fn(a, b)))
    pbase = [0, 1, -1, 2, -2, 3, 10, -10, 2**31, 0.0, -0.0, 0.5, -0.5, 2.0, -8.0, 10.0, 1e300,
             math.inf, -math.inf, math.nan, 1.5]
    pexp = [0, 1, 2, 3, -1, -2, 5, 31, 32, 62, 63, 64, 100, 0.0, 0.5, -0.5, 1.0, 3.0, -3.0, 2.0,
            -1.5, 400.0, -400.0, math.inf, -math.inf, math.nan, 1e20]
    for a in pbase:
        for b in pexp:
            if isinstance(a, int) and isinstance(b, int) and abs(a) > 1 and b > 200: continue
            emit("AR", "pow", opnd(a) + "," + opnd(b), arith(lambda: a ** b))
    for a in [0, 1, -1]:
        for b in [10**18, 10**18 + 1, -(10**18)]:
            emit("AR", "pow", opnd(a) + "," + opnd(b), arith(lambda: a ** b))
    rx = SPECIAL + [rand_double() for _ in range(250)] + [2.675, 0.285, 1.005, 2.5, 3.5, -0.5,
                   0.5, 1.5, 5e-324, 1234.5, 12345.0, 15.0, 25.0, 35.0, 45.0, 150.0, 250.0]
    for x in rx:
        emit("AR", "round0", opnd(x), arith(lambda: round(x)))
        emit("AR", "toint", opnd(x), arith(lambda: int(x)))
        for n in [0, 1, 2, 3, -1, -2, -3, 5, 17, 20, 300, 323, 324, -5, -22, -300, -308, -309]:
            emit("AR", "round", opnd(x) + ",I:%d" % n, arith(lambda: round(x, n)))
    for v in ints + [12345, 15, 25, 35, 150, -150, 250, 9223372036854775807]:
        for n in [0, 1, -1, -2, -3, -18, -19, -20, -25]:
            emit("AR", "round", opnd(v) + ",I:%d" % n, arith(lambda: round(v, n)))
    cmpi = ints + [2**53, 2**53 + 1, 2**53 - 1, 2**54 + 1, -(2**53) - 1]
    cmpf = floats + [2.0**53, 2.0**53 + 2, 2.0**54, -(2.0**53), 9.2e18, -9.2e18, 0.9, -0.9, 1.1]
    for v in cmpi:
        for x in cmpf:
            r = "U" if x != x else ("-1" if v < x else "1" if v > x else "0")
            emit("AR", "cmp", opnd(v) + "," + opnd(x), r)
    for v in ints + [2**53 + 1]:
        emit("AR", "tofloat", opnd(v), arith(lambda: float(v)))

gen_repr()
if not ONLY_REPR:
    gen_format()
    gen_parse()
    gen_arith()
sys.stdout.write("\n".join(out) + "\n")
'''

RUNNER = r'''
const ver = process.argv[1];
const base = process.argv[2] + "/pyodide-" + ver + "/";
const fs = require("fs");
const src = fs.readFileSync(0, "utf8");
import(base + "pyodide.mjs").then(async ({ loadPyodide }) => {
  const py = await loadPyodide({ indexURL: base });
  py.globals.set("SRC", src);
  const text = py.runPython("import io, contextlib\nbuf = io.StringIO()\n" +
    "with contextlib.redirect_stdout(buf):\n    exec(SRC, {'__name__': 'payload'})\nbuf.getvalue()");
  process.stdout.write(text);
});
'''


def run(minor, payload):
    if minor == 11:
        return subprocess.run(["/usr/bin/python3", "-c", payload], check=True,
                              capture_output=True, text=True).stdout
    return subprocess.run(["node", "-e", RUNNER, str(300 + minor), PYODIDE], input=payload,
                          check=True, capture_output=True, text=True).stdout


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--repr", type=int, default=4000, help="random doubles for repr")
    ap.add_argument("--only-repr", action="store_true")
    ap.add_argument("--specs", type=int, default=1, help="multiplies the random specs")
    ap.add_argument("--versions", default="11,12,13,14")
    ap.add_argument("--out", default=os.path.join(ROOT, "tests", "unit", "numfmt_vectors.txt"))
    args = ap.parse_args()
    payload = PAYLOAD.replace("__NREPR__", str(args.repr)).replace(
        "__ONLY_REPR__", str(args.only_repr)).replace("__NSPEC__", str(args.specs))
    minors = [int(v) for v in args.versions.split(",")]
    # repr is the same in every version (checked by running it in each).
    results = {}
    order = []
    for m in minors:
        for line in run(m, payload).splitlines():
            if not line:
                continue
            key, _, result = line.rpartition("\t")
            if key not in results:
                results[key] = {}
                order.append(key)
            ms = results[key].setdefault(result, [])
            if m not in ms:
                ms.append(m)
    with open(args.out, "w") as f:
        f.write("# Generated by tests/unit/gen_numfmt_vectors.py from CPython %s; do not edit.\n"
                % ", ".join("3.%d" % m for m in minors))
        f.write("# kind<TAB>minors<TAB>arg1<TAB>arg2<TAB>result (see the script's docstring)\n")
        for key in order:
            kind, _, rest = key.partition("\t")
            for result, ms in results[key].items():
                f.write("%s\t%s\t%s\t%s\n" % (kind, ",".join(map(str, ms)), rest, result))


if __name__ == "__main__":
    main()
