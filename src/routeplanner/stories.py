"""Stories at the stops: links to story material (audio guides, videos, the enterprise's own
page, articles) for a site or an event, kept in ``data/stories.csv`` keyed by its id.

The programme and the web app show them under each stop; ``routeplanner sites`` says which
sites have them. A story never changes a plan.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from ._csv import Column, choice, parse_slug, read_table
from .exceptions import Invalid, Issue, Msg, clip

__all__ = ["STORY_KINDS", "Story", "read_stories"]

STORY_KINDS = ("audio_guide", "video", "enterprise_page", "article")


def _url(text: str) -> str:
    text = text.strip()
    if not text.startswith(("http://", "https://")) or " " in text:
        raise Invalid("err.url", value=clip(text, 80))
    return text


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise Invalid("err.date", value=clip(text.strip(), 80)) from None


_COLUMNS = [
    Column("id", parse_slug),
    Column("kind", choice(STORY_KINDS)),
    Column("title_ru"),
    Column("title_en"),
    Column("url", _url),
    Column("language", choice(("ru", "en", "ru,en"))),
    Column("found", _date),
    Column("source", required=False, default=""),
]


@dataclass(frozen=True)
class Story:
    """A link to story material about a site or an event.

    Attributes
    ----------
    kind : str
        ``audio_guide``, ``video``, ``enterprise_page`` or ``article``.
    url : str
        Where it is.
    language : str
        Language(s) of the material: ``ru``, ``en`` or ``ru,en``.
    found : datetime.date
        When the link was found (it was not opened then: the address comes from ``source``).
    source : str
        Where the link was found.
    """

    kind: str
    title_ru: str
    title_en: str
    url: str
    language: str
    found: dt.date
    source: str = ""

    def title(self, lang: str = "ru") -> str:
        """The title in ``lang``."""
        return self.title_en if lang == "en" else self.title_ru


def read_stories(
    path: Path, known_ids: Iterable[str], issues: list[Issue]
) -> dict[str, tuple[Story, ...]]:
    """Read ``stories.csv``; every problem (bad kind, address, date, unknown id) goes to
    ``issues`` naming the file, row and field.

    Parameters
    ----------
    path : Path
    known_ids : iterable of str
        Site and event ids a story may belong to.
    issues : list of Issue

    Returns
    -------
    dict
        Stories by site or event id, in file order.
    """
    known = set(known_ids)
    table = read_table(path, _COLUMNS, issues)
    out: dict[str, list[Story]] = {}
    for line, r in table.rows:
        if r["id"] not in known:
            message = Msg("err.st.no_id", {"id": r["id"]})
            issues.append(Issue(table.path, line, "id", message))
            continue
        fields = ("kind", "title_ru", "title_en", "url", "language", "found", "source")
        story = Story(*(r[f] for f in fields))
        out.setdefault(r["id"], []).append(story)
    return {k: tuple(v) for k, v in out.items()}
