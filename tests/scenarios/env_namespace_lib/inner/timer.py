# A module in a namespace package nested in a namespace package.
import time


def stamp(label):
    return f"{label}@{time.monotonic() - START:.2f}"


START = time.monotonic()
