#!/usr/bin/env python3
"""Generates tests/unit/builtins_cases.txt: small programs and the exact
output CPython prints for each, per CPython version.

Run from the repository root:
    /usr/bin/python3 tests/unit/gen_builtins_cases.py
CPython 3.11 is the machine's python3; 3.12-3.14 come from Pyodide
(oracle/pyodide/node_modules) when `node` and the packages are there.
Versions that are not available are left out of the file (the C test
runs only the versions listed).

File format: blocks of
    @@ case <name> <minor> [<minor>...]
    <program>
    @@ expect
    <expected stdout>
    @@ end
"""
import json
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
OUT = os.path.join(HERE, "builtins_cases.txt")

# Expressions: each becomes `print(repr(<expr>))` under try/except, which
# prints "Type: message" for an exception.
EXPRS = r"""
2**63
9223372036854775807+1
-(-9223372036854775807-1)
1<<63
int('1' * 30)
abs(-9223372036854775807-1)
sum([9223372036854775807, 1])
9223372036854775807 * 2
(-9223372036854775807-1) // -1
(-9223372036854775807-1) % -1
divmod(-9223372036854775807-1, -1)
-9223372036854775808
9223372036854775808
18446744073709551615
18446744073709551616
-18446744073709551616
0xffff_ffff_ffff_ffff_ffff
0o7777777777777777777777777
0b1_0000000000000000000000000000000000000000000000000000000000000000
100_000_000_000_000_000_000_000
2**64 - 1
2**64 + 2**64
(2**64) * (2**64)
2**64 * -1
-(2**64)
+(2**64)
~(2**64)
~-(2**64)
2**64 // 3
-(2**64) // 3
2**64 // -3
-(2**64) // -3
2**64 % 3
-(2**64) % 3
2**64 % -3
-(2**64) % -3
divmod(2**64, 7)
divmod(-(2**64), 7)
divmod(2**64, -7)
divmod(-(2**100), -(2**64 + 1))
divmod(2**100, 2**100)
(2**100 + 1) // (2**50 + 3)
(2**100) % (2**64)
2**64 // 0
2**64 % 0
divmod(2**64, 0)
2**64 / 0
2**64 / 3
2**64 / 2**63
-(2**64) / 3
10**30 / 10**10
1 / 2**64
2**1023 / 2**-1 if False else (2**1023 * 2) / 2
2**1024 / 1
2**1024 / 2**1023
(2**53 + 1) / 1
(2**54 + 3) / 2
7 / 2**2000
2**64 ** 0.5
(2**64) ** 0.5
(-2**64) ** 3
(2**64) ** -1
2 ** -64
(-2) ** 63
(-2) ** 64
3 ** 40
10 ** 19
10 ** 20
0 ** 100
(-1) ** (2**64)
1 ** (2**100)
pow(2, 100, 10**9 + 7)
pow(2**100, 2**64, 2**61 - 1)
pow(-2**70, 3, 1000)
pow(2**70, 3, -1000)
pow(3, -1, 2**70 + 1)
pow(2, -1, 2**64)
pow(2**64, 0, 1)
pow(2**64, 2, 0)
1 << 64
1 << 100
-1 << 64
(2**64) << 3
(2**64) >> 3
(2**64) >> 64
(2**64) >> 65
-(2**64) >> 3
-(2**64) >> 100
-(2**64 + 1) >> 64
(2**100) >> 1000
1 << -1
(2**64) >> -1
(2**64) & (2**64 - 1)
(2**64) & -1
-(2**64) & 0xffff
-(2**64) & -(2**63)
(2**70) | 1
-(2**64) | 1
-(2**70) | -(2**65)
(2**64) ^ -1
-(2**64) ^ (2**64)
-(2**64 + 5) ^ 12345
~(2**63 - 1)
~(-(2**63))
2**64 == 2**64
2**64 == 2**64 + 1
2**64 != 18446744073709551616
2**64 < 2**65
-(2**64) < -(2**63)
2**64 > 9223372036854775807
2**64 == 2.0**64
2**64 + 1 == 2.0**64
2**64 + 1 > 2.0**64
2**64 - 1 < 2.0**64
2**53 + 1 == 9007199254740992.0
2**53 + 1 > 9007199254740992.0
2**1024 > 1e308
2**1024 < float('inf')
-(2**1024) > float('-inf')
2**64 == float('nan')
2**64 < float('nan')
2**64 > 1.8e19
2**64 < 1.9e19
(2**64) > 18446744073709551616.5
18446744073709551616.0 == 2**64
1e20 == 10**20
1e22 == 10**22
1e23 == 10**23
[2**64, 2**63] < [2**64, 2**64]
(2**64, 1) == (2**64, 1)
max(2**64, 2.0**64)
min(2**64, 2**65, -2**70)
sorted([2**70, -2**70, 5, 1.5, 2**64, 2.0**64])
float(2**64)
float(2**63 - 1)
float(2**1023)
float(2**1024)
float(-(2**1024))
float(2**1024 - 1)
float(2**1024 - 2**970)
float(2**1024 - 2**971)
float(2**54 + 1)
float(2**54 + 2)
float(2**54 + 3)
float(-(2**80 + 2**27))
float(-(2**80 + 2**27 + 1))
2**1024 + 0.5
2**64 + 0.5
2**64 * 1.5
2**64 - 1.0
int(1e20)
int(-1e20)
int(1e300)
int(2.0**64)
int(-2.0**63)
int(float('inf'))
int(float('nan'))
int('18446744073709551616')
int('-18446744073709551616')
int(' +1_000_000_000_000_000_000_000 ')
int('ffffffffffffffffffff', 16)
int('0xffffffffffffffffffff', 0)
int('0b' + '1' * 70, 0)
int('z' * 20, 36)
int('1' * 4300) % 1000
int('1' * 4301)
int('-' + '1' * 4301)
int('0x' + 'f' * 5000, 16) % 1000
int(2**64)
round(2**64)
round(2**64, -5)
round(12345678901234567890123, -3)
round(12345678901234567890500, -3)
round(12345678901234567891500, -3)
round(-12345678901234567890500, -3)
round(2**64, 3)
round(1e20)
round(1.5e300) % 1000
round(9223372036854775807, -1)
abs(-(2**64))
abs(2**64)
bool(2**64)
not 2**64
str(2**64)
repr(-(2**64))
str(10**4299)[:5]
len(str(10**4299))
str(10**4300)
str(-(10**4300))
len(str(-(10**4299)))
hex(2**64)
hex(-(2**64))
oct(2**64)
bin(2**64)
hex(2**64 - 1)
format(2**64, 'x')
format(2**64, 'X')
format(2**64, '#x')
format(2**64, 'o')
format(2**64, '#b')
format(2**64, 'd')
format(2**64, ',')
format(-(2**64), ',')
format(2**64, '_')
format(2**64, '_x')
format(2**64, '_b')
format(2**64, '+')
format(2**64, ' ')
format(-(2**64), '+')
format(2**64, '>30')
format(2**64, '<30')
format(2**64, '^30')
format(-(2**64), '=30')
format(-(2**64), '030')
format(2**64, '*^40,')
format(-(2**64), '#040x')
format(2**64, 'e')
format(2**64, '.3f')
format(2**64, 'g')
format(2**64, '%')
format(2**2000, 'e')
format(2**64, 'c')
format(2**64, 'n')
format(10**4300, 'd')
format(10**4300, 'x')[:10]
format(10**4300, ',')
'%d' % 2**64
'%x' % 2**64
'%X' % -(2**64)
'%o' % 2**64
'%#x' % 2**64
'%30d' % 2**64
'%-30d|' % 2**64
'%030d' % -(2**64)
'%+d' % 2**64
'%.25d' % 2**64
'%e' % 2**64
'%.2f' % 2**64
'%d' % 1e30
'%c' % 2**64
'{}'.format(2**64)
'{:,}'.format(2**64)
'{:x}'.format(-(2**64))
f'{2**64}'
f'{2**64:_}'
f'{2**64!r}'
(2**64).bit_length()
(-(2**64)).bit_length()
(2**64 - 1).bit_length()
(2**64).bit_count()
(-(2**64 + 7)).bit_count()
(2**64).real
(2**64).imag
(2**64).numerator
(2**64).denominator
(2**64).conjugate()
isinstance(2**64, int)
type(2**64)
type(2**64) is int
type(2**64 - 2**64)
type(10**20 // 10**10)
[1][2**64]
[1][-(2**64)]
'abc'[2**64]
[1, 2, 3][2**64:]
[1, 2, 3][-(2**64):2]
[1, 2, 3][::2**64]
[1] * (2**64)
'a' * (2**70)
chr(2**64)
2**64 + 'a'
2**64 < 'a'
2**64 + None
-(2**64) * 'a'
sum([2**64, 2**64, -5])
sum([2**64, 0.5])
sum([0.5, 2**64])
sum(range(10), 2**64)
{2**64: 'a'}[2**64]
{2**64: 'a'}.get(18446744073709551616)
{2**64: 1, 18446744073709551616: 2}
{2**64, 2**64 + 0}
2**64 in {2.0**64: 1}
{2.0**64: 'f'}[2**64]
{2**64: 'i'}[2.0**64]
len({2**70, 2.0**70, 2**70 + 0})
hash(2**64) == hash(2.0**64)
hash(2**70) == hash(2.0**70)
hash(-(2**64)) == hash(-(2.0**64))
1+2
7//2
-7//2
-7%2
7.0//2
-7.0%2
2**10
2**-1
2**62
1<<62
-1>>70
1/3
10/4
0.1+0.2
1/0
1//0
1%0
1.0/0
1.0//0
1.0%0
divmod(1, 0)
divmod(1.0, 0)
0.0**-1
True+True
True&False
True|False
True^True
~5
-True
1 < 'a'
'a' < 1
(1, 'a') <= (1, 2)
[1, 2] < [1, 2, 3]
(1, 2) > (1, 1, 5)
None < None
{1} < {1, 2}
{1, 2} <= {1, 2}
{1, 2} > {2}
set() < []
1 == 1.0
1 < 1.5
float('nan') == float('nan')
[1, 2] == [1, 2.0]
(1,) == [1]
'b' > 'a'
'ab' in 'cabd'
1 in 'abc'
1 in [1, 2]
3 not in (1, 2)
'k' in {'k': 1}
[] in {1}
1 in 5
2 in range(0, 10, 2)
3 in range(0, 10, 2)
[1, 2] + [3]
[1] + (1,)
(1,) + [1]
'a' + 1
'ab' * 3
3 * 'ab'
[0] * 3
(1, 2) * 2
'a' * 'b'
'a' * 1.5
[1] * -1
-'a'
{1, 2} | {3}
{1, 2} & {2, 3}
{1, 2} - {2}
{1, 2} ^ {2, 3}
frozenset({1}) | {2}
{'a': 1} | {'b': 2}
{} | []
'abc'[1]
'abc'[-1]
'abc'[5]
'abc'['x']
[1, 2, 3][1:]
[1, 2, 3][::-1]
[1, 2, 3][::2]
[1, 2, 3][5]
[1, 2, 3][1.0]
(1, 2)[3]
(1, 2, 3, 4)[-3:-1]
'hello'[1:4]
'hello'[::-2]
'héllo'[1:3]
'héllo'[::-1]
[1, 2, 3][::0]
b'abc'[0]
b'abc'[1:]
range(10)[2]
range(10)[-1]
range(10)[2:5]
range(10)[::-3]
range(0, 10, 3)[10]
5[0]
{'a': 1}['b']
{(1, 2): 3}[(1, 2)]
len([1, 2])
len('héllo')
len({'a': 1})
len(range(0, 10, 3))
len(5)
list(range(5))
list(range(5, 0, -2))
list(range(0))
range(5)
range(1, 5, 2)
range(0, 1, 0)
range(10**20, 10**20 + 3)
list(range(2**64, 2**64 + 3))
range(-2**70, 2**70, 2**69)[3]
range(2**63, 0, -2**62)
len(range(2**64))
list(reversed(range(2**65, 2**65 + 6, 2)))
2**64 + 2 in range(2**64, 2**65, 2)
range(2**64, 2**64) == range(0)
range(2**64, 2**64 + 5).index(2**64 + 4)
range(3) == range(0, 3, 1)
range(10**20, 10**20 + 50, 3)[2:7]
range(10**20, 10**20 + 50, 3)[::-3]
range(2**70)[2**69::-2**67]
range(10)[:10**20]
range(10)[::-10**20]
range(-2**62, 2**62, 2**61)[::-1]
range(0, -10**30, -10**29)[3:8:2]
range(10**20)[::0]
range(10**20)['a':]
range(10**20)[True:5]
str(range(2, 4))
list('ab')
tuple([1, 2])
tuple('ab')
list(1)
dict(a=1, b=2)
dict([('a', 1)], b=2)
dict([1])
dict([[1, 2, 3]])
set('aab') == {'a', 'b'}
set([3, 1, 2])
frozenset([1, 2])
set()
frozenset()
{}
{'a': [1, {'b': (1,)}]}
{1: 'x', 2.5: None, True: False}
(1,)
()
[None, True, 1.5, 'x', b'y']
str(1.0)
str(1e16)
str(1e-5)
repr('a\'b')
repr('a"b\'c')
repr('tab\there\n')
str(b'ab')
repr(b'\x00\xffab\'')
bool([])
bool('x')
bool(0.0)
int('42')
int(' -7 ')
int('0x1f', 0)
int('ff', 16)
int('12', 2)
int('3.5')
int(3.9)
int(-3.9)
int(True)
int([])
int(1.5, 2)
int(float('inf'))
int(float('nan'))
float('1e3')
float(' inf ')
float('-nan')
float('x')
float(3)
float([])
abs(-3)
abs(-2.5)
abs('a')
round(2.5)
round(3.5)
round(-0.5)
round(3.14159, 2)
round(2.675, 2)
round(15, -1)
round(25, -1)
round(1.5, 'a')
round('a')
divmod(-7, 2)
divmod(7.5, 2)
divmod('a', 1)
pow(2, 10)
pow(2, -1)
pow(2, 10, 1000)
pow(3, -1, 7)
pow(2, 3, 0)
pow(-2, 3, 5)
hex(255)
hex(-255)
oct(8)
oct(-8)
bin(5)
bin(0)
hex(1.5)
chr(65)
chr(9731)
chr(-1)
ord('A')
ord('é')
ord('ab')
ord(1)
hash(1)
hash(1.0) == hash(1)
hash((1, 2)) == hash((1, 2))
hash([])
hash({})
callable(len)
callable(1)
callable(int)
sum([1, 2], 10)
sum([0.1] * 10)
sum([1e100, 1.0, -1e100])
sum([0.1, 1, 0.2])
sum([[1], [2]], [])
sum(['a'], '')
sum([1, 'a'])
min(3, 1, 2)
max(3, 1, 2)
min([3, 1, 2])
max('abc')
max('abc', key=ord)
min([], default=5)
max([], default=None)
min([])
max([])
min()
max(1, 2, default=3)
max([1, 'a'])
min([(2, 'b'), (1, 'z'), (1, 'a')])
max({'a': 2, 'b': 1}, key=lambda k: {'a': 2, 'b': 1}[k])
sorted([3, 1, 2])
sorted([3, 1, 2], reverse=True)
sorted('bca')
sorted(['b', 'A', 'c'], key=str.lower)
sorted([(1, 'b'), (0, 'z'), (1, 'a')], key=lambda t: t[0])
sorted([(1, 'b'), (0, 'z'), (1, 'a')], key=lambda t: t[0], reverse=True)
sorted([1, 'a'])
sorted([3, 1], 1)
list(reversed([1, 2, 3]))
list(reversed((1, 2)))
list(reversed('ab'))
list(reversed(range(5)))
list(reversed(range(0, 10, 3)))
list(reversed({'a': 1, 'b': 2}))
reversed(5)
list(enumerate('ab'))
list(enumerate('ab', 1))
list(zip('ab', [1, 2, 3]))
list(zip())
list(zip('ab', 'cd', 'ef'))
list(zip('ab', 'c', strict=True))
list(zip('a', 'cd', strict=True))
list(map(str, [1, 2]))
list(map(lambda a, b: a + b, [1, 2], [10, 20, 30]))
list(filter(None, [0, 1, '', 'a', None]))
list(filter(lambda x: x % 2, range(6)))
map(str)
any([])
all([])
any([0, 1])
all([1, 0])
isinstance(True, int)
isinstance(1, bool)
isinstance(1.0, (int, float))
isinstance('a', str)
isinstance([], list)
isinstance({}, dict)
isinstance(None, object)
isinstance(1, 1)
isinstance(ValueError('x'), Exception)
isinstance(KeyError('x'), LookupError)
isinstance(KeyError('x'), (ValueError, IndexError))
issubclass(KeyError, LookupError)
issubclass(bool, int)
type(1)
type(True)
type('a').__name__
type(None)
type(1.5).__name__
type([]) is list
type(type)
type(ValueError('x'))
type(ValueError('x')).__name__
int.__name__
repr(int)
repr(len)
len.__name__
ValueError.__name__
str(ValueError)
hasattr('a', 'upper')
hasattr('a', 'nope')
getattr('a', 'nope', 5)
getattr('a', 'nope')
getattr(1, 'real')
getattr(1, 2)
(1).foo
'a'.foo
[].foo
{}.foo
bool.foo
str.upper('ab')
str.join(',', ['a', 'b'])
format(3.14159, '.2f')
format(5, '>4')
format('x', '^5')
format(1234567, ',')
format(0.5, '%')
format(255, '#x')
format(True)
format(True, 'd')
format(True, '>5')
format([1], '')
format([1], 'x')
format(1, 'z')
format('a', 'd')
'{0:>5}|{1!r}|{x:.2f}'.format(3, 'a', x=3.14159)
'{} {}'.format(1, 2)
'{1} {0}'.format('a', 'b')
'{0[1]}'.format([1, 2])
'{0[a]}'.format({'a': 5})
'{0.real}'.format(3)
'{:{}}'.format(1, 5)
'{:>{w}.{p}f}'.format(3.14159, w=8, p=2)
'{!r:>5}'.format('a')
'{!a}'.format('é')
'{{}} {}'.format(1)
'{0}'.format()
'{'.format()
'}'.format()
'{a}'.format()
'{0!x}'.format(1)
'{0:d}'.format('a')
'{0}{}'.format(1, 2)
'{}{0}'.format(1, 2)
'{0[}'.format([1])
'%5.2f|%-4d|%s|%r|%x|%%' % (3.14159, 7, 'a', 'b', 255)
'%(a)s-%(b)d' % {'a': 1, 'b': 2}
'%s' % 'x'
'%s' % (1,)
'%s %s' % (1,)
'%s' % (1, 2)
'%d' % 'a'
'%x' % 1.5
'%d' % 3.9
'%05d|%+d|% d|%.3d' % (42, 5, 5, 7)
'%#x %#o %X' % (255, 8, 255)
'%10.3e|%g|%G' % (12345.678, 0.00001, 1e20)
'%c%c' % (65, 'b')
'%s' % [1, 2]
'%-6s|%6s|%.2s' % ('ab', 'cd', 'xyz')
'%*d|%-*d' % (5, 1, 4, 2)
'%q' % 1
'a,b,,c'.split(',')
'a,b,,c'.split(',', 1)
'a,b,,c'.split(',', maxsplit=2)
' a  b  c '.split()
' a  b  c '.split(None, 1)
' a  b  c '.rsplit(None, 1)
'a,b,c'.rsplit(',', 1)
'abc'.split('')
'a'.split(1)
''.split()
''.split(',')
'a\nb\r\nc\n'.splitlines()
'a\nb\n'.splitlines(True)
'x'.join(['a', 'b', 'c'])
''.join([])
' '.join([1])
','.join('abc')
' a '.strip()
'xxaxx'.strip('x')
'  a  '.lstrip()
'  a  '.rstrip()
'abcba'.strip('ab')
'a'.strip(1)
'hello'.upper()
'HeLLo'.lower()
'hello world'.title()
"they're bill's".title()
'hello WORLD'.capitalize()
'Ab'.swapcase()
'straße'.upper()
'ÉCOLE'.lower()
'ab'.startswith('a')
'ab'.startswith(('x', 'a'))
'ab'.endswith('b', 0, 1)
'ab'.startswith(1)
'ab'.startswith(('a', 1))
'abcabc'.find('c')
'abcabc'.rfind('b')
'abcabc'.find('c', 3)
'abcabc'.find('z')
'abc'.index('c')
'abc'.index('z')
'abcabc'.count('b')
'abc'.count('')
'héllo'.find('l')
'a-b-c'.replace('-', '+')
'a-b-c'.replace('-', '+', 1)
'ab'.replace('', '-')
'a'.replace('a')
'abc'.partition('b')
'abc'.rpartition('x')
'abc'.partition('')
'42'.zfill(5)
'-42'.zfill(5)
'ab'.center(7, '*')
'ab'.center(6)
'abc'.center(6)
'ab'.ljust(4) + '|'
'ab'.rjust(4, '0')
'ab'.center(5, 'xy')
'A1'.isalnum()
''.isdigit()
'123'.isdigit()
'  '.isspace()
'ABC'.isupper()
'abc'.islower()
'Hello World'.istitle()
'abc'.isalpha()
'a_1'.isidentifier()
'abc'.encode()
'é'.encode()
b'abc'.decode()
b'\xc3\xa9'.decode()
b'ab'.hex()
'prefix-x'.removeprefix('prefix-')
'x.py'.removesuffix('.py')
[3, 1, 2].sort()
[].pop()
[1].pop(5)
[].append()
[].append(1, 2)
[].append(x=1)
[].pop(1, 2)
{}.get()
[].insert(1)
[1].remove(2)
[1].index(2)
(1,).index(2)
[1, 2, 1].count(1)
[1, 2, 3].index(3, 1)
[].sort(1)
{}.pop(1)
{}.pop(1, 'd')
{'a': 1}.pop('a')
{}.popitem()
{'a': 1, 'b': 2}.popitem()
set().pop()
set().remove(1)
{1}.issubset([1, 2])
{1, 2}.issuperset([1])
{1}.isdisjoint([2])
{1, 2}.union([3], (4,))
{1, 2}.intersection([2, 3])
{1, 2}.difference([2])
{1, 2}.symmetric_difference([2, 3])
{'a': 1}.get('b')
{'a': 1}.get('b', 0)
{'a': 1}.items()
{'a': 1}.keys()
{'a': 1}.values()
{}.keys()
{'a': 1}.keys() == {'a'}
'a' in {'a': 1}.keys()
('a', 1) in {'a': 1}.items()
list({'a': 1, 'b': 2}.items())
{}.setdefault('a', [])
{}.update(1)
{}.update([1, 2], [3])
dict.fromkeys('ab')
dict.fromkeys(['a'], 0)
(1, 2).count(1)
(5).bit_length()
(-8).bit_length()
(2.0).is_integer()
(2.5).is_integer()
(3).real
(1.5).imag
(1, 2)[0]
b'a' + b'b'
b'ab' * 2
b'a' + 'b'
b'ab' == b'ab'
b'a' < b'b'
iter(5)
next(iter([]))
next(iter([]), 'done')
next(iter([1]))
next(5)
NotImplemented
Ellipsis
object() is not None
slice(1, 2)
slice(3)
[1, 2, 3, 4][slice(1, 3)]
ValueError('x').args
KeyError('k')
str(KeyError('k'))
str(ValueError())
str(ValueError('a', 'b'))
repr(ValueError('a', 'b'))
ExceptionGroup('msg', [ValueError(1)]).exceptions
ExceptionGroup('msg', [ValueError(1)]).message
str(ExceptionGroup('msg', [ValueError(1), KeyError(2)]))
ValueError('x').__cause__
ValueError('x').__context__
ValueError('x').__suppress_context__
(1024).to_bytes(2, 'big')
(1024).to_bytes(2, 'little')
(-1).to_bytes(2, 'big', signed=True)
(-128).to_bytes(1, 'big', signed=True)
(128).to_bytes(1, 'big', signed=True)
(2**70).to_bytes(10, 'big')
(-2**70).to_bytes(10, 'little', signed=True)
(256).to_bytes(1, 'big')
(-1).to_bytes(1, 'big')
(1).to_bytes(1, 'middle')
(5).to_bytes()
int.from_bytes(b'\xff\xff', 'big', signed=True)
int.from_bytes(b'\xff\xff', 'big')
int.from_bytes(bytes(range(1, 13)), 'little')
int.from_bytes([1, 2], 'big')
int.from_bytes(b'\x01\x00')
type(OSError(2, 'x')).__name__
type(OSError(13, 'x', 'f')).__name__
str(OSError(17, 'exists', 'a', None, 'b'))
str(SyntaxError('m', ('a/b.py', 1, 2, 't')))
SyntaxError('m', ('f', 1, 2, 't', 3, 4, 5)).lineno
SyntaxError('m', ('f', 1)).msg
str(UnicodeDecodeError('utf-8', b'\xff', 0, 1, 'bad'))
UnicodeEncodeError('ascii', 'x', 0, 1, 'r').object
b'\xe2\x82'.decode()
b'a\xffb'.decode('utf-8', 'replace')
'\u20ac'.encode('ascii')
'\xe9t\xe9'.encode('ascii', 'xmlcharrefreplace')
""".strip().splitlines()

