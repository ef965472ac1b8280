import asyncio

class AppError(Exception):
    pass

class DbError(AppError):
    code = 7
    def __init__(self, msg, table):
        super().__init__(msg)
        self.table = table
    def describe(self):
        return f"{self.table}: {self.args[0]} (code {self.code})"

async def main():
    try:
        raise DbError("locked", "users")
    except AppError as e:
        print(type(e).__name__, e, repr(e), e.args)
        print(e.describe(), e.table, isinstance(e, Exception))
    try:
        raise AppError
    except AppError as e:
        print(repr(e), e.args, str(e) == "")
    e2 = AppError("a", 1)
    print(str(e2), repr(e2))
    try:
        try:
            1 / 0
        except ZeroDivisionError as exc:
            raise ValueError("bad") from exc
    except ValueError as v:
        print(repr(v.__cause__), v.__suppress_context__)
    try:
        try:
            {}["k"]
        except KeyError:
            raise RuntimeError("during")
    except RuntimeError as r:
        print(repr(r.__context__), r.__cause__)

asyncio.run(main())
