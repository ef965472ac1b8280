"""A package of the program's own (used by env_modules.py)."""
from .timing import delay, Clock
from . import errors

print("package", __name__, "loaded; package of it:", __package__)
LOADS = ["env_modules_lib"]
