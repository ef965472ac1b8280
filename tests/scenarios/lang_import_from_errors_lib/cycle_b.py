try:
    from .cycle_a import LATE
except ImportError as e:
    print("cycle:", str(e).split(" (/")[0], "|", e.name, "|", e.path.split("/")[-1])
    LATE = None


def probe():
    from .cycle_a import LATE

    return LATE
