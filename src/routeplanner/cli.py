"""The thin command-line interface: parse, call the library, print.

Every command runs inside one error handler (:func:`report`): an expected error prints a
one-line message per problem (file, row or key, what was expected; input values cut short) and
exits with its documented code (README, "Exit codes"; :data:`routeplanner.exceptions.EXIT_CODES`);
anything unexpected prints a short message and the path of a log file holding the traceback,
and exits with 70. No command prints a Python traceback.
"""

from __future__ import annotations

import contextlib
import contextvars
import datetime as dt
import functools
import json
import logging
import math
import os
import re
import signal
import sys
import tempfile
import threading
import time
import traceback
import warnings
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table
from typer.core import TyperCommand, TyperGroup

try:  # typer carries its own copy of click (0.2x); its usage errors are that copy's
    from typer._click import exceptions as _usage
except ImportError:  # pragma: no cover - a typer that uses click itself
    import click.exceptions as _usage  # type: ignore[no-redef]

from . import __version__
from .exceptions import (
    Msg,
    OutputError,
    RouteplannerError,
    RouteplannerWarning,
    clip,
    describe,
)


def _lang_in(args: Any) -> str:
    """The language a command line asks for (its last ``--lang``; Russian first)."""
    lang = "ru"
    args = [str(a) for a in args]
    for k, arg in enumerate(args):
        if arg == "--lang" and k + 1 < len(args):
            lang = args[k + 1]
        elif arg.startswith("--lang="):
            lang = arg.partition("=")[2]
    return lang if lang in ("ru", "en") else "ru"


def _frame_in_language(command: Any) -> None:
    """Word the frame typer draws around a help page or a usage error in this run's language."""
    from typer import rich_utils

    rich_utils.ARGUMENTS_PANEL_TITLE = _t("help.arguments")
    rich_utils.OPTIONS_PANEL_TITLE = _t("help.options")
    rich_utils.COMMANDS_PANEL_TITLE = _t("help.commands")
    rich_utils.DEFAULT_STRING = _t("help.default")
    rich_utils.REQUIRED_LONG_STRING = _t("help.required")
    if command.options_metavar:
        command.options_metavar = _t("help.options_metavar")
    if isinstance(command, TyperGroup):
        command.subcommand_metavar = _t("help.command_metavar")


def _help_in_language(command: Any, ctx: Any) -> None:
    """Fill ``command``'s help page from the catalog in this run's language: its own text, its
    parameters' and its subcommands' (cli.py gives each a ``help.*`` key; i18n.py the words)."""
    _frame_in_language(command)
    subcommands = getattr(command, "commands", {}).values()
    for obj in (command, *command.get_params(ctx), *subcommands):
        key = getattr(obj, "_help_key", None) or obj.help or ""
        if "--help" in getattr(obj, "opts", ()):
            key = "help.help"  # typer's own help option
        if key.startswith("help."):
            obj._help_key = key
            obj.help = _t(key)
        _type_in_language(obj, ctx)


def _type_in_language(param: Any, ctx: Any) -> None:
    """Show a parameter's value type ("<path>") in the run's language; a type the catalog does
    not name, and a parameter's own metavar, stay as they are."""
    display_type = getattr(param, "display_type", None)
    if display_type is None or getattr(param, "metavar", None) is not None:
        return
    from .i18n import has

    label = display_type(ctx)  # typer's own wording, e.g. "<int range>"
    inner = label[1:-1] if label.startswith("<") and label.endswith(">") else ""
    if inner and has(f"help.type.{inner}"):
        label = f"<{_t(f'help.type.{inner}')}>"
    param.display_type_rich = lambda ctx=None, _label=label: _label


class _InLanguage:
    """Help page and usage line in the run's language (mixed into click's command classes)."""

    def format_help(self, ctx: Any, formatter: Any) -> None:
        _help_in_language(self, ctx)
        super().format_help(ctx, formatter)  # type: ignore[misc]

    def get_usage(self, ctx: Any) -> str:
        _frame_in_language(self)
        return str(super().get_usage(ctx)).replace("Usage:", _t("cli.usage"), 1)  # type: ignore[misc]


class _Command(_InLanguage, TyperCommand):
    """A command whose help page and usage line are in the run's language."""


class _Group(_InLanguage, TyperGroup):
    """The command group, saying its help, its commands' help and click's usage errors (a bad
    or missing option or argument) in the run's language too."""

    def main(self, args: Any = None, *rest: Any, **kwargs: Any) -> Any:
        # known before anything is parsed: --help is eager, and so are the usage errors
        _LANG[0] = _lang_in(sys.argv[1:] if args is None else args)
        return super().main(args, *rest, **kwargs)

    def make_context(self, *args: Any, **kwargs: Any) -> Any:
        try:  # the app's own options (routeplanner --bogus) and a missing command
            return super().make_context(*args, **kwargs)
        except _usage.UsageError as err:
            _usage_error_in_language(err)
            raise

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except _usage.UsageError as err:
            _usage_error_in_language(err)
            raise


def _usage_error_in_language(err: Any) -> None:
    """Word ``err`` (and the frame typer prints around it) in this run's language."""
    from typer import rich_utils

    rich_utils.ERRORS_PANEL_TITLE = _t("cli.error")
    rich_utils.RICH_HELP = _t("cli.try_help")
    ctx = err.ctx
    if isinstance(err, _usage.MissingParameter) and err.param is not None:
        kind = "argument" if err.param.param_type_name == "argument" else "option"
        text = _t(f"cli.missing_{kind}", name=_hint(err.param, ctx))
    elif isinstance(err, _usage.BadParameter):
        hint = err.param_hint or (_hint(err.param, ctx) if err.param is not None else "")
        message = err.message
        if message.startswith("Input should be a valid number"):
            message = _t("cli.not_number")
        elif message.startswith("Input should be a valid integer"):
            message = _t("cli.not_integer")
        elif found := re.match(r"Input should be (less|greater) than or equal to (\S+)$", message):
            message = _t("cli.at_most" if found[1] == "less" else "cli.at_least", bound=found[2])
        if hint:
            text = _t("cli.bad_value", name=hint, message=message)
        else:
            text = _t("cli.bad_value_plain", message=message)
    elif isinstance(err, _usage.NoSuchOption):
        text = _t("cli.no_such_option", name=err.option_name)
        if err.possibilities:
            text += _t("cli.did_you_mean", names=", ".join(sorted(err.possibilities)))
    elif err.message.startswith("Missing command"):
        text = _t("cli.missing_command")
    elif found := re.match(r"No such command '(.*)'\.(?: Did you mean (.*)\?)?$", err.message):
        text = _t("cli.no_such_command", name=found[1])
        if found[2]:
            text += _t("cli.did_you_mean", names=found[2].replace("'", ""))
    elif err.message.startswith("Got unexpected extra argument"):
        text = _t("cli.extra_args", args=err.message.rsplit("(", 1)[-1].rstrip(")"))
    else:
        return  # other usage errors keep click's words
    err.format_message = lambda: text  # type: ignore[method-assign]


