"""The error hierarchy: one root, subclasses that also inherit the matching built-in.

Every error has an ``exit_code`` (the command line's exit status for it; README, "Exit
codes") and a message that names the file, row or key and what was expected. Values taken from
the input are cut to a readable length in messages (:func:`clip`), so a 900 KB id is never
printed back in full.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from dataclasses import field as _field
from typing import Any

__all__ = [
    "EXIT_CODES",
    "AssessmentError",
    "CatalogError",
    "DataQualityWarning",
    "InfeasibleError",
    "Invalid",
    "Issue",
    "ItineraryError",
    "Msg",
    "NetworkError",
    "OutputBusyError",
    "OutputError",
    "Plural",
    "RequestWarning",
    "RouteplannerError",
    "RouteplannerWarning",
    "ScenarioError",
    "UnknownPlaceError",
    "clip",
    "describe",
    "os_reason",
    "pydantic_issues",
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


def _render(value: Any, lang: str) -> Any:
    """A parameter of a message in ``lang``: a :class:`Msg` or :class:`Plural` is rendered, a
    ``(ru, en)`` pair of texts (a place's two names) gives the one in ``lang``, anything else
    is left as it is."""
    render = getattr(value, "render", None)
    if callable(render):
        return render(lang)
    if isinstance(value, tuple) and len(value) == 2 and all(isinstance(x, str) for x in value):
        return value[1] if lang == "en" else value[0]
    return value


@dataclass(frozen=True)
class Msg:
    """A message as a key of the label catalog (``routeplanner.i18n``) and its parameters,
    rendered in the run's language where it is shown (the CLI's handler, the web app).

    Parameters may themselves be a :class:`Msg` or a :class:`Plural` (rendered in the same
    language). ``str(msg)`` is the English text, so library users and logs read English.
    """

    key: str
    params: Mapping[str, Any] = _field(default_factory=dict, compare=False, hash=False)

    def render(self, lang: str = "en") -> str:
        """The message in ``lang`` (``"ru"`` or ``"en"``)."""
        from .i18n import t

        values = {k: _render(v, lang) for k, v in self.params.items()}
        return t(self.key, lang, **values) if values else t(self.key, lang)

    def __str__(self) -> str:
        return self.render("en")


@dataclass(frozen=True)
class Plural:
    """A count with the agreeing form of its noun (``routeplanner.i18n.plural``), as a message
    parameter."""

    n: int
    noun: str

    def render(self, lang: str = "en") -> str:
        """``"3 problems"`` / ``"3 ошибки"``."""
        from .i18n import plural

        return plural(self.n, self.noun, lang)


#: The system's reasons a file cannot be read or written, by errno name (others are shown as
#: the system gives them).
_OS_REASONS = frozenset(
    {"ENOENT", "EACCES", "EPERM", "EISDIR", "ENOTDIR", "ENOSPC", "EROFS", "EEXIST", "EDQUOT"}
)


def os_reason(err: BaseException) -> Msg | str:
    """Why an ``OSError`` happened, in words of the label catalog where the reason is common
    (no such file, permission denied, a folder, a full disk, read-only), else the system's own.

    Parameters
    ----------
    err : BaseException

    Returns
    -------
    Msg or str
    """
    import errno

    name = errno.errorcode.get(getattr(err, "errno", None) or -1, "")
    if name in _OS_REASONS:
        return Msg(f"err.os.{name}")
    return str(getattr(err, "strerror", None) or err)


class Invalid(ValueError):
    """A ``ValueError`` whose message is a :class:`Msg`: raised by parsers and validators so
    the message reaches the user in the run's language (``str(err)`` is English).

    Parameters
    ----------
    key : str or Msg
        A key of the label catalog (``err.*``), or the whole message.
    **params
        The message's fields.
    """

    def __init__(self, key: str | Msg, **params: Any) -> None:
        self.msg = key if isinstance(key, Msg) else Msg(key, params)
        super().__init__(str(self.msg))


def _as_msg(message: object) -> Msg | None:
    if isinstance(message, Msg):
        return message
    msg = getattr(message, "msg", None)
    return msg if isinstance(msg, Msg) else None


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
    message : str, Msg or Invalid
        What is wrong and, where possible, how to fix it: a :class:`Msg` (or a
        :class:`Invalid` carrying one) is shown in the run's language; a plain string (a
        message of a library) is shown as it is. Stored as the English text; the message key
        is kept in ``msg``.
    unknown_id : bool
        The problem is an id that names nothing (an error made only of such issues exits
        with 4, as an unknown place does).
    """

    file: str
    row: int | None
    field: str | None
    message: str | Msg
    unknown_id: bool = False
    msg: Msg | None = _field(default=None, compare=False, hash=False)

    def __post_init__(self) -> None:
        msg = self.msg or _as_msg(self.message)
        if msg is not None:
            object.__setattr__(self, "msg", msg)
            object.__setattr__(self, "message", str(msg))
        elif not isinstance(self.message, str):  # e.g. a ValueError of a parser
            object.__setattr__(self, "message", str(self.message))

    def text(self, lang: str = "en") -> str:
        """The issue in ``lang``: file, row and field, then what is wrong.

        Parameters
        ----------
        lang : {"ru", "en"}

        Returns
        -------
        str
        """
        from .i18n import t

        body = self.msg.render(lang) if self.msg is not None else self.message
        message = clip(body, 4 * CLIP_CHARS)
        if not self.file:
            return message
        where = clip(self.file)
        if self.row is not None:
            where += t("err.at_row", lang, row=self.row)
        if self.field:
            where += t("err.at_field", lang, field=clip(self.field, 80))
        return f"{where}: {message}"

    def __str__(self) -> str:
        return self.text("en")


