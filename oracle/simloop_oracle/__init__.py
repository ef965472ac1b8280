"""simloop's CPython oracle: run a scenario under real asyncio with a
virtual clock and write the trace simloop compares against its own.

Usage: PYTHONPATH=oracle python3 -m simloop_oracle run FILE... --jsonl OUT
See oracle/README.md and docs/trace.md.
"""

__version__ = "0.1.0"