def _hint(param: Any, ctx: Any) -> str:
    """How click names a parameter in an error (``'--time-limit'``, ``'SCENARIO'``)."""
    try:
        return str(param.get_error_hint(ctx))
    except TypeError:  # typer's own parameters take no context
        return str(param.get_error_hint())


app = typer.Typer(
    cls=_Group,
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    help="help.app",
)
console = Console()
err_console = Console(stderr=True)

DataOpt = Annotated[Path | None, typer.Option("--data", help="help.data")]
#: The language of this run's messages (set by each command from its --lang; Russian first).
_LANG = ["ru"]


def _lang_first(ctx: typer.Context, param: typer.CallbackParam, value: str) -> str:
    """Take --lang before any other option, so that every message of the run is in it; a
    command without its own --lang takes the one given before it (``routeplanner --lang en
    plan …``)."""
    source = ctx.get_parameter_source(param.name or "lang")
    if source is not None and source.name == "DEFAULT":
        return _LANG[0]
    _LANG[0] = value if value in ("ru", "en") else "ru"
    return value


LangOpt = Annotated[
    str,
    typer.Option("--lang", help="help.lang", is_eager=True, callback=_lang_first),
]


def _t(key: str, **values: Any) -> str:
    """A CLI label in this run's language."""
    from .i18n import t

    return t(key, _LANG[0], **values)


def _error(message: str) -> None:
    err_console.print(
        f"[bold red]{_t('cli.error')}:[/] {escape(message)}", highlight=False, soft_wrap=True
    )


def _crash_log(err: BaseException) -> Path | None:
    """Write the traceback of an unexpected error to a log file; its path (None if it cannot
    be written)."""
    try:
        fd, name = tempfile.mkstemp(
            prefix=f"routeplanner-error-{time.strftime('%Y%m%d-%H%M%S')}-", suffix=".log"
        )
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(f"routeplanner {__version__}\nargv: {sys.argv!r}\n\n")
            fh.write("".join(traceback.format_exception(err)))
    except OSError:
        return None
    return Path(name)


def report(err: BaseException) -> int:
    """Print what went wrong and return the exit code (the one error handler of the CLI).

    Parameters
    ----------
    err : BaseException

    Returns
    -------
    int
        The documented exit code: the error's own for a :class:`RouteplannerError`, 73 for an
        output that cannot be written, 130 for an interrupt, 70 for anything unexpected.
    """
    if isinstance(err, KeyboardInterrupt):
        err_console.print(_t("cli.interrupted"))
        return 130
    if isinstance(err, RouteplannerError):
        _error(describe(err, _LANG[0]))
        return int(getattr(err, "exit_code", 1))
    if isinstance(err, MemoryError):
        _error(_t("err.out_of_memory"))
        return 70
    log = _crash_log(err)
    where = _t("err.log_at", log=log) if log else _t("err.log_lost")
    _error(_t("err.unexpected", kind=type(err).__name__, detail=clip(err, 300), where=where))
    return 70


def _fail(err: RouteplannerError) -> None:
    raise typer.Exit(report(err))


def _show_warning(message: Any, category: type[Warning], *args: Any, **kwargs: Any) -> None:
    if issubclass(category, RouteplannerWarning):
        msg = getattr(message, "msg", None)
        text = msg.render(_LANG[0]) if isinstance(msg, Msg) else str(message)
        err_console.print(
            f"[bold yellow]{_t('err.warning')}:[/] {escape(clip(text, 600))}",
            highlight=False,
            soft_wrap=True,
        )


F = TypeVar("F", bound=Callable[..., Any])