class RouteplannerError(Exception):
    """Root of every error raised on purpose by routeplanner."""

    exit_code = 1


class _IssuesError(RouteplannerError):
    """An error carrying every :class:`Issue` found, reported together."""

    def __init__(self, issues: list[Issue] | str | Msg, *, title: str | Msg | None = None) -> None:
        if isinstance(issues, str | Msg):
            issues = [Issue(file="", row=None, field=None, message=issues)]
        self.issues: list[Issue] = [
            i if isinstance(i, Issue) else Issue("", None, None, i) for i in issues
        ]
        self.title = title
        if self.issues and all(getattr(i, "unknown_id", False) for i in self.issues):
            self.exit_code = UnknownPlaceError.exit_code
        super().__init__(self.text("en", limit=None))

    def text(self, lang: str = "en", *, limit: int | None = 50) -> str:
        """The error in ``lang``: its title and one line per problem (at most ``limit``).

        Parameters
        ----------
        lang : {"ru", "en"}
        limit : int or None
            Most problems listed (the rest counted); ``None`` lists all.

        Returns
        -------
        str
        """
        from .i18n import t

        issues = self.issues
        if len(issues) == 1 and self.title is None:
            return issues[0].text(lang)
        title = self.title
        if title is None:
            head = t("err.problems_found", lang, n=Plural(len(issues), "problem").render(lang))
        else:
            head = clip(_render(title, lang))
        shown = issues if limit is None else issues[:limit]
        lines = [f"  - {i.text(lang)}" for i in shown]
        if len(issues) > len(shown):
            lines.append(t("err.and_more", lang, n=len(issues) - len(shown)))
        return "\n".join([head, *lines])


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
        super().__init__(self.text("en"))

    def text(self, lang: str = "en") -> str:
        """The message in ``lang``."""
        from .i18n import t

        hint = t("err.did_you_mean", lang, ids=", ".join(self.suggestions))
        return t(
            "err.unknown_place",
            lang,
            id=clip(self.place_id, 80),
            hint=hint if self.suggestions else "",
        )

    def __str__(self) -> str:  # LookupError would quote the message
        return str(self.args[0])


class InfeasibleError(RouteplannerError, RuntimeError):
    """The request cannot be satisfied; ``reasons`` names the conflicting constraints."""

    exit_code = 5

    def __init__(self, reasons: list[Any]) -> None:
        self.reasons = reasons
        super().__init__(self.text("en"))

    def text(self, lang: str = "en") -> str:
        """The message in ``lang`` (reasons with a ``text(lang)`` method, such as
        :class:`routeplanner.reasons.Reason`, in that language)."""
        from .i18n import t

        lines = []
        for r in self.reasons:
            render = getattr(r, "text", None)
            lines.append(render(lang) if callable(render) else str(r))
        return t("err.infeasible", lang) + "".join(f"\n  - {r}" for r in lines)


class OutputError(RouteplannerError, OSError):
    """An output cannot be written: a full disk, a read-only folder, a folder where a file
    should go. Nothing of the set was written (the folder is as it was)."""

    exit_code = 73

    def __init__(self, target: object, err: OSError) -> None:
        self.target = target
        self.why = os_reason(err)
        super().__init__(self.text("en"))

    def text(self, lang: str = "en") -> str:
        """The message in ``lang`` (the system's reason as the system gives it)."""
        from .i18n import t

        target = self.target if self.target is not None else t("err.an_output", lang)
        return t("err.cannot_write", lang, target=clip(target), why=_render(self.why, lang))


