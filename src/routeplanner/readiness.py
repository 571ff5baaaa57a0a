"""Enterprise readiness: assessments against the checklist, the score they give, and a one-page
readiness report (what is met, what is missing to receive groups).

An assessment is the agency's visit to an enterprise: a 0–5 answer for some or all of the
checklist criteria of ``scoring.yaml``, with its date and assessor. Assessments are kept, all of
them, in ``data/assessments.csv`` (one row per answer; :func:`record_assessment` appends). The
catalog scores an enterprise from its **latest** assessment (its answers replace the estimates
of ``checklist.csv`` for the criteria it answers) and says so; an enterprise never assessed
keeps the project's estimates and shows that it is unassessed (:func:`score_note`).

A criterion is *met* at ``readiness.met_at`` (3: the checklist's middle anchor, e.g. "briefing
and escort, PPE where needed"); an enterprise is *ready to receive groups* when every
``readiness.essential`` criterion is met. Both are the project's proposal (``scoring.yaml``),
not the accelerator's rules.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING

from ._io import atomic_write_bytes, read_limited
from .assessments import ASSESSMENT_COLUMNS, Assessment, answers_from_mapping, read_assessments
from .exceptions import AssessmentError, Issue, Msg, clip
from .i18n import fmt_date, t
from .spreadsheet import safe_cell

if TYPE_CHECKING:
    from .catalog import Catalog
    from .model import Site

__all__ = [
    "ASSESSMENT_COLUMNS",
    "Assessment",
    "Readiness",
    "answers_from_mapping",
    "read_assessments",
    "readiness",
    "readiness_report_html",
    "record_assessment",
    "score_note",
]


def record_assessment(path: Path | str, assessment: Assessment, catalog: Catalog) -> None:
    """Validate ``assessment`` against ``catalog`` and append it to ``path`` (created with its
    header when missing). The file is rewritten atomically: a failure leaves it as it was.

    Raises
    ------
    AssessmentError
        An unknown site or criterion, a site that is not an enterprise, a score outside 0..5,
        no assessor, no answer, or a date in the future; every problem is listed.
    """
    from .model import CHECKLIST_CATEGORIES

    where = "assessment"
    problems: list[Issue] = []
    site = catalog.sites.get(assessment.site_id)
    if site is None:
        hint = ", ".join(catalog.suggest(assessment.site_id))
        message = Msg("err.ready.no_site", {"id": clip(assessment.site_id, 80), "ids": hint})
        problems.append(Issue(where, None, "site", message))
    elif site.category not in CHECKLIST_CATEGORIES:
        problems.append(Issue(where, None, "site", Msg("err.as.not_enterprise", {"id": site.id})))
    if not assessment.assessor.strip():
        problems.append(Issue(where, None, "assessor", Msg("err.as.assessor")))
    if assessment.date > dt.date.today():
        message = Msg("err.ready.future", {"date": assessment.date})
        problems.append(Issue(where, None, "date", message))
    if not assessment.answers:
        problems.append(Issue(where, None, "answers", Msg("err.ready.no_answer")))
    for crit, score in assessment.answers.items():
        if crit not in catalog.scoring.weights:
            known = ", ".join(catalog.scoring.weights)
            message = Msg("err.ready.criterion", {"known": known})
            problems.append(Issue(where, None, crit, message))
        elif isinstance(score, bool) or not isinstance(score, int) or not 0 <= score <= 5:
            message = Msg("err.as.score", {"value": clip(score, 60)})
            problems.append(Issue(where, None, crit, message))
    if problems:
        raise AssessmentError(problems, title=Msg("err.ready.title"))
    target = Path(path)
    old = read_limited(target, 20 * 1024 * 1024).decode("utf-8") if target.exists() else ""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    if not old:
        writer.writerow(ASSESSMENT_COLUMNS)
    elif not old.endswith("\n"):
        buf.write("\n")
    for crit, score in assessment.answers.items():
        writer.writerow(
            [
                assessment.site_id,
                assessment.date.isoformat(),
                safe_cell(assessment.assessor.strip()),  # a spreadsheet never runs it
                crit,
                score,
                safe_cell(assessment.notes.get(crit, "")),
            ]
        )
    atomic_write_bytes(target, (old + buf.getvalue()).encode("utf-8"))


@dataclass(frozen=True)
class Readiness:
    """Where an enterprise stands against the checklist.

    Attributes
    ----------
    met, missing : list of (criterion, score)
        Criteria at or above / below ``met_at`` (scores from the latest assessment, or the
        estimate for a criterion it did not answer).
    unknown : list of str
        Criteria with no answer and no estimate.
    assessed : list of str
        Criteria the latest assessment answered (the others are estimates).
    ready : bool
        Every essential criterion is met.
    """

    site_id: str
    score: float
    coverage: float | None
    assessment: Assessment | None
    met: list[tuple[str, int]]
    missing: list[tuple[str, int]]
    unknown: list[str]
    assessed: list[str]
    essential: list[str]
    met_at: int
    ready: bool


def readiness(site_id: str, catalog: Catalog) -> Readiness:
    """The readiness of enterprise ``site_id`` from its latest assessment and the estimates."""
    site = catalog.site_or_error(site_id)
    scoring = catalog.scoring
    latest = (catalog.assessments.get(site_id) or (None,))[-1]
    values = {i.criterion: i.score for i in catalog.checklists.get(site_id, ())}
    met, missing, unknown = [], [], []
    for crit in scoring.weights:
        s = values.get(crit)
        if s is None:
            unknown.append(crit)
        elif s >= scoring.met_at:
            met.append((crit, s))
        else:
            missing.append((crit, s))
    done = {c for c, _ in met}
    ready = all(c in done for c in scoring.essential)
    return Readiness(
        site.id,
        site.score,
        site.checklist_coverage,
        latest,
        met,
        missing,
        unknown,
        sorted(latest.answers) if latest else [],
        list(scoring.essential),
        scoring.met_at,
        ready,
    )


def score_note(site: Site, lang: str = "ru") -> str:
    """Where a site's score comes from: its latest assessment, the estimates of an unassessed
    enterprise, or the editorial score of a site without a checklist."""
    from .model import CHECKLIST_CATEGORIES

    if site.assessed_on is not None:
        when = fmt_date(site.assessed_on, lang, weekday=False)
        return t("score_assessed", lang).format(date=when, who=site.assessed_by)
    if site.category in CHECKLIST_CATEGORIES:
        return t("score_unassessed", lang)
    return t("score_editorial", lang)


_CSS = """
@page { size: A4; margin: 14mm; }
body { font-family: "DejaVu Sans", Arial, sans-serif; font-size: 10.5pt; color: #1d1d1d;
  max-width: 180mm; margin: 0 auto; padding: 6mm 0; line-height: 1.35; }