# Statement blocks: run as they are.
BLOCKS = [
    # list mutation
    "x = [5, 3]\nx += (1,)\nx.sort()\nprint(x)\nx *= 2\nprint(x)\nx[1:3] = 'ab'\nprint(x)\n"
    "del x[::2]\nprint(x)\nx[::-1] = [7, 8, 9]\nprint(x)\ndel x[0]\nprint(x)",
    "x = [1, 2, 3]\ntry:\n    x[::2] = [1]\nexcept ValueError as e:\n    print(e)\n"
    "try:\n    x[5] = 1\nexcept IndexError as e:\n    print(e)\ntry:\n    del x[5]\nexcept IndexError as e:\n    print(e)",
    "t = (1, 2)\ntry:\n    t[0] = 3\nexcept TypeError as e:\n    print(e)\ntry:\n    del t[0]\nexcept TypeError as e:\n    print(e)\n"
    "s = 'ab'\ntry:\n    s[0] = 'x'\nexcept TypeError as e:\n    print(e)",
    # dict mutation and iteration order
    "d = {}\nd['b'] = 1\nd['a'] = 2\nd['b'] = 3\ndel d['a']\nd['c'] = 4\nprint(d, len(d))\n"
    "for k, v in d.items():\n    print(k, v)\nd.update(z=0)\nprint(d)\nd |= {'y': 9}\nprint(d)\n"
    "print(d.pop('b'), d)\ntry:\n    del d['nope']\nexcept KeyError as e:\n    print(repr(e))",
    "d = {'a': 1}\ntry:\n    for k in d:\n        d['b'] = 2\nexcept RuntimeError as e:\n    print(e)",
    "s = {1}\ntry:\n    for k in s:\n        s.add(2)\nexcept RuntimeError as e:\n    print(e)",
    # sets
    "s = {3, 1}\ns.add(2)\ns.discard(5)\ns.remove(3)\nprint(s, len(s), 1 in s)\ns |= {7}\ns &= {1, 7}\nprint(s)\n"
    "s -= {1}\nprint(s)\ns ^= {7, 8}\nprint(s)\nprint(s.pop(), s)",
    # iteration protocols
    "it = iter([1, 2])\nprint(next(it), next(it), next(it, None))\nit = iter('hé!')\nprint(list(it))\n"
    "e = enumerate(['a'])\nprint(next(e))\nz = zip([1], [2])\nprint(list(z), list(z))",
    "r = range(3)\nprint(list(r), list(r), len(r), r[1], 2 in r, r.start, r.stop, r.step)",
    "class D(dict):\n    def __missing__(self, k):\n        return k * 2\nd = D(a=1)\n"
    "print(d['a'], d['bb'], d.get('bb'), d, type(d).__name__, isinstance(d, dict))",
    "class L(list):\n    def __len__(self):\n        return 7\nl = L('abc')\n"
    "print(len(l), l, list(l), l + [1], issubclass(L, list), sorted(l, reverse=True))",
    "class S(set):\n    pass\ns = S([3, 1])\ns.add(2)\nprint(s, len(s), 2 in s, s | {9}, type(s | {9}).__name__)",
    "for i, (a, b) in enumerate(zip('ab', 'cd')):\n    print(i, a, b)",
    "d = {'x': 1, 'y': 2}\nk = d.keys()\nd['z'] = 3\nprint(k, len(k), list(reversed(d)))",
    # exceptions
    "try:\n    [].pop()\nexcept IndexError as e:\n    print(type(e).__name__, e, e.args)",
    "try:\n    {}['k']\nexcept KeyError as e:\n    print(repr(e), str(e), e.args)",
    "try:\n    raise ValueError('a') from KeyError('b')\nexcept ValueError as e:\n"
    "    print(repr(e.__cause__), e.__suppress_context__, e.__context__)",
    "try:\n    try:\n        1 / 0\n    except ZeroDivisionError:\n        raise ValueError('x')\nexcept ValueError as e:\n"
    "    print(repr(e.__context__), e.__suppress_context__)",
    "e = ValueError('x')\ne.code = 5\nprint(e.code, getattr(e, 'code'), hasattr(e, 'nope'))",
    "class E(Exception):\n    pass\ne = E('boom', 2)\nprint(type(e).__name__, e.args, str(e), repr(e), isinstance(e, Exception))",
    # printing
    "print(1, 'a', None, sep='-', end='!\\n')\nprint()\nprint('x', end='')\nprint('y')\nprint(*[1, 2], sep='')",
    "print(f\"{3.14159:.3f} {'x':^5}| {10:08.3f} {255:#06x} {'a'!r}\")",
    # numbers
    "print(0.1 * 3, 1e16, 1.5e-7, -0.0, 2.0 ** 0.5, 10 ** 15, 10.0 ** 15, 1e300 * 1e10)",
    "print(int('-0'), int('+5'), int('1_000'), float('1_0.5'), round(0.125, 2), round(-2.5))",
    # set layouts: CPython's table order (sets built item by item, not
    # from constant displays, whose layout is the compiler's business).
    # Names starting "layout:" take the 64-bit CPython's output for every
    # version: Pyodide is 32-bit wasm, where hashes of negative ints and
    # tuples differ, while 64-bit 3.11-3.14 agree.
    # hash() of ints and floats is modulo 2**61 - 1 on a 64-bit CPython
    # (Pyodide is 32-bit: 2**31 - 1), hence "layout:" too.
    "layout:print(hash(2**64), hash(-(2**64)), hash(2**61 - 1), hash(2**61), hash(-(2**61)), "
    "hash(2**63), hash(-(2**63)), hash(10**30), hash(-1), hash(-2), hash(2**61 - 2), "
    "hash(9223372036854775807), hash(-9223372036854775808))\n"
    "print(hash(0.5), hash(-1.5), hash(2.0**70), hash(1e300), hash(1e-300), hash(float('inf')), "
    "hash(float('-inf')), hash(-0.0), hash(3.14), hash(2.0**61), hash(-(2.0**62)))",
    "layout:print(set([2**64, 2**65, 3, 2**61 - 1, 2**61, 10**20]), set([0.5, 1.5, 2**64, 7, 2**61 + 1]))\n"
    "d = {}\nfor k in [2**64, 2**61, 2**61 - 1, 1, 2.0**64, 10**30, -(2**70)]:\n    d[k] = d.get(k, 0) + 1\nprint(d, len(d))",
    "layout:print(set([3, 1, 2]), set([5, 13, 21, 29]), set([-1, -2, -3]), set(range(20)))\n"
    "print(set([100, 8, 16, 1, 9]), frozenset([30, 2, 7]), set([(1, 2), (3, 4), (0, 0)]))\n"
    "s = set()\nfor i in [7, 15, 23, 31, 39, 47]:\n    s.add(i)\nprint(s)\n"
    "s.discard(15)\ns.add(55)\nprint(s)\nprint(s.pop(), s.pop(), s)",
    "layout:a = set(range(1, 13))\nb = set([10, 11, 12, 13, 14, 40, 72])\n"
    "print(a | b, a & b, a - b, b - a, a ^ b, b ^ a)\n"
    "print(a.union([99, 35]), a.intersection([12, 3, 77]), a.difference([1]), "
    "a.symmetric_difference([1, 100]))\n"
    "c = set(a)\nc -= set(range(1, 9))\nprint(c)\nc ^= set([100, 9])\nprint(c)\n"
    "c &= set([10, 11, 100, 50])\nprint(c)\nc |= set([64, 128, 32])\nprint(c)",
    # recursive containers, range methods
    "a = [1]\na.append(a)\nd = {'k': a}\nd['d'] = d\nt = ([],)\nt[0].append(t)\nprint(a, d, t, str(a))",
    "r = range(0, 20, 3)\nprint(r.index(9), r.count(9), r.count(4), r.count(9.0), r.index(True - 1))\n"
    "print(r == range(0, 19, 3), range(0) == range(4, 2), r[1:4], r[::-1], hash(range(0)) == hash(range(5, 1)))\n"
    "try:\n    r.index(4)\nexcept ValueError as e:\n    print(e)\ntry:\n    r.index('x')\nexcept ValueError as e:\n    print(e)",
    "d = {'a': 1, 'b': 2}\ntry:\n    for k in d:\n        del d['a']\n        d['c'] = 3\nexcept RuntimeError as e:\n    print(e)\nprint(d)",
    # the data model of user classes
    "class V:\n    def __init__(self, x):\n        self.x = x\n    def __repr__(self):\n        return f'V({self.x})'\n"
    "    def __eq__(self, o):\n        return isinstance(o, V) and self.x == o.x\n    def __lt__(self, o):\n        return self.x < o.x\n"
    "    def __add__(self, o):\n        return V(self.x + (o.x if isinstance(o, V) else o))\n    __radd__ = __add__\n"
    "print(sorted([V(3), V(1)]), V(1) == V(1), V(1) != V(2), V(2) > V(1), 1 + V(2), V(1) + V(1), [V(0)], {'k': (V(5),)})\n"
    "try:\n    hash(V(1))\nexcept TypeError as e:\n    print(e)\ntry:\n    V(1) <= V(2)\nexcept TypeError as e:\n    print(e)\n"
    "try:\n    V(1) - 2\nexcept TypeError as e:\n    print(e)\ntry:\n    -V(1)\nexcept TypeError as e:\n    print(e)",
    "class S:\n    def __len__(self):\n        return 2\n    def __getitem__(self, i):\n        if i >= 2:\n            raise IndexError(i)\n        return i * 10\n"
    "    def __contains__(self, x):\n        return x == 'yes'\ns = S()\nprint(len(s), s[1], bool(s), 'yes' in s, 'no' in s)\n"
    "try:\n    iter(5)\nexcept TypeError as e:\n    print(e)\ntry:\n    len(object())\nexcept TypeError as e:\n    print(e)",
    "class B:\n    def __bool__(self):\n        return 1\ntry:\n    bool(B())\nexcept TypeError as e:\n    print(e)\n"
    "class L:\n    def __len__(self):\n        return -1\ntry:\n    len(L())\nexcept ValueError as e:\n    print(e)\n"
    "class R:\n    def __repr__(self):\n        return 5\ntry:\n    repr(R())\nexcept TypeError as e:\n    print(e)\n"
    "class I:\n    def __iter__(self):\n        return 5\ntry:\n    iter(I())\nexcept TypeError as e:\n    print(e)",
    "class P:\n    @property\n    def x(self):\n        return 1\n    @classmethod\n    def c(cls):\n        return cls.__name__\n"
    "    @staticmethod\n    def s(a, b=2):\n        return a * b\np = P()\nprint(p.x, P.c(), p.c(), P.s(3), p.s(1, 5), type(P.__dict__['x']).__name__)\n"
    "try:\n    p.x = 2\nexcept AttributeError as e:\n    print(e)\ntry:\n    del p.x\nexcept AttributeError as e:\n    print(e)\n"
    "print(staticmethod(len)(\"ab\"), property().fget, P.__qualname__, P.__module__)",
    "def f():\n    'doc'\nf.__qualname__ = 'g'\nf.extra = 1\nprint(f.__name__, f.__qualname__, f.__doc__, f.__dict__, f.__module__)\n"
    "try:\n    f.__name__ = 3\nexcept TypeError as e:\n    print(e)\ntry:\n    f.nope\nexcept AttributeError as e:\n    print(e)",
    "class C:\n    def __enter__(self):\n        print('enter')\n        return 7\n    def __exit__(self, t, v, tb):\n        print('exit', t.__name__ if t else t, v)\n        return True\n"
    "with C() as x, C():\n    print(x)\n    raise KeyError('k')\nprint('after')\n"
    "try:\n    with 1:\n        pass\nexcept TypeError as e:\n    print(e)",
    "layout:d = set()\nfor i in range(10):\n    d.add(i * 8)\nprint(d, list(d), sorted(d))\n"
    "print(set([1000000, 5, 999999999999]), set([2 ** 40, 3]), set([1.0, 2]), set([True, 1, 0]))\n"
    "e = set(range(40))\nfor i in range(0, 40, 3):\n    e.discard(i)\ne.difference_update(range(30))\nprint(e)",
    # generators
    "def g(n):\n    x = yield n\n    print('sent', x)\n    return n * 2\nit = g(3)\nprint(next(it), it.send(None) if False else 'skip')\n"
    "try:\n    it.send('v')\nexcept StopIteration as e:\n    print('stop', e.value, e.args, repr(e))\nprint(next(it, 'dflt'), list(it))",
    "def g():\n    yield 1\n    yield 2\nit = g()\ntry:\n    it.send(5)\nexcept TypeError as e:\n    print(e)\n"
    "print(next(it), it.gi_running, it.gi_suspended, type(it).__name__, it.__name__)\nprint(it.close(), it.close(), list(it))",
    "def g():\n    try:\n        yield 1\n    except KeyError as e:\n        yield repr(e)\n    finally:\n        print('fin')\n"
    "it = g()\nnext(it)\nprint(it.throw(KeyError('k')))\nprint(list(it))\nit = g()\nnext(it)\n"
    "print(it.throw(KeyError, 'v'))\nit.close()\ntry:\n    g().throw(ValueError('fresh'))\nexcept ValueError as e:\n    print('fresh', e)",
    "def g():\n    try:\n        yield 1\n    except GeneratorExit:\n        yield 2\nit = g()\nnext(it)\ntry:\n    it.close()\nexcept RuntimeError as e:\n    print(e)",
    "def g():\n    try:\n        yield 1\n    except GeneratorExit:\n        return 'r'\nit = g()\nnext(it)\nprint(it.close())",
    "def g():\n    yield 1\n    raise StopIteration('x')\ntry:\n    print(list(g()))\nexcept RuntimeError as e:\n    print(e, repr(e.__cause__), e.__suppress_context__)",
    "def inner():\n    x = yield 'a'\n    y = yield x\n    return (x, y)\ndef outer():\n    r = yield from inner()\n    yield r\n    yield from [7, 8]\n"
    "it = outer()\nprint(next(it), it.send(1), it.send(2), list(it))",
    "def inner():\n    try:\n        yield 1\n    finally:\n        print('inner fin')\ndef outer():\n    try:\n        yield from inner()\n    finally:\n        print('outer fin')\n"
    "it = outer()\nnext(it)\nprint(it.gi_yieldfrom.__name__)\nit.close()\nprint(it.gi_yieldfrom)",
    "def g():\n    yield from 5\ntry:\n    list(g())\nexcept TypeError as e:\n    print(e)",
    "print(list(x * 2 for x in range(3)), sum(x for x in range(4)), any(x > 1 for x in [0, 2]), all(x for x in []))\n"
    "print(sorted(x for x in 'cab'), tuple(x for x in []), dict((x, x) for x in 'ab'), set(x for x in [1, 1]))\n"
    "print(min(x for x in [3, 1]), max(x for x in [3, 1]), '-'.join(x for x in 'ab'), 2 in (x for x in [1, 2]))\n"
    "a, *b = (x for x in range(3))\nprint(a, b, list(zip((x for x in 'ab'), range(5))), list(enumerate(x for x in 'z')))",
    "seen = []\ndef f(x):\n    seen.append(x)\n    return x\nprint(any(f(x) for x in [0, 0, 3, 4]), seen)\ng = (f(x) for x in [5, 6])\nprint(seen)\n"
    "print(next(g), seen, list(g), list(g))",
    "it = [1, 2, 3, 4].pop\nprint(list(iter(it, 2)))\ntry:\n    iter(1, 2)\nexcept TypeError as e:\n    print(e)\n"
    "c = iter(lambda: 1, 1)\nprint(list(c), next(c, 'end'))",
    "def g():\n    yield 1\nx = g()\nprint(iter(x) is x, next(x), next(x, None))\ntry:\n    x.throw(1)\nexcept TypeError as e:\n    print(e)",
    "from dataclasses import dataclass, field, asdict, replace\n@dataclass(order=True)\nclass P:\n    x: int\n    y: int = 0\n    tags: list = field(default_factory=list, compare=False)\n"
    "p = P(1)\nprint(p, p == P(1), p < P(2), asdict(p), replace(p, y=5), P.__match_args__, P.__hash__)\n"
    "for a in [(), (1, 2, [], 4)]:\n    try:\n        P(*a)\n    except TypeError as e:\n        print(e)\n"
    "try:\n    @dataclass\n    class Q:\n        a: int = 1\n        b: int\nexcept TypeError as e:\n    print(e)\n"
    "@dataclass(frozen=True)\nclass F:\n    a: int\ntry:\n    F(1).a = 2\nexcept AttributeError as e:\n    print(type(e).__name__, e, hash(F(1)) == hash(F(1)))",
    "from enum import Enum, IntEnum, auto\nclass C(Enum):\n    R = auto()\n    G = auto()\n    A = 1\nclass N(IntEnum):\n    X = 3\n"
    "print(list(C), C(2), C['R'], C.A is C.R, repr(C.G), str(C.G), f'{C.G}', C, len(C))\n"
    "print(repr(N.X), str(N.X), N.X + 1, N.X == 3, f'{N.X:03d}', isinstance(N.X, int), int(N.X))\n"
    "for bad in (lambda: C(9), lambda: C['Z']):\n    try:\n        bad()\n    except (ValueError, KeyError) as e:\n        print(type(e).__name__, e)",
    "class A:\n    pass\na, b = A(), A()\nprint(id(a) == id(a), id(a) == id(b), id(None) == id(None), type(id(a)).__name__)\n"
    "a.x = 1\ndelattr(a, 'x')\nprint(vars(a), hasattr(a, 'x'))\n"
    "for bad in (lambda: delattr(a, 'x'), lambda: delattr(a, 1), lambda: vars(1), lambda: id()):\n"
    "    try:\n        bad()\n    except (AttributeError, TypeError) as e:\n        print(type(e).__name__, e)",
    "class B:\n    pass\nclass C(B):\n    pass\nclass D(B):\n    pass\nclass E(C, D):\n    pass\n"
    "print(E.__mro__, E.mro(), E.__bases__, B.__bases__, KeyError.__mro__)\n"
    "print(type(object.__new__(E)).__name__)\ntry:\n    class F(C, E):\n        pass\nexcept TypeError as e:\n    print(e)",
    "class S:\n    def __getitem__(self, i):\n        if i > 2:\n            raise IndexError(i)\n        return i * i\n"
    "print(list(S()), 4 in S(), 5 in S(), type(iter(S())).__name__, [*S()], sorted(S(), reverse=True))",
    "from typing import Generic, TypeVar\nT = TypeVar('T')\nclass Box(Generic[T]):\n    pass\n"
    "print(Box[int], Box.__mro__, Box.__orig_bases__, list[int], dict[str, tuple[int, ...]], Box[int]() is not None)\n"
    "class G:\n    def __class_getitem__(cls, k):\n        return (cls.__name__, k)\nprint(G[1], G['a', 2])\n"
    "try:\n    int[str]\nexcept TypeError as e:\n    print(e)",
    "class N(str):\n    def __new__(cls, v, n=0):\n        o = super().__new__(cls, v)\n        o.n = n\n        return o\n"
    "x = N('ab', 2)\nprint(x, repr(x), x.n, x + 'c', type(x + 'c').__name__, type(x).__name__, x.upper(), len(x), x == 'ab', str(x), type(str(x)).__name__)\n"
    "class P(tuple):\n    def __new__(cls, a, b):\n        return tuple.__new__(cls, (a, b))\np = P(1, 2)\nprint(p, p[0], p + (3,), type(p).__name__, isinstance(p, tuple), tuple(p), type(tuple(p)).__name__)\n"
    "class B(bytes):\n    pass\nclass F(frozenset):\n    pass\nprint(B(b'hi'), B(b'hi') + b'!', F([1, 2]), F([1]) | {2}, type(F([1]) | {2}).__name__)\n"
    "for bad in (lambda: str.__new__(int), lambda: P(1)):\n    try:\n        bad()\n    except TypeError as e:\n        print(e)",
    "class P(int):\n    pass\nclass S(float):\n    pass\n"
    "print(P(3) + 1, type(P(3) + 1).__name__, repr(P(7)), S(1.5) * 2, isinstance(S(1.0), float), {P(1): 'a'}[1])\n"
    "print(hash(P(5)) == 5, P('ff', 16), round(S(2.5)), int(S(3.7)), f'{S(2.25):.1f}', f'{P(255):x}', bool(P(0)), -S(2.0))\n"
    "print([1, 2, 3][P(1)], 'ab' * P(2), divmod(P(7), 2), P(2) ** 70, type(P(2) ** 70).__name__, S(0.5) < P(1))\n"
    "try:\n    class B(bool):\n        pass\nexcept TypeError as e:\n    print(e)",
]