class OutputBusyError(RouteplannerError, OSError):
    """Another run is writing into the same output folder."""

    exit_code = 75

    def __init__(self, folder: object, holder: str = "") -> None:
        self.folder = folder
        self.holder = holder
        super().__init__(self.text("en"))

    def text(self, lang: str = "en") -> str:
        """The message in ``lang``."""
        from .i18n import t

        who = f" ({self.holder})" if self.holder else ""
        return t("err.busy", lang, folder=clip(self.folder), who=who)


def describe(err: BaseException, lang: str = "en") -> str:
    """The message shown for ``err`` by the command line and the web app alike, in ``lang``:
    its title and one line per problem (each naming file, row or key, and field), input values
    cut short.

    Parameters
    ----------
    err : Exception
    lang : {"ru", "en"}
        The run's language; messages of other libraries stay as they were written.

    Returns
    -------
    str
    """
    if isinstance(err, _IssuesError) and err.issues:
        return err.text(lang)
    text = getattr(err, "text", None)
    if isinstance(err, RouteplannerError) and callable(text):
        return clip(text(lang), 4 * CLIP_CHARS)
    msg = _as_msg(err) or next((a for a in err.args[:1] if isinstance(a, Msg)), None)
    if msg is not None:  # an Invalid, or any error raised with a Msg
        return clip(msg.render(lang), 4 * CLIP_CHARS)
    return clip(str(err), 4 * CLIP_CHARS)


#: The pydantic error types whose messages are in the label catalog (``err.pyd.<type>``),
#: with the ``ctx`` fields their labels use.
_PYDANTIC_TYPES = frozenset(
    {
        "missing",
        "extra_forbidden",
        "greater_than",
        "greater_than_equal",
        "less_than",
        "less_than_equal",
        "int_parsing",
        "int_from_float",
        "int_type",
        "float_parsing",
        "float_type",
        "finite_number",
        "bool_parsing",
        "bool_type",
        "string_type",
        "string_too_long",
        "string_too_short",
        "too_long",
        "too_short",
        "literal_error",
        "enum",
        "date_from_datetime_parsing",
        "date_from_datetime_inexact",
        "date_parsing",
        "date_type",
        "time_parsing",
        "time_type",
        "dict_type",
        "list_type",
        "tuple_type",
        "model_type",
        "model_attributes_type",
        "recursion_loop",
    }
)


def pydantic_issues(
    errors: Iterable[Mapping[str, Any]], source: str, *, prefix: str = ""
) -> list[Issue]:
    """One :class:`Issue` per entry of a pydantic ``ValidationError.errors()``, translated by
    the error's ``type`` (its field path as the field, the input cut short); a message raised
    as a :class:`Invalid` by a validator keeps its key; other types keep pydantic's English.

    Parameters
    ----------
    errors : iterable of mapping
        ``err.errors()`` of a ``pydantic.ValidationError``.
    source : str
        The file (or object) validated, named in the messages.
    prefix : str
        Put before every field path (``"scenario."``).

    Returns
    -------
    list of Issue
    """
    issues = []
    for e in errors:
        loc = prefix + ".".join(str(x) for x in e.get("loc", ()))
        kind = str(e.get("type", ""))
        ctx = dict(e.get("ctx") or {})
        message: str | Msg = str(e.get("msg", "")).removeprefix("Value error, ")
        original = _as_msg(ctx.get("error"))
        if original is not None:
            message = original
        elif kind in _PYDANTIC_TYPES:
            params = {k: clip(v, 80) for k, v in ctx.items() if k != "error"}
            if "expected" in params:  # pydantic's "'car' or 'coach'": no English word
                params["expected"] = params["expected"].replace(" or ", ", ")
            params["input"] = clip(e.get("input"), 60)
            message = Msg(f"err.pyd.{kind}", params)
        issues.append(Issue(source, None, loc.rstrip(".") or None, message))
    return issues


class RouteplannerWarning(UserWarning):
    """Root of routeplanner's warnings (given a :class:`Msg`, shown in the run's language)."""

    def __init__(self, *args: object) -> None:
        super().__init__(*args)
        self.msg = args[0] if args and isinstance(args[0], Msg) else None


class DataQualityWarning(RouteplannerWarning):
    """A value is a planning default or approximate, not a sourced fact."""


class RequestWarning(RouteplannerWarning):
    """Part of a request has no effect (a lunch window outside the day, an unknown lodging
    town): the plan is made without it, and the user is told."""
