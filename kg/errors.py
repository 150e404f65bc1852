"""Errors with a one-line message that names the file and the problem."""


class KgError(Exception):
    """Base class: ``str(err)`` is the one line shown to the user."""


class InputError(KgError):
    """A page file could not be read or decoded."""

    def __init__(self, path: str, problem: str):
        self.path = path
        self.problem = problem
        super().__init__(f"{path}: {problem}")
