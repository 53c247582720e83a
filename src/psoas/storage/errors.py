"""The one error storage raises, so callers never see a driver traceback."""


class StorageError(Exception):
    """The database cannot be used: one line saying which database, what failed and what to do.

    It carries ``problems`` like ``InputError`` so the CLI prints it the same way (exit 2) and the
    web app can answer with it, without either importing a database driver.
    """

    def __init__(self, message: str) -> None:
        self.message = message
        self.problems = (message,)
        super().__init__(message)


class StepAlreadyRecorded(StorageError):
    """A step reported again with another outcome: the first one stands (a conflict, not a
    broken database)."""


class SessionGone(StorageError):
    """The session is not there (never was, or deleted while the request was on its way)."""


class SessionClosed(StorageError):
    """The session was finished already (perhaps a moment ago, by a request racing this one)."""
