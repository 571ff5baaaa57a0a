"""Variants files: a base scenario, named variants that override its keys, and sweeps.

Analysts decide between options (three days or four, a base in Irkutsk or a night in Bratsk,
coach or car, summer or winter, industry- or nature-weighted scores). A *variants file* holds a
base scenario and named variants that override any of its keys, plus *sweeps* that expand into
many variants (every start date of a week, ``days`` from 2 to 5, ...)::

    name: "Industrial Irkutsk: options"
    base:
      file: ../scenarios/industrial_3day.yaml   # relative to this file; keys below override it
      solver: {time_limit_s: 4, max_solutions: 30}
    variants:
      car: {profile: car, group_size: 4}
      four_days: {days: 4}
    sweeps:
      - name: "start_{start_date:%a}"
        field: start_date
        dates: {from: 2027-06-14, to: 2027-06-20}
      - {field: days, range: [2, 5]}

Overrides are deep-merged into the base (``solver: {time_limit_s: 3}`` keeps the other solver
keys; lists and plain values replace) and validated like a scenario: an error names the
variants file, the variant and the key.
"""

from __future__ import annotations

import copy
import datetime as dt
import re
import string
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..exceptions import Invalid, Issue, Msg, Plural, ScenarioError, clip
from ..i18n import weekday_number
from ..model import TripRequest
from ..scenario import load_yaml, request_from_dict

__all__ = [
    "MAX_VARIANTS",
    "Variant",
    "VariantSet",
    "deep_merge",
    "load_variants",
    "variants_from_dict",
]

_TOP_KEYS = {"name", "base", "include_base", "variants", "sweeps"}
_SWEEP_KEYS = {"name", "field", "values", "range", "dates", "on", "overrides"}
#: Most variants one file may expand into.
MAX_VARIANTS = 500


@dataclass(frozen=True)
class Variant:
    """One option to plan.

    Attributes
    ----------
    name : str
        Unique name (also the folder of its plan).
    request : TripRequest or None
        The validated request; ``None`` when the overrides are invalid (see ``error``).
    overrides : dict
        The keys it changes relative to the base (for display).
    origin : str
        ``"base"``, ``"variant"`` or ``"sweep"``.
    error : str or None
        Why the request is invalid (only with ``strict=False``), in English.
    error_ru : str or None
        The same in Russian.
    """

    name: str
    request: TripRequest | None
    overrides: dict[str, Any] = field(default_factory=dict)
    origin: str = "variant"
    error: str | None = None
    error_ru: str | None = None


@dataclass(frozen=True)
class VariantSet:
    """The variants of a variants file, in file order (base, variants, then sweeps).

    Attributes
    ----------
    title : str
    source : str
        The file (or label) they came from.
    base : TripRequest
    variants : tuple of Variant
    """

    title: str
    source: str
    base: TripRequest
    variants: tuple[Variant, ...]

    def __iter__(self) -> Iterator[Variant]:
        return iter(self.variants)

    def __len__(self) -> int:
        return len(self.variants)

    def __getitem__(self, name: str) -> Variant:
        for v in self.variants:
            if v.name == name:
                return v
        raise KeyError(name)

    @property
    def names(self) -> list[str]:
        """The variants' names in order."""
        return [v.name for v in self.variants]


def deep_merge(base: Mapping[str, Any], overrides: Mapping[str, Any]) -> dict[str, Any]:
    """Merge ``overrides`` into a copy of ``base``: mappings merge key by key, anything else
    (lists, plain values, ``null``) replaces.

    Parameters
    ----------
    base, overrides : mapping

    Returns
    -------
    dict
        A new dict; neither input is changed.
    """
    out = copy.deepcopy(dict(base))
    for key, value in overrides.items():
        if isinstance(value, Mapping) and isinstance(out.get(key), Mapping):
            out[key] = deep_merge(out[key], value)
        else:
            out[key] = copy.deepcopy(value)
    return out


def _set_path(data: dict[str, Any], dotted: str, value: Any) -> dict[str, Any]:
    """``{"solver": {"seed": value}}`` for ``"solver.seed"``."""
    out: dict[str, Any] = {}
    cur = out
    parts = dotted.split(".")
    for p in parts[:-1]:
        cur[p] = {}
        cur = cur[p]
    cur[parts[-1]] = value
    return deep_merge(data, out)


def _as_date(x: Any) -> dt.date:
    if isinstance(x, dt.datetime):
        return x.date()
    if isinstance(x, dt.date):
        return x
    return dt.date.fromisoformat(str(x))


