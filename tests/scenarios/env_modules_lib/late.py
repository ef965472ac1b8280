from .errors import RetryError as _RetryError
from . import timing

VALUE = _RetryError.__qualname__ + " via " + timing.__name__