# Where simloop deliberately differs from CPython: (expression, the line
# simloop prints, for every version). Float overflow carries glibc's errno text (CPython on
# Linux; Pyodide's libc says "(68, 'Result not representable')").
SIMLOOP_ONLY = [
    ("2.0**10000", "OverflowError: (34, 'Numerical result out of range')"),
    ("print(file=1)", "AttributeError: 'int' object has no attribute 'write'"),  # as CPython (print calls file.write)
]


def program_for_expr(expr):
    return ("try:\n    print(repr(%s))\nexcept Exception as e:\n"
            "    print(type(e).__name__ + ':', e)\n" % expr)


def program_for_block(block):
    body = "\n".join("    " + line for line in block.splitlines())
    return ("try:\n%s\nexcept Exception as e:\n    print(type(e).__name__ + ':', e)\n" % body)


def cases():
    out = []
    for i, e in enumerate(EXPRS):
        out.append(("e%03d" % i, program_for_expr(e)))
    for i, b in enumerate(BLOCKS):
        if b.startswith("layout:"):
            out.append(("layout%03d" % i, program_for_block(b[len("layout:"):])))
        else:
            out.append(("b%03d" % i, program_for_block(b)))
    return out


def simloop_cases(minors):
    return [("s%03d" % i, program_for_expr(e), line + "\n", minors)
            for i, (e, line) in enumerate(SIMLOOP_ONLY)]


