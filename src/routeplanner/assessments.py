"""Assessments of enterprises against the checklist: the records and reading them.

An assessment is the agency's visit to an enterprise: a 0–5 answer for some or all of the
checklist criteria of ``scoring.yaml``, with its date and assessor. ``data/assessments.csv``
keeps all of them (one row per answer); :func:`read_assessments` reads and validates the file
for the catalog, :func:`answers_from_mapping` reads answers given as a mapping (YAML). What the
answers mean for a site (its score, met / missing, the report) is
:mod:`routeplanner.readiness`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ._csv import Column, bounded_int, parse_slug, read_table
from .exceptions import AssessmentError, Invalid, Issue, Msg, clip
from .model import CHECKLIST_CATEGORIES, Site

__all__ = ["ASSESSMENT_COLUMNS", "Assessment", "answers_from_mapping", "read_assessments"]

#: Columns of ``assessments.csv``, in order.
ASSESSMENT_COLUMNS = ("site_id", "date", "assessor", "criterion", "score", "note")


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise Invalid("err.date", value=clip(text.strip(), 80)) from None


def _text(text: str) -> str:
    return text.strip()


_COLUMNS = [
    Column("site_id", parse_slug),
    Column("date", _date),
    Column("assessor", _text),
    Column("criterion", _text),
    Column("score", bounded_int(0, 5, Msg("err.what.checklist_score"))),
    Column("note", required=False, default=""),
]


@dataclass(frozen=True)
class Assessment:
    """One assessment of an enterprise: answers (0–5) per criterion, when and by whom."""

    site_id: str
    date: dt.date
    assessor: str
    answers: Mapping[str, int]
    notes: Mapping[str, str] = field(default_factory=dict)


def _key(a: Assessment) -> tuple[dt.date, str]:
    return (a.date, a.assessor)


def read_assessments(
    path: Path,
    sites: Mapping[str, Site],
    criteria: Iterable[str],
    issues: list[Issue],
    *,
    skip_missing_sites: bool = False,
    skip_sites: Iterable[str] = (),
) -> dict[str, tuple[Assessment, ...]]:
    """Read ``assessments.csv``: every assessment of every site, oldest first.

    Rows with the same site, date and assessor form one assessment. Problems (an unknown site or
    criterion, a score outside 0..5, a bad date, a criterion answered twice in one assessment,
    a site that is not an enterprise) go to ``issues``, naming the file, row and field. Rows
    of sites in ``skip_sites`` (already reported as bad), or of any missing site with
    ``skip_missing_sites``, are left out without an error.
    """
    known = set(criteria)
    skipped = set(skip_sites)
    table = read_table(path, _COLUMNS, issues)
    grouped: dict[tuple[str, dt.date, str], dict[str, Any]] = {}
    for line, r in table.rows:
        site = sites.get(r["site_id"])
        if site is None:
            if not (skip_missing_sites or r["site_id"] in skipped):
                message = Msg("err.cat.no_site", {"id": r["site_id"]})
                issues.append(Issue(table.path, line, "site_id", message))
            continue
        if site.category not in CHECKLIST_CATEGORIES:
            message = Msg("err.as.not_enterprise", {"id": site.id})
            issues.append(Issue(table.path, line, "site_id", message))
            continue
        if not r["assessor"]:
            issues.append(Issue(table.path, line, "assessor", Msg("err.as.assessor")))
            continue
        if r["criterion"] not in known:
            issues.append(
                Issue(
                    table.path,
                    line,
                    "criterion",
                    Msg(
                        "err.as.criterion",
                        {"criterion": clip(r["criterion"], 80), "known": ", ".join(sorted(known))},
                    ),
                )
            )
            continue
        g = grouped.setdefault(
            (r["site_id"], r["date"], r["assessor"]), {"answers": {}, "notes": {}}
        )
        if r["criterion"] in g["answers"]:
            issues.append(
                Issue(
                    table.path,
                    line,
                    "criterion",
                    Msg("err.as.twice", {"criterion": r["criterion"]}),
                )
            )
            continue
        g["answers"][r["criterion"]] = r["score"]
        if r["note"]:
            g["notes"][r["criterion"]] = r["note"]
    out: dict[str, list[Assessment]] = {}
    for (sid, date, who), g in grouped.items():
        out.setdefault(sid, []).append(Assessment(sid, date, who, g["answers"], g["notes"]))
    return {sid: tuple(sorted(v, key=_key)) for sid, v in out.items()}


def answers_from_mapping(
    raw: Any, *, source: str = "answers"
) -> tuple[dict[str, int], dict[str, str]]:
    """Answers and notes from ``{criterion: score}`` or ``{criterion: {score, note}}`` (e.g. a
    YAML file).

    Raises
    ------
    AssessmentError
        Not a mapping, or a value that is not a whole score (or a mapping with ``score``).
    """
    if not isinstance(raw, dict):
        raise AssessmentError([Issue(source, None, None, Msg("err.as.mapping"))])
    answers: dict[str, int] = {}
    notes: dict[str, str] = {}
    problems = []
    for crit, value in raw.items():
        note = ""
        if isinstance(value, dict):
            note = str(value.get("note", "") or "")
            value = value.get("score")
        if isinstance(value, bool) or not isinstance(value, int):
            message = Msg("err.as.score", {"value": clip(value, 60)})
            problems.append(Issue(source, None, str(crit), message))
            continue
        answers[str(crit)] = value
        if note:
            notes[str(crit)] = note
    if problems:
        raise AssessmentError(problems, title=Msg("err.as.title", {"source": source}))
    return answers, notes
