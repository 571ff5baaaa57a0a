"""Readiness page: an enterprise's checklist assessment — see where it stands, record a new
assessment (answers, date, assessor), download the one-page readiness report."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from .. import i18n
from ..catalog import load_catalog
from ..exceptions import RouteplannerError
from ..model import CHECKLIST_CATEGORIES
from ..readiness import (
    Assessment,
    readiness,
    readiness_report_html,
    record_assessment,
    score_note,
)
from .common import builtin_resources, data_dir, lang, show_error

__all__ = ["render"]

_NOT_ANSWERED = "—"


def render() -> None:
    """Draw the page (the built-in catalog's enterprises; answers go to its assessments.csv)."""
    language = lang()

    def t(key: str) -> str:
        return i18n.t(key, language)

    st.header(t("ready_title"))
    st.caption(t("assess_help"))
    catalog = load_catalog(data_dir())  # fresh: the page itself adds assessments
    ids = [s.id for s in catalog.sites.values() if s.category in CHECKLIST_CATEGORIES]
    site_id = st.selectbox(
        t("site"),
        ids,
        format_func=lambda i: f"{catalog.sites[i].name(language)} ({catalog.sites[i].town})",
        key="assess-site",
    )
    site = catalog.sites[site_id]
    r = readiness(site_id, catalog)
    sc = catalog.scoring
    labels = sc.labels_en if language == "en" else sc.labels_ru
    st.metric(t("score"), f"{site.score:.2f}")
    st.caption(score_note(site, language))
    (st.success if r.ready else st.warning)(t("ready_yes") if r.ready else t("ready_no"))
    st.markdown(
        f"**{t('ready_met')}:** {', '.join(labels[c] for c, _ in r.met) or '—'}  \n"
        f"**{t('ready_missing')}:** {', '.join(labels[c] for c, _ in r.missing) or '—'}  \n"
        f"**{t('ready_unknown')}:** {', '.join(labels[c] for c in r.unknown) or '—'}"
    )
    st.download_button(
        t("assess_report"),
        readiness_report_html(site_id, catalog, lang=language).encode("utf-8"),
        file_name=f"readiness_{site_id}.html",
        mime="text/html",
        key="assess-report",
    )

    st.subheader(t("assess_new"))
    with st.form(f"assess-form-{site_id}"):
        day = st.date_input(t("assess_date"), dt.date.today(), key="assess-date")
        assessor = st.text_input(t("assess_assessor"), key="assess-assessor")
        answers: dict[str, int] = {}
        notes: dict[str, str] = {}
        for crit in sc.weights:
            left, right = st.columns([2, 3])
            value = left.selectbox(
                labels.get(crit, crit),
                [_NOT_ANSWERED, 0, 1, 2, 3, 4, 5],
                key=f"assess-{crit}",
            )
            note = right.text_input(t("assess_note"), key=f"assess-note-{crit}")
            if value != _NOT_ANSWERED:
                answers[crit] = int(value)
                if note.strip():
                    notes[crit] = note.strip()
        sent = st.form_submit_button(t("assess_record"))
    if sent:
        try:
            record_assessment(
                data_dir() / "assessments.csv",
                Assessment(site_id, day, assessor, answers, notes),
                catalog,
            )
        except RouteplannerError as err:
            show_error(err)
            return
        builtin_resources.clear()  # plans made from now on use the new score
        new = load_catalog(data_dir()).sites[site_id]
        st.success(t("assess_recorded").format(n=len(answers), before=site.score, after=new.score))