def _handled(fn: F) -> F:
    """Run a command inside :func:`report`: every error becomes its exit code and message;
    the library's warnings are printed as one line each."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        with warnings.catch_warnings(), contextlib.ExitStack() as resources:
            warnings.simplefilter("always", RouteplannerWarning)
            warnings.showwarning = _show_warning
            token = _RESOURCES.set(resources)
            try:
                return fn(*args, **kwargs)
            except (typer.Exit, typer.Abort, typer.TyperException, SystemExit):
                raise  # the CLI's own exits and usage errors (exit 2)
            except RouteplannerError as err:
                raise typer.Exit(report(err)) from None
            except OSError as err:  # the library's own reading errors are RouteplannerErrors
                code = report(OutputError(getattr(err, "filename", "") or "an output", err))
                raise typer.Exit(code) from None
            except BaseException as err:
                raise typer.Exit(report(err)) from None
            finally:
                _RESOURCES.reset(token)

    return wrapper  # type: ignore[return-value]


#: What the running command holds until it ends (its output folder).
_RESOURCES: contextvars.ContextVar[contextlib.ExitStack] = contextvars.ContextVar("resources")


def _command(*args: Any, **kwargs: Any) -> Callable[[F], F]:
    """``app.command`` with the error handler around the command."""

    def register(fn: F) -> F:
        name = args[0] if args else fn.__name__
        kwargs.setdefault("help", f"help.{name.replace('-', '_')}")
        app.command(*args, cls=_Command, **kwargs)(_handled(fn))
        return fn

    return register


def _positive_seconds(value: float | None) -> float | None:
    if value is not None and not (math.isfinite(value) and 0 < value <= 3600):
        raise typer.BadParameter(_t("cli.seconds", value=value))
    return value


def _load(data: Path | None, extra_sites: list[Path] | None = None) -> tuple[Any, Any]:
    from .catalog import load_catalog
    from .network import load_network

    catalog = load_catalog(data, extra_sites=extra_sites or ())
    network = load_network(data, catalog)
    return catalog, network


def _check_lang(lang: str) -> None:
    if lang not in ("ru", "en"):
        # the language is unknown: say it in both
        err_console.print(f"[bold red]ошибка / error:[/] --lang: ru | en, не/not '{escape(lang)}'")
        raise typer.Exit(2)
    _LANG[0] = lang


def _print_version(value: bool) -> None:
    if value:
        console.print(__version__)
        raise typer.Exit()


@app.callback()
def _main(
    verbose: Annotated[bool, typer.Option("-v", "--verbose", help="help.verbose")] = False,
    version: Annotated[
        bool,
        typer.Option("--version", help="help.version", callback=_print_version, is_eager=True),
    ] = False,
    lang: LangOpt = "ru",
) -> None:
    _check_lang(lang)
    logging.basicConfig(
        level=logging.INFO if verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
    )


@_command()
def sites(
    category: Annotated[str | None, typer.Option(help="help.sites.category")] = None,
    town: Annotated[str | None, typer.Option(help="help.sites.town")] = None,
    fmt: Annotated[str, typer.Option("--format", help="help.sites.format")] = "table",
    lang: LangOpt = "ru",
    data: DataOpt = None,
    extra_sites: Annotated[
        list[Path] | None, typer.Option("--extra-sites", help="help.sites.extra_sites")
    ] = None,
    with_stories: Annotated[
        bool,
        typer.Option("--with-stories", help="help.sites.with_stories"),
    ] = False,
) -> None:
    """``routeplanner sites``: its help is ``help.sites`` in :mod:`routeplanner.i18n`."""
    _check_lang(lang)
    from .catalog import load_catalog
    from .model import CHECKLIST_CATEGORIES, Category

    if category is not None and category not in {c.value for c in Category}:
        _error(_t("cli.unknown_category", value=category, known=", ".join(Category)))
        raise typer.Exit(2)
    try:
        catalog = load_catalog(data, extra_sites=extra_sites or ())
    except RouteplannerError as err:
        _fail(err)
    chosen = [
        s
        for s in catalog.sites.values()
        if (category is None or s.category.value == category)
        and (town is None or town.lower() in s.town.lower())
        and (not with_stories or s.id in catalog.stories)
    ]
    if fmt == "json":
        from .export import site_record

        out = [site_record(s, catalog) for s in chosen]
        sys.stdout.write(json.dumps(out, ensure_ascii=False, indent=2) + "\n")
    elif fmt == "csv":
        frame = catalog.to_frame(lang=lang)
        frame = frame[frame["id"].isin({s.id for s in chosen})]
        from .spreadsheet import csv_bytes

        sys.stdout.write(csv_bytes(frame).decode("utf-8"))
    elif fmt == "table":
        from .hours_text import site_hours_text
        from .i18n import plural, t

        table = Table(title=plural(len(chosen), "site", lang))
        table.add_column("id", overflow="fold", no_wrap=False, min_width=12)
        for col in ("name", "category", "town", "score", "hours", "booking", "group", "stories"):
            table.add_column(t(f"cli.col.{col}", lang), overflow="fold")
        for s in chosen:
            table.add_row(
                s.id,
                s.name(lang),
                t(s.category.value, lang),
                s.town,
                f"{s.score:.1f}"
                + (
                    f" ({s.assessed_on.isoformat()})"
                    if s.assessed_on
                    else f" ({t('cli.estimate', lang)})"
                    if s.category in CHECKLIST_CATEGORIES
                    else ""
                ),
                site_hours_text(s, lang),
                plural(s.booking_days, "day", lang) if s.booking_days else "—",
                str(s.max_group or "—"),
                ", ".join(x.kind for x in catalog.stories.get(s.id, ())) or "—",
            )
        console.print(table)
    else:
        _error(_t("cli.bad_format", value=fmt, known="table, csv, json"))
        raise typer.Exit(2)


@_command()
def travel(
    origin: Annotated[str, typer.Argument(help="help.travel.origin")],
    destination: Annotated[str, typer.Argument(help="help.travel.destination")],
    date: Annotated[str | None, typer.Option(help="help.travel.date")] = None,
    profile: Annotated[str, typer.Option(help="help.travel.profile")] = "car",
    no_flights: Annotated[
        bool, typer.Option("--no-flights", help="help.travel.no_flights")
    ] = False,
    no_ferries: Annotated[
        bool, typer.Option("--no-ferries", help="help.travel.no_ferries")
    ] = False,
    fmt: Annotated[str, typer.Option("--format", help="help.travel.format")] = "text",
    lang: LangOpt = "ru",
    data: DataOpt = None,
) -> None:
    """``routeplanner travel``: its help is ``help.travel`` in :mod:`routeplanner.i18n`."""
    _check_lang(lang)
    from ._html import duration
    from .i18n import fmt_date, t
    from .model import LINK_MODES, Mode
    from .network import far_from_road_reasons

    try:
        day = dt.date.fromisoformat(date) if date else dt.date.today()
    except ValueError:
        _error(_t("cli.bad_date", value=str(date)))
        raise typer.Exit(2) from None
    if profile not in ("car", "coach"):
        _error(_t("cli.bad_profile", value=profile))
        raise typer.Exit(2)
    modes = [
        m
        for m in LINK_MODES
        if not (no_flights and m == Mode.FLIGHT)
        and not (no_ferries and m in (Mode.FERRY, Mode.BOAT))
    ]
    try:
        _catalog, network = _load(data)
        leg = network.leg(origin, destination, day, profile=profile, modes=modes)
    except RouteplannerError as err:
        _fail(err)
    if leg is None:
        msg = f"{destination} {t('unreachable', lang)} ({day.isoformat()}) — {origin}"
        if fmt == "json":
            sys.stdout.write(
                json.dumps(
                    {"from": origin, "to": destination, "date": day.isoformat(), "reachable": False}
                )
                + "\n"
            )
        else:
            console.print(msg)
        raise typer.Exit(6)
    names = [network.name(p, lang) for p in leg.path]
    modes_used = list(dict.fromkeys(m for m in leg.modes if m != Mode.CONNECTOR)) or [Mode.ROAD]
    far = far_from_road_reasons(network, [origin, destination])
    if fmt == "json":
        sys.stdout.write(
            json.dumps(
                {
                    "from": origin,
                    "to": destination,
                    "date": day.isoformat(),
                    "profile": profile,
                    "reachable": True,
                    "duration_s": leg.duration_s,
                    "distance_m": leg.distance_m,
                    "drive_s": leg.drive_s,
                    "price_rub": leg.price_rub,
                    "modes": modes_used,
                    "path": leg.path,
                    "names": names,
                    "links": leg.link_ids,
                    "warnings": [r.text(lang) for r in far],
                },
                ensure_ascii=False,
                indent=2,
            )
            + "\n"
        )
    elif fmt == "text":
        console.print(
            f"{network.name(origin, lang)} → {network.name(destination, lang)}, "
            f"{fmt_date(day, lang)}, {t(profile, lang)}"
        )
        console.print(f"  {t('duration', lang)}: {duration(leg.duration_s / 60, lang)}")
        console.print(f"  {t('distance', lang)}: {leg.distance_m / 1000:.0f} {t('km', lang)}")
        console.print(f"  {t('modes', lang)}: {', '.join(t(m, lang) for m in modes_used)}")
        console.print(f"  {t('via', lang)}: {' → '.join(names)}", soft_wrap=True)
        for r in far:
            label = t("warning", lang)
            console.print(f"  [yellow]{label}:[/] {escape(r.text(lang))}", soft_wrap=True)
    else:
        _error(_t("cli.bad_format", value=fmt, known="text, json"))
        raise typer.Exit(2)


TimeLimitOpt = Annotated[
    float | None,
    typer.Option("--time-limit", callback=_positive_seconds, help="help.time_limit"),
]

ForceOpt = Annotated[bool, typer.Option("--force", help="help.force")]
#: worker processes of compare and season (one bound for both: more is never useful on one machine
#: and each costs a process)
WorkersOpt = Annotated[int | None, typer.Option("--workers", min=1, max=256, help="help.workers")]


@contextlib.contextmanager
def _claimed(out: Path, force: bool) -> Iterator[None]:
    """Hold the output folder for this run: refuse a file in its place (exit 2), another run
    writing there (exit 75) and, unless ``--force``, a folder that already holds files (exit 2);
    clear what a killed run left behind. A folder this run made is removed again if nothing was
    written into it."""
    from ._io import LOCK_NAME, clear_stale_staging, locked_folder

    if out.exists() and not out.is_dir():
        _error(_t("cli.out_is_file", path=str(out)))
        raise typer.Exit(2)
    made = not out.exists()
    try:
        with locked_folder(out):
            clear_stale_staging(out)
            if not force and any(p.name != LOCK_NAME for p in out.iterdir()):
                _error(_t("cli.out_not_empty", path=str(out)))
                raise typer.Exit(2)
            yield
    finally:
        if made:
            with contextlib.suppress(OSError):
                out.rmdir()  # only when empty


def _check_out(out: Path, force: bool) -> None:
    """Claim ``out`` for the rest of the command (see :func:`_claimed`)."""
    try:
        _RESOURCES.get().enter_context(_claimed(out, force))
    except RouteplannerError:
        raise
    except OSError as err:
        raise OutputError(out, err) from err


@contextlib.contextmanager
def _interruptible() -> Iterator[threading.Event]:
    """First Ctrl-C: stop the search and keep the best plan so far; second: abort."""
    flag = threading.Event()

    def handler(signum: int, frame: object) -> None:
        if flag.is_set():
            raise KeyboardInterrupt
        flag.set()
        err_console.print(_t("cli.interrupted_keep"))

    try:
        old = signal.signal(signal.SIGINT, handler)
    except ValueError:  # not in the main thread (e.g. under a test runner): no handler
        yield flag
        return
    try:
        yield flag
    finally:
        signal.signal(signal.SIGINT, old)


def _search(request: Any, catalog: Any, network: Any, stop: threading.Event) -> Any:
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    from .model import PRIZE_SCALE
    from .planner import plan

    with Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        TimeElapsedColumn(),
        console=err_console,
        transient=True,
    ) as progress:
        task = progress.add_task(_t("cli.planning"), total=None)

        def on_progress(elapsed: float, prize: int) -> None:
            progress.update(
                task, description=_t("cli.planning_best", score=f"{prize / PRIZE_SCALE:.1f}")
            )

        itinerary = plan(request, catalog, network, on_progress=on_progress, stop=stop.is_set)
    if stop.is_set():
        itinerary.solver["interrupted"] = True
    return itinerary


def _run_plan(request: Any, catalog: Any, network: Any, out: Path, lang: str) -> Any:
    from .export import write_plan_outputs

    with _interruptible() as stop:
        err_console.print(_t("cli.planning_hint"))
        itinerary = _search(request, catalog, network, stop)
    names = {e.id: e.name(lang) for e in catalog.eateries.values()}
    names |= {p.id: p.name(lang) for p in catalog}
    written = write_plan_outputs(itinerary, out, lang=lang, names=names, catalog=catalog)
    console.print(itinerary.summary(lang=lang, names=names), highlight=False, soft_wrap=True)
    console.print(f"\n{_t('cli.written')}: {', '.join(str(p) for p in written)}", highlight=False)
    return itinerary


@_command("plan")
def plan_cmd(
    scenario: Annotated[Path, typer.Argument(help="help.plan.scenario")],
    out: Annotated[Path, typer.Option("--out", help="help.out")] = Path("out/plan"),
    time_limit: TimeLimitOpt = None,
    seed: Annotated[int | None, typer.Option(min=0, max=2**31 - 1, help="help.plan.seed")] = None,
    force: ForceOpt = False,
    lang: LangOpt = "ru",
    data: DataOpt = None,
) -> None:
    """``routeplanner plan``: its help is ``help.plan`` in :mod:`routeplanner.i18n`."""
    _check_lang(lang)
    _check_out(out, force)
    from .scenario import load_scenario

    try:
        request = load_scenario(scenario)
        upd: dict[str, Any] = {}
        if time_limit is not None:
            upd["time_limit_s"] = time_limit
        if seed is not None:
            upd["seed"] = seed
        if upd:
            from .model import SolverSettings

            solver = SolverSettings.model_validate({**request.solver.model_dump(), **upd})
            request = request.model_copy(update={"solver": solver})
        catalog, network = _load(data)
        itinerary = _run_plan(request, catalog, network, out, lang)
    except RouteplannerError as err:
        _fail(err)
    if not itinerary.feasible:
        raise typer.Exit(5)


SchedulerOpt = Annotated[
    str | None,
    typer.Option("--scheduler", help="help.scheduler"),
]
DaskLocalOpt = Annotated[
    int | None,
    typer.Option("--dask-local", min=1, help="help.dask_local"),
]


@contextlib.contextmanager
def _executor(scheduler: str | None, dask_local: int | None) -> Iterator[Any]:
    """No executor (the command's own pool), or one on a Dask cluster."""
    if scheduler is None and dask_local is None:
        yield None
        return
    if scheduler is not None and dask_local is not None:
        _error(_t("cli.scheduler_both"))
        raise typer.Exit(2)
    from .executors import dask_executor

    with dask_executor(scheduler=scheduler, local_workers=dask_local) as executor:
        yield executor


class _VariantsBar:
    """The progress bar of ``compare`` (drawn from the runner's callbacks)."""

    def __enter__(self) -> _VariantsBar:
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeElapsedColumn,
        )

        self.failed = 0
        self.progress = Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=err_console,
        )
        self.progress.start()
        self.task = self.progress.add_task(_t("cli.variants"), total=None)
        return self

    def started(self, name: str) -> None:
        self.progress.update(self.task, description=_t("cli.variants_planning", name=escape(name)))

    def finished(self, result: Any) -> None:
        self.failed += result.status == "error"
        extra = _t("cli.variants_failed", n=self.failed) if self.failed else ""
        description = _t("cli.variants_last", name=escape(result.name), failed=extra)
        self.progress.update(self.task, advance=1, description=description)

    def __exit__(self, *exc: object) -> None:
        self.progress.stop()


