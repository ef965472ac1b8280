#!/usr/bin/env python3
"""Prints an oracle JSONL trace in the text form of tests/unit/sl_test.h,
as C string literal lines, so an engine test can embed CPython's trace.

usage: python3 tests/unit/jsonl_to_test_trace.py TRACE.jsonl
"""
import json
import sys


def text_lines(path):
    for raw in open(path):
        ev = json.loads(raw)
        kind = ev["ev"]
        if kind == "step":
            timeout = "None" if ev["timeout"] is None else repr(float(ev["timeout"]))
            yield "#%d t=%r timeout=%s" % (ev["i"], float(ev["t"]), timeout)
        elif kind == "handle":
            yield "  " + ev["name"]
        elif kind == "task":
            yield "  +%s %s %s" % (ev["id"], ev["name"], ev["coro"])
        elif kind == "task_done":
            detail = "" if ev["detail"] is None else " " + ev["detail"]
            yield "  -%s %s%s" % (ev["id"], ev["outcome"], detail)
        elif kind == "output":
            yield "  > " + ev["text"]


for line in text_lines(sys.argv[1]):
    print('      "%s\\n"' % line.replace("\\", "\\\\").replace('"', '\\"'))
