SEEN = []
from .cycle_b import probe

LATE = "defined after the cycle"
SEEN.append(probe())