@_command("compare")
def compare_cmd(
    variants: Annotated[Path, typer.Argument(help="help.compare.variants")],
    out: Annotated[Path, typer.Option("--out", help="help.out")] = Path("out/compare"),
    workers: WorkersOpt = None,
    no_plans: Annotated[bool, typer.Option("--no-plans", help="help.compare.no_plans")] = False,
    force: ForceOpt = False,
    lang: LangOpt = "ru",
    data: DataOpt = None,
    scheduler: SchedulerOpt = None,
    dask_local: DaskLocalOpt = None,
) -> None:
    """``routeplanner compare``: its help is ``help.compare`` in :mod:`routeplanner.i18n`."""
    _check_lang(lang)
    _check_out(out, force)
    from .compare import COMPARISON_FILES, compare_file

    try:
        with _executor(scheduler, dask_local) as executor, _VariantsBar() as bar:
            comp = compare_file(
                variants,
                out,
                data=data,
                workers=workers,
                executor=executor,
                lang=lang,
                plans=not no_plans,
                on_start=bar.started,
                on_result=bar.finished,
            )
    except RouteplannerError as err:
        _fail(err)
    table = Table(title=escape(comp.title))
    table.add_column(_t("compare.variant"), overflow="fold", min_width=12)
    for col in ("status", "score", "sites", "travel_h", "cost_per_person_rub", "nights_away"):
        table.add_column(_t(f"compare.{col}"), overflow="fold")
    status = {"ok": _t("compare.ok"), "infeasible": _t("compare.infeasible")}
    for _, row in comp.kpis.iterrows():
        ok = bool(row["feasible"])
        table.add_row(
            escape(str(row["variant"])),
            status.get(row["status"], _t("compare.error")) + (" ★" if row["pareto"] else ""),
            f"{row['score']:.2f}" if ok else "—",
            str(row["sites"]) if ok else "—",
            f"{row['travel_h']:.1f}" if ok else "—",
            str(row["cost_per_person_rub"]) if ok else "—",
            str(row["nights_away"]) if ok else "—",
        )
    console.print(table)
    console.print(_t("cli.pareto"))
    for _, row in comp.kpis[~comp.kpis["feasible"]].iterrows():
        err_console.print(
            f"[bold yellow]{escape(str(row['variant']))}[/] "
            f"({status.get(row['status'], _t('compare.error'))}): "
            f"{escape(str(row['problem']))}",
            highlight=False,
            soft_wrap=True,
        )
    written = [out / name for name in COMPARISON_FILES] + ([] if no_plans else [out / "plans"])
    console.print(f"\n{_t('cli.written')}: {', '.join(str(p) for p in written)}", highlight=False)
    if not comp.kpis["feasible"].any():
        raise typer.Exit(5)