h1 { font-size: 16pt; margin: 0 0 1mm; } h2 { font-size: 12pt; margin: 5mm 0 1mm; }
.meta { color: #444; } table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: 1mm 2mm; border-bottom: 1px solid #ddd; vertical-align: top; }
.met { color: #1a7f37; font-weight: bold; } .missing { color: #b00; font-weight: bold; }
.unknown { color: #777; } .verdict { border: 2px solid; padding: 2mm 3mm; margin: 3mm 0; }
.ready { border-color: #1a7f37; } .notready { border-color: #b00; }
small { color: #666; }
"""


def readiness_report_html(site_id: str, catalog: Catalog, *, lang: str = "ru") -> str:
    """A one-page readiness report (HTML, self-contained, printable): the verdict, the score and
    where it comes from, and each criterion met, missing (with what the next level asks) or
    not known."""
    r = readiness(site_id, catalog)
    site = catalog.site_or_error(site_id)
    sc = catalog.scoring
    labels = sc.labels_en if lang == "en" else sc.labels_ru
    targets = sc.targets_en if lang == "en" else sc.targets_ru

    def e(x: object) -> str:
        return escape(str(x), quote=True)

    a = r.assessment
    rows = []
    for crit in sc.weights:
        value = dict(r.met).get(crit, dict(r.missing).get(crit))
        if crit in dict(r.met):
            status = f"<span class='met'>{e(t('ready_met', lang))}</span>"
        elif crit in dict(r.missing):
            status = f"<span class='missing'>{e(t('ready_missing', lang))}</span>"
        else:
            status = f"<span class='unknown'>{e(t('ready_unknown', lang))}</span>"
        basis = t("ready_assessed", lang) if crit in r.assessed else t("ready_estimate", lang)
        need = ""
        if crit not in dict(r.met) and targets.get(crit):
            need = f"{t('ready_to_reach', lang)} {r.met_at}: {targets[crit]}"
        note = a.notes.get(crit, "") if a else ""
        rows.append(
            f"<tr><td>{e(labels.get(crit, crit))}"
            + (" *" if crit in r.essential else "")
            + f"</td><td>{'' if value is None else value}/5</td><td>{status}<br><small>"
            f"{e(basis) if value is not None else ''}</small></td><td>{e(need)}"
            + (f"<br><small>{e(note)}</small>" if note else "")
            + "</td></tr>"
        )
    verdict = t("ready_yes", lang) if r.ready else t("ready_no", lang)
    missing_essential = [labels.get(c, c) for c in r.essential if c not in dict(r.met)]
    out = [
        "<!DOCTYPE html>",
        f"<html lang='{'en' if lang == 'en' else 'ru'}'><head><meta charset='utf-8'>",
        f"<title>{e(t('ready_title', lang))} — {e(site.name(lang))}</title>",
        f"<style>{_CSS}</style></head><body>",
        f"<h1>{e(t('ready_title', lang))}: {e(site.name(lang))}</h1>",
        f"<p class='meta'>{e(site.town)} · {e(t(site.category.value, lang))} · "
        f"{e(t('score', lang))} {site.score:.2f}/10 — {e(score_note(site, lang))}</p>",
        f"<div class='verdict {'ready' if r.ready else 'notready'}'><b>{e(verdict)}</b>"
        + (
            f"<br>{e(t('ready_essential_missing', lang))}: {e(', '.join(missing_essential))}"
            if missing_essential
            else ""
        )
        + "</div>",
        f"<h2>{e(t('ready_criteria', lang))}</h2>",
        f"<table><thead><tr><th>{e(t('ready_criterion', lang))}</th><th>"
        f"{e(t('ready_answer', lang))}</th><th>{e(t('ready_status', lang))}</th><th>"
        f"{e(t('ready_next', lang))}</th></tr></thead><tbody>",
        *rows,
        "</tbody></table>",
        f"<p><small>* {e(t('ready_essential_note', lang).format(level=r.met_at))} "
        f"{e(t('ready_proposal_note', lang))}</small></p>",
    ]
    history = catalog.assessments.get(site_id, ())
    if history:
        out.append(f"<h2>{e(t('ready_history', lang))}</h2><ul>")
        out += [
            f"<li>{e(fmt_date(h.date, lang, weekday=False))} — {e(h.assessor)}: "
            f"{len(h.answers)} {e(t('ready_answers', lang))}</li>"
            for h in history
        ]
        out.append("</ul>")
    out.append("</body></html>")
    return "\n".join(out) + "\n"