RUNNER = r"""
import sys, io, json, contextlib, warnings
warnings.simplefilter('ignore')
cases = json.load(open(sys.argv[1]))
res = []
for name, src in cases:
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        try:
            exec(compile(src, '<case>', 'exec'), {'__name__': '__main__'})
        except BaseException as e:
            print('UNCAUGHT', type(e).__name__, e)
    res.append(buf.getvalue())
json.dump(res, open(sys.argv[2], 'w'))
"""


def run_cpython(cmd, cases_path, out_path, runner_path):
    subprocess.run(cmd + [runner_path, cases_path, out_path], check=True)
    with open(out_path) as f:
        return json.load(f)


def run_pyodide(minor, cases_path, out_path, runner_path):
    pkg = os.path.join(ROOT, "oracle", "pyodide", "node_modules", "pyodide-3%d" % minor)
    if not os.path.isdir(pkg):
        return None
    js = ("const m = await import(%s);\n"
          "const py = await m.loadPyodide();\n"
          "py.FS.mkdirTree('/w');\n"
          "py.FS.writeFile('/w/runner.py', require_fs.readFileSync(%s, 'utf8'));\n"
          "py.FS.writeFile('/w/cases.json', require_fs.readFileSync(%s, 'utf8'));\n"
          "py.runPython(\"import sys; sys.argv=['r','/w/cases.json','/w/out.json']; "
          "exec(open('/w/runner.py').read())\");\n"
          "require_fs.writeFileSync(%s, py.FS.readFile('/w/out.json', {encoding: 'utf8'}));\n"
          % (json.dumps(os.path.join(pkg, "pyodide.mjs")), json.dumps(runner_path),
             json.dumps(cases_path), json.dumps(out_path)))
    js = "import require_fs from 'node:fs';\n" + js
    with tempfile.NamedTemporaryFile("w", suffix=".mjs", delete=False) as f:
        f.write(js)
    try:
        subprocess.run(["node", f.name], check=True)
    except (OSError, subprocess.CalledProcessError):
        return None
    finally:
        os.unlink(f.name)
    with open(out_path) as f:
        return json.load(f)