@_command()
def check(
    itinerary: Annotated[Path, typer.Argument(help="help.check.itinerary")],
    lang: LangOpt = "ru",
    data: DataOpt = None,
) -> None:
    """``routeplanner check``: its help is ``help.check`` in :mod:`routeplanner.i18n`."""
    _check_lang(lang)
    from .check import check_itinerary
    from .i18n import plural
    from .result import Itinerary

    try:
        it = Itinerary.read(itinerary)
        catalog, network = _load(data)
        violations = check_itinerary(it, catalog, network)
    except RouteplannerError as err:
        _fail(err)
    if violations:
        err_console.print(f"[bold red]{_t('check.violations', n=len(violations))}:[/]")
        for v in violations:
            err_console.print(
                f"  - {clip(v.text(lang), 600)}", highlight=False, soft_wrap=True, markup=False
            )
        raise typer.Exit(1)
    if not it.feasible:
        reasons = it.problem_texts(lang) or [_t("cli.no_reason")]
        err_console.print(
            _t("cli.marked_infeasible_file", file=itinerary), highlight=False, markup=False
        )
        for r in reasons:
            err_console.print(f"  - {clip(r, 600)}", highlight=False, soft_wrap=True, markup=False)
        raise typer.Exit(5)
    stops = plural(len(it.stops), "stop", lang)
    console.print(_t("check.ok", file=itinerary, status=_t("cli.feasible"), stops=stops))


