"""The error hierarchy: one root, subclasses that also inherit the matching built-in.

Every error has an ``exit_code`` (the command line's exit status for it; README, "Exit
codes") and a message that names the file, row or key and what was expected. Values taken from
the input are cut to a readable length in messages (:func:`clip`), so a 900 KB id is never
printed back in full.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "EXIT_CODES",
    "AssessmentError",
    "CatalogError",
    "DataQualityWarning",
    "InfeasibleError",
    "Issue",
    "ItineraryError",
    "NetworkError",
    "OutputBusyError",
    "OutputError",
    "RequestWarning",
    "RouteplannerError",
    "RouteplannerWarning",
    "ScenarioError",
    "UnknownPlaceError",
    "clip",
    "describe",
]

#: Exit status of the command line for each kind of outcome (README, "Exit codes").
EXIT_CODES: dict[int, str] = {
    0: "success",
    1: "violations found (check)",
    2: "bad command-line arguments",
    3: "an input file is invalid",
    4: "an unknown id (place, site, lodging)",
    5: "the request cannot be met",
    6: "unreachable (travel)",
    70: "an unexpected error (the traceback is in the log file named)",
    73: "an output cannot be written (full disk, read-only folder, a folder in the way)",
    75: "the output folder is in use by another run",
    130: "interrupted (Ctrl-C)",
}

#: Longest piece of input repeated in a message.
CLIP_CHARS = 200


def clip(text: object, limit: int = CLIP_CHARS) -> str:
    """``str(text)``, cut to ``limit`` characters with a note of how long it was.

    Parameters
    ----------
    text : object
    limit : int

    Returns
    -------
    str
    """
    s = str(text)
    if len(s) <= limit:
        return s
    return f"{s[:limit]}… ({len(s):,} characters)".replace(",", " ")


@dataclass(frozen=True)
class Issue:
    """One problem found while validating an input.

    Attributes
    ----------
    file : str
        The file (or object) the problem is in.
    row : int or None
        Line of the file where the record starts (a CSV header is line 1, so the first data
        row is row 2, as a spreadsheet shows it); ``None`` for file-level problems.
    field : str or None
        The column or key.
    message : str
        What is wrong and, where possible, how to fix it.
    unknown_id : bool
        The problem is an id that names nothing (an error made only of such issues exits
        with 4, as an unknown place does).
    """

    file: str
    row: int | None
    field: str | None
    message: str
    unknown_id: bool = False

    def __str__(self) -> str:
        message = clip(self.message, 4 * CLIP_CHARS)
        if not self.file:
            return message
        where = clip(self.file)
        if self.row is not None:
            where += f", row {self.row}"
        if self.field:
            where += f", field '{clip(self.field, 80)}'"
        return f"{where}: {message}"


class RouteplannerError(Exception):
    """Root of every error raised on purpose by routeplanner."""

    exit_code = 1


class _IssuesError(RouteplannerError):
    """An error carrying every :class:`Issue` found, reported together."""

    def __init__(self, issues: list[Issue] | str, *, title: str | None = None) -> None:
        if isinstance(issues, str):
            issues = [Issue(file="", row=None, field=None, message=issues)]
        self.issues: list[Issue] = list(issues)
        self.title = title
        if self.issues and all(getattr(i, "unknown_id", False) for i in self.issues):
            self.exit_code = UnknownPlaceError.exit_code
        if len(self.issues) == 1 and title is None:
            message = str(self.issues[0])
        else:
            head = title or f"{len(self.issues)} problems found:"
            message = "\n".join([head] + [f"  - {i}" for i in self.issues])
        super().__init__(message)


class CatalogError(_IssuesError, ValueError):
    """A catalog file (sites, lodgings, hubs, checklist, scoring) is invalid."""

    exit_code = 3


class NetworkError(_IssuesError, ValueError):
    """The travel network data violates its contract."""

    exit_code = 3


class ScenarioError(_IssuesError, ValueError):
    """A trip request (scenario file or API object) is invalid."""

    exit_code = 3


class ItineraryError(_IssuesError, ValueError):
    """An itinerary JSON file cannot be read."""

    exit_code = 3


class AssessmentError(_IssuesError, ValueError):
    """An enterprise assessment cannot be recorded (unknown criterion, score out of range...)."""

    exit_code = 3


class UnknownPlaceError(RouteplannerError, LookupError):
    """An id names no site, lodging, hub or network node.

    Parameters
    ----------
    place_id : str
        The id that was asked for.
    suggestions : list of str
        The closest known ids.
    """

    exit_code = 4

    def __init__(self, place_id: str, suggestions: list[str]) -> None:
        self.place_id = place_id
        self.suggestions = suggestions
        hint = f"; did you mean {', '.join(suggestions)}?" if suggestions else ""
        super().__init__(f"unknown place id '{clip(place_id, 80)}'{hint}")

    def __str__(self) -> str:  # LookupError would quote the message
        return str(self.args[0])


class InfeasibleError(RouteplannerError, RuntimeError):
    """The request cannot be satisfied; ``reasons`` names the conflicting constraints."""

    exit_code = 5

    def __init__(self, reasons: list[str]) -> None:
        self.reasons = reasons
        super().__init__(
            "the request cannot be satisfied:\n" + "\n".join(f"  - {r}" for r in reasons)
        )


class OutputError(RouteplannerError, OSError):
    """An output cannot be written: a full disk, a read-only folder, a folder where a file
    should go. Nothing of the set was written (the folder is as it was)."""

    exit_code = 73

    def __init__(self, target: object, err: OSError) -> None:
        why = err.strerror or str(err)
        super().__init__(f"cannot write {clip(target)}: {why}; nothing was written")


class OutputBusyError(RouteplannerError, OSError):
    """Another run is writing into the same output folder."""

    exit_code = 75

    def __init__(self, folder: object, holder: str = "") -> None:
        who = f" ({holder})" if holder else ""
        super().__init__(
            f"another routeplanner run is writing into {clip(folder)}{who}; wait for it to "
            "finish or choose another --out"
        )


def describe(err: BaseException) -> str:
    """The message shown for ``err`` by the command line and the web app alike: its title and
    one line per problem (each naming file, row or key, and field), input values cut short.

    Parameters
    ----------
    err : Exception

    Returns
    -------
    str
    """
    issues = getattr(err, "issues", None)
    if isinstance(err, _IssuesError) and issues:
        if len(issues) == 1 and err.title is None:
            return str(issues[0])
        head = err.title or f"{len(issues)} problems found:"
        shown = [f"  - {i}" for i in issues[:50]]
        if len(issues) > 50:
            shown.append(f"  … and {len(issues) - 50} more")
        return "\n".join([clip(head), *shown])
    return clip(str(err), 4 * CLIP_CHARS)


class RouteplannerWarning(UserWarning):
    """Root of routeplanner's warnings."""


class DataQualityWarning(RouteplannerWarning):
    """A value is a planning default or approximate, not a sourced fact."""


class RequestWarning(RouteplannerWarning):
    """Part of a request has no effect (a lunch window outside the day, an unknown lodging
    town): the plan is made without it, and the user is told."""