def _sweep_values(sweep: Mapping[str, Any]) -> list[Any]:
    """The values a sweep takes (raises ValueError with a message for the user)."""
    kinds = [k for k in ("values", "range", "dates") if k in sweep]
    if len(kinds) != 1:
        raise Invalid("err.var.one_kind")
    kind = kinds[0]
    spec = sweep[kind]
    if kind == "values":
        if not isinstance(spec, list) or not spec:
            raise Invalid("err.var.values")
        return list(spec)
    if kind == "range":
        if (
            not isinstance(spec, list)
            or len(spec) not in (2, 3)
            or not all(isinstance(x, int) and not isinstance(x, bool) for x in spec)
        ):
            raise Invalid("err.var.range")
        step = spec[2] if len(spec) == 3 else 1
        if step <= 0 or spec[1] < spec[0]:
            raise Invalid("err.var.range_order")
        _at_most((spec[1] - spec[0]) // step + 1, "'range'")  # counted before it is built
        return list(range(spec[0], spec[1] + 1, step))
    if not isinstance(spec, Mapping) or "from" not in spec or "to" not in spec:
        raise Invalid("err.var.dates")
    unknown = set(spec) - {"from", "to", "weekdays", "step_days"}
    if unknown:
        raise Invalid("err.var.dates_keys", keys=clip(", ".join(sorted(map(str, unknown)))))
    try:
        first, last = _as_date(spec["from"]), _as_date(spec["to"])
    except ValueError as err:
        raise Invalid("err.var.dates_type") from err
    if last < first:
        raise Invalid("err.var.dates_order")
    step = spec.get("step_days", 1)
    if not isinstance(step, int) or step < 1:
        raise Invalid("err.var.step")
    wanted: set[int] | None = None
    if spec.get("weekdays") is not None:
        names = spec["weekdays"]
        if not isinstance(names, list) or not names:
            raise Invalid("err.var.weekdays")
        wanted = set()
        for w in names:
            day = weekday_number(w)
            if day is None:
                raise Invalid("err.var.weekday", value=clip(w, 40))
            wanted.add(day)
    n_days = (last - first).days // step + 1
    _at_most(n_days if wanted is None else -(-n_days * len(wanted) // 7), "'dates'")
    out = []
    d = first
    while d <= last:
        if wanted is None or d.weekday() in wanted:
            out.append(d)
        if (dt.date.max - d).days < step:
            break  # the next date would be past year 9999
        d += dt.timedelta(days=step)
    if not out:
        raise Invalid("err.var.no_date")
    return out


def _at_most(n: int, what: str) -> None:
    if n > MAX_VARIANTS:
        raise Invalid("err.var.too_many", what=what, n=n, max=MAX_VARIANTS)


#: Longest sweep name template, and widest field in it (``{value:>80}``).
_MAX_TEMPLATE = 200
_MAX_FIELD_WIDTH = 80


def _check_template(template: str, fields: set[str]) -> None:
    """A name template may only name the sweep's value, with a modest width: ``{value}``,
    ``{days}``, ``{start_date:%a}``, ``{value:>3}``.

    Raises
    ------
    ValueError
        Too long, a field that is not the value, attribute or index access, a nested or too
        wide format.
    """
    if len(template) > _MAX_TEMPLATE:
        raise Invalid("err.var.template_long", max=_MAX_TEMPLATE)
    try:
        parts = list(string.Formatter().parse(template))
    except ValueError as err:
        raise Invalid("err.var.template", value=clip(template, 60), detail=err) from None
    for _literal, name, spec, _conv in parts:
        if name is None:
            continue
        if name not in fields:
            known = ", ".join(f"{{{f}}}" for f in sorted(fields))
            raise Invalid("err.var.template_field", name=f"{{{clip(name, 40)}}}", known=known)
        spec = spec or ""
        if "{" in spec or any(int(n) > _MAX_FIELD_WIDTH for n in re.findall(r"\d+", spec)):
            raise Invalid(
                "err.var.template_format",
                spec=clip(spec, 40),
                name=f"{{{name}}}",
                width=_MAX_FIELD_WIDTH,
            )


def _sweep_name(template: str | None, dotted: str, value: Any) -> str:
    leaf = dotted.rsplit(".", 1)[-1]
    if template is None:
        shown = value.isoformat() if isinstance(value, dt.date) else value
        return clip(f"{dotted}={shown}", 100)
    ctx = {"value": value, leaf: value, dotted.replace(".", "_"): value}
    _check_template(template, set(ctx))
    return template.format_map(ctx)


def _check_name(name: Any) -> Msg | None:
    if not isinstance(name, str) or not name.strip():
        return Msg("err.var.name_empty")
    if len(name) > 80:
        return Msg("err.var.name_long")
    if any(c in name for c in "/\\\0") or name.strip() in (".", ".."):
        return Msg("err.var.name_chars")
    return None


def _base_dict(raw: Any, source: str, base_dir: Path | None) -> dict[str, Any]:
    if not isinstance(raw, Mapping):
        raise ScenarioError([Issue(source, None, "base", Msg("err.var.base"))])
    raw = dict(raw)
    ref = raw.pop("file", None)
    if ref is None:
        return raw
    if not isinstance(ref, str):
        raise ScenarioError([Issue(source, None, "base.file", Msg("err.var.path"))])
    path = Path(ref)
    if not path.is_absolute() and base_dir is not None:
        path = base_dir / path
    loaded = load_yaml(path)
    if not isinstance(loaded, Mapping):
        raise ScenarioError([Issue(str(path), None, None, Msg("err.scenario_not_mapping"))])
    if isinstance(loaded.get("trip"), Mapping):
        loaded = loaded["trip"]
    return deep_merge(loaded, raw)


def _issues_for(err: ScenarioError, source: str, where: str) -> list[Issue]:
    return [
        Issue(source, None, f"{where}.{i.field}" if i.field else where, i.msg or i.message)
        for i in err.issues
    ]


def variants_from_dict(
    data: Any,
    *,
    source: str = "variants",
    base_dir: Path | str | None = None,
    strict: bool = True,
) -> VariantSet:
    """Build the variants from the mapping of a variants file.

    Parameters
    ----------
    data : mapping
        ``name``, ``base`` (scenario keys, or ``file:`` plus overriding keys),
        ``include_base`` (default true: the base is the first variant, named ``base``),
        ``variants`` (name to overrides), ``sweeps`` (list of ``{field, values | range |
        dates, name, on, overrides}``).
    source : str
        Named in error messages (the file).
    base_dir : path, optional
        Folder against which ``base.file`` is resolved.
    strict : bool
        True: any invalid variant raises. False: an invalid variant is kept with its
        ``error`` (it becomes a failed row of the comparison); the file's structure and the
        base must still be valid.

    Returns
    -------
    VariantSet

    Raises
    ------
    ScenarioError
        Every problem found, each naming the file, the variant and the key
        (``variants.car.profle: unknown key``).
    """
    bdir = Path(base_dir) if base_dir is not None else None
    if not isinstance(data, Mapping):
        raise ScenarioError([Issue(source, None, None, Msg("err.var.file"))])
    extra = set(data) - _TOP_KEYS
    if extra:
        expected = Msg("err.var.unknown_key", {"known": ", ".join(sorted(_TOP_KEYS))})
        raise ScenarioError(
            [Issue(source, None, str(k), expected) for k in sorted(map(str, extra))]
        )
    if "base" not in data:
        raise ScenarioError([Issue(source, None, "base", Msg("err.var.no_base"))])
    base = _base_dict(data["base"], source, bdir)
    try:
        base_req = request_from_dict(base, source=source)
    except ScenarioError as err:
        raise ScenarioError(
            _issues_for(err, source, "base"), title=Msg("err.var.base_title", {"file": source})
        ) from err
    title = str(data.get("name") or base_req.name)

    issues: list[Issue] = []
    specs = _named_specs(data, source, issues)
    sweeps = data.get("sweeps") or []
    if not isinstance(sweeps, list):
        issues.append(Issue(source, None, "sweeps", Msg("err.var.sweeps")))
        sweeps = []
    for si, sweep in enumerate(sweeps):
        specs += _sweep_specs(sweep, f"sweeps[{si}]", specs, source, issues)
    seen: set[str] = set()
    for spec in specs:
        if spec.name in seen:
            issues.append(
                Issue(source, None, spec.where, Msg("err.var.name_twice", {"name": spec.name}))
            )
        seen.add(spec.name)
    if len(specs) > MAX_VARIANTS:
        issues.append(
            Issue(
                source,
                None,
                "sweeps",
                Msg("err.var.count", {"n": Plural(len(specs), "variant"), "max": MAX_VARIANTS}),
            )
        )
    if not specs and not issues:
        issues.append(Issue(source, None, "variants", Msg("err.var.none")))
    if issues:
        raise ScenarioError(issues, title=_title(source, len(issues)))

    out: list[Variant] = []
    bad_issues: list[Issue] = []
    for spec in specs:
        try:
            req = request_from_dict(deep_merge(base, spec.overrides), source=source)
        except ScenarioError as err:
            found = _issues_for(err, source, spec.where)
            bad_issues += found
            error = "; ".join(i.text("en") for i in found)
            error_ru = "; ".join(i.text("ru") for i in found)
            out.append(Variant(spec.name, None, spec.overrides, spec.origin, error, error_ru))
            continue
        out.append(Variant(spec.name, req, spec.overrides, spec.origin))
    if bad_issues and strict:
        raise ScenarioError(bad_issues, title=_title(source, len(bad_issues)))
    return VariantSet(title, source, base_req, tuple(out))


def _title(source: str, n: int) -> Msg:
    return Msg("err.var.title", {"file": source, "n": Plural(n, "problem")})


@dataclass(frozen=True)
class _Spec:
    """A variant before validation: its name, overrides of the base, origin, where in the file."""

    name: str
    overrides: dict[str, Any]
    origin: str
    where: str


def _named_specs(data: Mapping[str, Any], source: str, issues: list[Issue]) -> list[_Spec]:
    """The base (unless ``include_base: false``) and the named variants."""
    specs: list[_Spec] = []
    include_base = data.get("include_base", True)
    if not isinstance(include_base, bool):
        issues.append(Issue(source, None, "include_base", Msg("err.json.bool")))
    elif include_base:
        specs.append(_Spec("base", {}, "base", "base"))
    named = data.get("variants") or {}
    if not isinstance(named, Mapping):
        issues.append(Issue(source, None, "variants", Msg("err.var.variants")))
        return specs
    for name, over in named.items():
        where = f"variants.{name}"
        if (msg := _check_name(name)) is not None:
            issues.append(Issue(source, None, where, msg))
            continue
        if over is None:
            over = {}
        if not isinstance(over, Mapping):
            issues.append(Issue(source, None, where, Msg("err.var.overrides")))
            continue
        specs.append(_Spec(str(name), dict(over), "variant", where))
    return specs


def _sweep_specs(
    sweep: Any, where: str, earlier: list[_Spec], source: str, issues: list[Issue]
) -> list[_Spec]:
    """The variants one sweep expands into (none, with an issue, when it is invalid)."""

    def bad(key: str, msg: str | Msg) -> list[_Spec]:
        issues.append(Issue(source, None, key, msg))
        return []

    if not isinstance(sweep, Mapping):
        return bad(where, Msg("err.tour.mapping"))
    unknown = set(sweep) - _SWEEP_KEYS
    if unknown:
        expected = Msg("err.var.unknown_key", {"known": ", ".join(sorted(_SWEEP_KEYS))})
        return bad(f"{where}.{sorted(map(str, unknown))[0]}", expected)
    fld = sweep.get("field")
    if not isinstance(fld, str) or not re.fullmatch(r"[A-Za-z_]\w*(\.[A-Za-z_]\w*)*", fld):
        return bad(f"{where}.field", Msg("err.var.field"))
    try:
        values = _sweep_values(sweep)
    except ValueError as err:
        return bad(where, err.msg if isinstance(err, Invalid) else str(err))
    on = sweep.get("on", "base")
    start: dict[str, Any] = {}
    if on != "base":
        found = [s for s in earlier if s.name == on and s.origin == "variant"]
        if not found:
            return bad(f"{where}.on", Msg("err.var.on", {"name": clip(on, 80)}))
        start = found[0].overrides
    extra_over = sweep.get("overrides") or {}
    if not isinstance(extra_over, Mapping):
        return bad(f"{where}.overrides", Msg("err.tour.mapping"))
    template = sweep.get("name")
    if template is not None and not isinstance(template, str):
        return bad(f"{where}.name", Msg("err.var.text"))
    if template is None and on != "base":
        template = f"{on}_{{value}}"
    if len(earlier) + len(values) > MAX_VARIANTS:
        n = Plural(len(earlier) + len(values), "variant")
        return bad(where, Msg("err.var.sweep_count", {"n": n, "max": MAX_VARIANTS}))
    out = []
    for value in values:
        try:
            name = _sweep_name(template, fld, value)
        except (KeyError, ValueError, IndexError, AttributeError, TypeError) as err:
            detail = err.msg if isinstance(err, Invalid) else clip(err, 120)
            msg = Msg("err.var.format", {"value": clip(template, 60), "detail": detail})
            return [*out, *bad(f"{where}.name", msg)]
        if (bad_name := _check_name(name)) is not None:
            msg = Msg("err.var.bad_name", {"name": clip(name, 80), "why": bad_name})
            return [*out, *bad(f"{where}.name", msg)]
        over = _set_path(deep_merge(start, extra_over), fld, value)
        out.append(_Spec(name, over, "sweep", f"{where} ({name})"))
    return out


def load_variants(path: Path | str, *, strict: bool = True) -> VariantSet:
    """Read a variants YAML file (safely: no tags, no duplicated keys).

    Parameters
    ----------
    path : path
    strict : bool
        See :func:`variants_from_dict`.

    Returns
    -------
    VariantSet

    Raises
    ------
    ScenarioError
        The file, its structure or a variant is invalid; names the file, variant and key.
    """
    p = Path(path)
    return variants_from_dict(load_yaml(p), source=str(p), base_dir=p.parent, strict=strict)