@_command("map")
def map_cmd(
    itinerary: Annotated[Path | None, typer.Argument(help="help.map.itinerary")] = None,
    catalog_only: Annotated[bool, typer.Option("--catalog", help="help.map.catalog")] = False,
    out: Annotated[
        Path | None,
        typer.Option("--out", help="help.map.out"),
    ] = None,
    lang: LangOpt = "ru",
    data: DataOpt = None,
) -> None:
    """``routeplanner map``: its help is ``help.map`` in :mod:`routeplanner.i18n`."""
    _check_lang(lang)
    if (itinerary is None) != catalog_only:
        _error(_t("cli.map_args"))
        raise typer.Exit(2)
    from ._io import atomic_write_bytes
    from .catalog import load_catalog
    from .maps import catalog_map, itinerary_map, render_map
    from .result import Itinerary

    try:
        catalog = load_catalog(data)
        if itinerary is None:
            m = catalog_map(catalog, lang=lang)
            target = out or Path("catalog_map.html")
        else:
            it = Itinerary.read(itinerary)
            names = {p.id: p.name(lang) for p in catalog}
            m = itinerary_map(it, catalog, lang=lang, names=names)
            target = out or itinerary.with_name("map.html")
    except RouteplannerError as err:
        _fail(err)
    console.print(
        f"{_t('cli.written')}: {atomic_write_bytes(target, render_map(m))}", highlight=False
    )


def _minutes(text: str) -> int:
    """'2h', '90min', '1h30m' or a number of minutes."""
    import re

    t = text.strip().lower().replace(" ", "")
    m = re.fullmatch(r"(?:(\d+(?:\.\d+)?)h)?(?:(\d+)(?:m|min)?)?", t)
    if not t or m is None or (m.group(1) is None and m.group(2) is None):
        raise typer.BadParameter(_t("cli.duration", value=text))
    return round(float(m.group(1) or 0) * 60) + int(m.group(2) or 0)


@_command("embed")
def embed_cmd(
    tour: Annotated[Path, typer.Argument(help="help.embed.tour")],
    out: Annotated[Path, typer.Option("--out", help="help.out")] = Path("out/embed"),
    candidates: Annotated[
        str | None,
        typer.Option(help="help.embed.candidates"),
    ] = None,
    max_extra_per_day: Annotated[
        str, typer.Option("--max-extra-per-day", help="help.embed.max_extra")
    ] = "2h",
    allow_reorder: Annotated[
        bool, typer.Option("--allow-reorder", help="help.embed.allow_reorder")
    ] = False,
    time_limit: TimeLimitOpt = None,
    force: ForceOpt = False,
    lang: LangOpt = "ru",
    data: DataOpt = None,
) -> None:
    """``routeplanner embed``: its help is ``help.embed`` in :mod:`routeplanner.i18n`."""
    _check_lang(lang)
    _check_out(out, force)
    extra_min = _minutes(max_extra_per_day)
    from ._io import write_files
    from .embed import embed, insertion_report, load_tour
    from .export import render_insertion, render_plan
    from .model import Category

    try:
        catalog, network = _load(data)
        chosen: list[str] | None = None
        if candidates:
            parts = [c.strip() for c in candidates.split(",") if c.strip()]
            cats = {c.value for c in Category}
            chosen = [s.id for s in catalog.sites.values() if s.category.value in parts]
            chosen += [p for p in parts if p not in cats]
        t = load_tour(tour, catalog, network)
        report = insertion_report(
            t, catalog, network, candidates=chosen, max_extra_per_day_min=extra_min
        )
        itinerary = embed(
            t,
            catalog,
            network,
            candidates=chosen,
            max_extra_per_day_min=extra_min,
            allow_reorder=allow_reorder,
            time_limit_s=time_limit,
        )
    except RouteplannerError as err:
        _fail(err)
    import pandas as pd

    view = catalog.for_request(t.request)
    names = {p.id: p.name(lang) for p in view}
    files = render_plan(itinerary, lang=lang, names=names, catalog=view)
    files |= render_insertion(report, itinerary, view, lang=lang, names=names)
    written = write_files(out, files)
    table = Table(title=_t("cli.insertion_title", tour=t.name, minutes=extra_min))
    for col in ("rank", "site", "fits", "day", "start", "travel", "day_longer", "km", "rub", "why"):
        table.add_column(_t(f"cli.ins.{col}"), overflow="fold")
    for r in report.head(15).itertuples():
        name = r.name_en if lang == "en" else r.name
        why = (
            (r.effect if lang == "en" else r.effect_ru)
            if r.fits
            else (r.reason if lang == "en" else r.reason_ru)
        )
        table.add_row(
            str(r.rank),
            name,
            _t("yes") if r.fits else _t("no"),
            *(
                "—" if pd.isna(x) else str(x)
                for x in (
                    r.day,
                    r.start,
                    r.added_travel_min,
                    r.added_day_min,
                    r.added_km,
                    r.added_cost_rub,
                )
            ),
            escape(str(why)),
        )
    console.print(table)
    added = (itinerary.kpis.added_sites if itinerary.kpis else None) or ()
    console.print(
        f"{_t('cli.added')}: {', '.join(names.get(a, a) for a in added) or '—'}", highlight=False
    )
    console.print(f"{_t('cli.written')}: {', '.join(str(p) for p in written)}", highlight=False)
    if not itinerary.feasible:
        raise typer.Exit(5)


@_command()
def demo(
    out: Annotated[Path, typer.Option("--out", help="help.out")] = Path("out/demo"),
    force: ForceOpt = False,
    lang: LangOpt = "ru",
    data: DataOpt = None,
) -> None:
    """``routeplanner demo``: its help is ``help.demo`` in :mod:`routeplanner.i18n`."""
    _check_lang(lang)
    _check_out(out, force)
    from .scenario import load_scenario
    from .settings import default_data_dir

    try:
        root = data or default_data_dir()
        request = load_scenario(root / "scenarios" / "industrial_3day.yaml")
        catalog, network = _load(data)
        itinerary = _run_plan(request, catalog, network, out, lang)
    except RouteplannerError as err:
        _fail(err)
    if not itinerary.feasible:
        raise typer.Exit(5)