def run_all_versions(cs, runner):
    """Runs the cases under every CPython at hand: {minor: [stdout, ...]}."""
    tmp = tempfile.mkdtemp()
    cases_path = os.path.join(tmp, "cases.json")
    runner_path = os.path.join(tmp, "runner.py")
    with open(cases_path, "w") as f:
        json.dump(cs, f)
    with open(runner_path, "w") as f:
        f.write(runner)
    results = {11: run_cpython(["/usr/bin/python3"], cases_path, os.path.join(tmp, "o11.json"),
                               runner_path)}
    for minor in (12, 13, 14):
        r = run_pyodide(minor, cases_path, os.path.join(tmp, "o%d.json" % minor), runner_path)
        if r is not None:
            results[minor] = r
        else:
            print("CPython 3.%d not available; left out" % minor, file=sys.stderr)
    return results


def write_case(f, name, minors, src, text):
    f.write("@@ case %s %s\n" % (name, " ".join(str(m) for m in minors)))
    f.write(src + "@@ expect\n" + text + "@@ end\n")


def write_case_table(out_path, generator, cs, runner, text_of=None, extra=()):
    """Writes one table: each case once per distinct output, with the
    versions that print it. text_of(name, results, minor, i) picks the
    expected text (default: what that version printed); extra(minors)
    yields (name, src, text, minors) rows appended as they are."""
    results = run_all_versions(cs, runner)
    with open(out_path, "w") as f:
        f.write("# Generated by tests/unit/%s; do not edit.\n" % generator)
        for i, (name, src) in enumerate(cs):
            groups = {}
            for minor in sorted(results):
                text = text_of(name, results, minor, i) if text_of else results[minor][i]
                groups.setdefault(text, []).append(minor)
            for text, minors in groups.items():
                write_case(f, name, minors, src, text)
        for name, src, text, minors in (extra(sorted(results)) if extra else ()):
            write_case(f, name, minors, src, text)
    print("wrote %s (%d cases, versions %s)" % (out_path, len(cs), sorted(results)))


def layout_from_311(name, results, minor, i):
    # Layout cases print CPython 3.11's text for every version (see above).
    return results[11][i] if name.startswith("layout") else results[minor][i]


def main():
    write_case_table(OUT, "gen_builtins_cases.py", cases(), RUNNER, layout_from_311,
                     simloop_cases)


if __name__ == "__main__":
    main()
