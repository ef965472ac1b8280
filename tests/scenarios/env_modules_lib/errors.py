class RetryError(Exception):
    def __init__(self, attempts):
        super().__init__(f"gave up after {attempts} attempts")
        self.attempts = attempts


def takes_star(*items):
    return len(items)


def fail(attempts):
    raise RetryError(attempts)