@_command()
def web(
    port: Annotated[int, typer.Option("--port", min=1, max=65535, help="help.web.port")] = 8501,
    no_browser: Annotated[bool, typer.Option("--no-browser", help="help.web.no_browser")] = False,
) -> None:
    """``routeplanner web``: its help is ``help.web`` in :mod:`routeplanner.i18n`."""
    from .web import launch

    try:
        code = launch(port, headless=no_browser)
    except RouteplannerError as err:
        _fail(err)
    raise typer.Exit(code)


@_command("season")
def season_cmd(
    season: Annotated[Path, typer.Argument(help="help.season.season")],
    out: Annotated[Path, typer.Option("--out", help="help.out")] = Path("out/season"),
    workers: WorkersOpt = None,
    no_plans: Annotated[bool, typer.Option("--no-plans", help="help.season.no_plans")] = False,
    force: ForceOpt = False,
    lang: LangOpt = "ru",
    data: DataOpt = None,
    scheduler: SchedulerOpt = None,
    dask_local: DaskLocalOpt = None,
) -> None:
    """``routeplanner season``: its help is ``help.season`` in :mod:`routeplanner.i18n`."""
    _check_lang(lang)
    _check_out(out, force)
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    from .executors import default_workers
    from .season import load_season
    from .season_check import check_season
    from .season_output import write_season
    from .season_plan import plan_season

    try:
        catalog, network = _load(data)
        spec = load_season(season, catalog)
        with (
            _executor(scheduler, dask_local) as executor,
            Progress(
                TextColumn("{task.description}"),
                BarColumn(),
                MofNCompleteColumn(),
                console=err_console,
                transient=True,
            ) as bar,
        ):
            task = bar.add_task(_t("cli.season"), total=None)

            def on_progress(phase: str, done: int, total: int) -> None:
                description = _t("cli.season_phase", phase=_t(f"cli.season_{phase}"))
                bar.update(task, description=description, completed=done, total=total)

            result = plan_season(
                spec,
                catalog,
                network,
                data=data,
                workers=workers or default_workers(len(spec.departures)),
                executor=executor,
                on_progress=on_progress,
            )
        write_season(result, out, catalog, lang=lang, plans=not no_plans)
        violations = check_season(out, catalog, network, plans=False, lang=lang)
    except RouteplannerError as err:
        _fail(err)
    table = Table(title=escape(spec.name))
    for col in ("departure", "product", "group", "score", "alone", "share", "lost"):
        table.add_column(_t(f"cli.season_col.{col}"), overflow="fold")
    lost: dict[str, list[str]] = {}
    for loss in result.losses(catalog):
        lost.setdefault(loss.departure, []).append(loss.site_id)
    for dep in spec.departures:
        alone = result.solo_value.get(dep.id, 0.0)
        value = result.value(dep.id)
        table.add_row(
            escape(dep.id),
            escape(dep.product),
            str(dep.request.group_size),
            f"{value:.2f}" if dep.id not in result.unplanned() else "—",
            f"{alone:.2f}",
            f"{100 * value / alone:.0f} %" if alone > 0 else "—",
            escape(", ".join(lost.get(dep.id, []))),
        )
    console.print(table)
    console.print(
        _t(
            "cli.season_total",
            total=f"{result.total:.2f}",
            bound=f"{result.bound:.2f}",
            share=f"{100 * result.share:.1f}",
            plans=result.stats["solves"],
            seconds=f"{result.stats['wall_s']:.0f}",
        ),
        highlight=False,
    )
    console.print(
        f"{_t('cli.written')}: {out} (season_report.html, season.csv, site_load.csv, …)",
        highlight=False,
    )
    if violations:
        err_console.print(f"[bold red]{_t('cli.capacity_violations', n=len(violations))}:[/]")
        for v in violations:
            err_console.print(f"  - {v}", highlight=False, soft_wrap=True, markup=False)
        raise typer.Exit(1)
    missing, below = result.unplanned(), result.below_floor()
    if missing:
        err_console.print(f"[bold yellow]{_t('cli.no_plan')}:[/] {escape(', '.join(missing))}")
    if below:
        err_console.print(f"[bold yellow]{_t('cli.below_floor')}:[/] {escape(', '.join(below))}")
    if missing or below:
        raise typer.Exit(5)


@_command("check-season")
def check_season_cmd(
    folder: Annotated[Path, typer.Argument(help="help.check_season.folder")],
    no_plans: Annotated[
        bool, typer.Option("--no-plans", help="help.check_season.no_plans")
    ] = False,
    lang: LangOpt = "ru",
    data: DataOpt = None,
) -> None:
    """``routeplanner check-season``; its help: ``help.check_season`` (:mod:`.i18n`)."""
    _check_lang(lang)
    from .season_check import check_season

    try:
        catalog, network = _load(data)
        violations = check_season(folder, catalog, network, plans=not no_plans, lang=lang)
    except RouteplannerError as err:
        _fail(err)
    if violations:
        err_console.print(f"[bold red]{_t('check.violations', n=len(violations))}:[/]")
        for v in violations:
            err_console.print(f"  - {v}", highlight=False, soft_wrap=True, markup=False)
        raise typer.Exit(1)
    console.print(_t("cli.season_ok", folder=folder), highlight=False)


def _pairs(items: list[str] | None, what: str) -> dict[str, str]:
    out = {}
    for item in items or []:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            _error(_t("cli.pair", what=what, item=item))
            raise typer.Exit(2)
        out[key.strip()] = value.strip()
    return out


