"""The error hierarchy: one root, subclasses that also inherit the matching built-in."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "AssessmentError",
    "CatalogError",
    "DataQualityWarning",
    "InfeasibleError",
    "Issue",
    "ItineraryError",
    "NetworkError",
    "RouteplannerError",
    "RouteplannerWarning",
    "ScenarioError",
    "UnknownPlaceError",
]


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
    """

    file: str
    row: int | None
    field: str | None
    message: str

    def __str__(self) -> str:
        if not self.file:
            return self.message
        where = self.file
        if self.row is not None:
            where += f", row {self.row}"
        if self.field:
            where += f", field '{self.field}'"
        return f"{where}: {self.message}"


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
        super().__init__(f"unknown place id '{place_id}'{hint}")

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


class RouteplannerWarning(UserWarning):
    """Root of routeplanner's warnings."""


class DataQualityWarning(RouteplannerWarning):
    """A value is a planning default or approximate, not a sourced fact."""