@_command("assess")
def assess_cmd(
    site: Annotated[str, typer.Argument(help="help.assess.site")],
    answer: Annotated[
        list[str] | None,
        typer.Option("--answer", help="help.assess.answer"),
    ] = None,
    answers: Annotated[
        Path | None,
        typer.Option("--answers", help="help.assess.answers"),
    ] = None,
    note: Annotated[list[str] | None, typer.Option("--note", help="help.assess.note")] = None,
    assessor: Annotated[str, typer.Option("--assessor", help="help.assess.assessor")] = "",
    date: Annotated[str | None, typer.Option("--date", help="help.assess.date")] = None,
    out: Annotated[Path, typer.Option("--out", help="help.assess.out")] = Path("out/assess"),
    lang: LangOpt = "ru",
    data: DataOpt = None,
) -> None:
    """``routeplanner assess``: its help is ``help.assess`` in :mod:`routeplanner.i18n`."""
    _check_lang(lang)
    from ._io import write_files
    from .catalog import load_catalog
    from .readiness import (
        Assessment,
        answers_from_mapping,
        readiness,
        readiness_report_html,
        record_assessment,
        score_note,
    )
    from .scenario import load_yaml
    from .settings import default_data_dir

    try:
        day = dt.date.fromisoformat(date) if date else dt.date.today()
    except ValueError:
        _error(_t("cli.bad_date", value=str(date)))
        raise typer.Exit(2) from None
    given: dict[str, int] = {}
    notes: dict[str, str] = {}
    try:
        catalog = load_catalog(data)
        before = catalog.site_or_error(site)
        if answers is not None:
            given, notes = answers_from_mapping(load_yaml(answers), source=str(answers))
        for crit, value in _pairs(answer, "--answer").items():
            if not value.isdigit():
                _error(_t("cli.answer", item=f"{crit}={value}"))
                raise typer.Exit(2)
            given[crit] = int(value)
        notes.update(_pairs(note, "--note"))
        if given:
            root = Path(data) if data is not None else default_data_dir()
            record_assessment(
                root / "assessments.csv",
                Assessment(site, day, assessor, given, {k: notes[k] for k in notes if k in given}),
                catalog,
            )
            catalog = load_catalog(data)
        after = catalog.site_or_error(site)
        r = readiness(site, catalog)
        html = readiness_report_html(site, catalog, lang=lang)
    except RouteplannerError as err:
        _fail(err)
    (path,) = write_files(out, {f"readiness_{site}.html": html.encode("utf-8")})
    if given:
        recorded = _t("assess_recorded", n=len(given), before=before.score, after=after.score)
        console.print(f"{after.name(lang)}: {recorded}", highlight=False)
    console.print(
        f"{after.name(lang)}: {after.score:.2f}/10 — {score_note(after, lang)}", highlight=False
    )
    sc = catalog.scoring
    labels = sc.labels_en if lang == "en" else sc.labels_ru
    for key, crits in (
        ("ready_met", [c for c, _ in r.met]),
        ("ready_missing", [c for c, _ in r.missing]),
        ("ready_unknown", list(r.unknown)),
    ):
        console.print(f"  {_t(key)}: {', '.join(labels.get(c, c) for c in crits) or '—'}")
    console.print(f"  {_t('ready_title')}: {_t('yes') if r.ready else _t('no')}")
    console.print(f"{_t('cli.written')}: {path}", highlight=False)


@_command("events")
def events_cmd(
    start: Annotated[str | None, typer.Option("--from", help="help.events.from")] = None,
    end: Annotated[str | None, typer.Option("--to", help="help.events.to")] = None,
    weeks: Annotated[bool, typer.Option("--weeks", help="help.events.weeks")] = False,
    fmt: Annotated[str, typer.Option("--format", help="help.events.format")] = "table",
    lang: LangOpt = "ru",
    data: DataOpt = None,
) -> None:
    """``routeplanner events``: its help is ``help.events`` in :mod:`routeplanner.i18n`."""
    _check_lang(lang)
    from .catalog import load_catalog
    from .events import events_by_week

    try:
        first = dt.date.fromisoformat(start) if start else dt.date.today()
        last = dt.date.fromisoformat(end) if end else first + dt.timedelta(days=365)
    except ValueError:
        _error(_t("cli.from_to"))
        raise typer.Exit(2) from None
    if last < first:
        _error(_t("cli.to_before_from"))
        raise typer.Exit(2)
    if fmt not in ("table", "json"):
        _error(_t("cli.bad_format", value=fmt, known="table, json"))
        raise typer.Exit(2)
    try:
        catalog = load_catalog(data)
    except RouteplannerError as err:
        _fail(err)
    if weeks:
        rows = [
            {
                "week": monday.isoformat(),
                "events": [
                    {"id": ev.id, "name": ev.name(lang), "from": a.isoformat(), "to": b.isoformat()}
                    for ev, a, b in hits
                ],
            }
            for monday, hits in events_by_week(catalog.events, first, last)
        ]
    else:
        rows = [
            {
                "id": ev.id,
                "name": ev.name(lang),
                "kind": ev.kind,
                "town": ev.town,
                "from": a.isoformat(),
                "to": b.isoformat(),
                "hours": f"{ev.hours[0]:%H:%M}-{ev.hours[1]:%H:%M}",
                "audience": ev.audience,
                "price_rub": ev.price_rub,
                "source_url": ev.source_url,
            }
            for ev in catalog.events.values()
            for a, b in ev.occurrences(first, last)
        ]
        rows.sort(key=lambda r: (r["from"], r["id"]))
    if fmt == "json":
        sys.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
        return
    table = Table(title=f"{first.isoformat()} — {last.isoformat()}")
    if weeks:
        table.add_column(_t("cli.ev.week"))
        table.add_column(_t("cli.ev.events"), overflow="fold")
        for r in rows:
            table.add_row(
                r["week"], "; ".join(f"{e['name']} ({e['from']}..{e['to']})" for e in r["events"])
            )
    else:
        for col in ("from", "to", "id", "name", "town", "hours"):
            table.add_column(_t(f"cli.ev.{col}") if col != "id" else col, overflow="fold")
        for r in rows:
            table.add_row(r["from"], r["to"], r["id"], r["name"], r["town"], r["hours"])
    console.print(table)


def main() -> None:
    """Console-script entry point: every error outside a command goes through :func:`report`
    too (commands have their own handler)."""
    try:
        app()
    except SystemExit:
        raise
    except BaseException as err:
        sys.exit(report(err))
