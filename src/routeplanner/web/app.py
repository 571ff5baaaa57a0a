"""The Streamlit entry script: page set-up, the language switch and the navigation.

Run with ``routeplanner web`` (or ``streamlit run`` on this file). Pages: Catalog
(``/``), Plan (``/plan``), Embed (``/embed``), Compare (``/compare``), Season (``/season``)
and Enterprise readiness (``/assess``). The language
is Russian unless English is chosen in the sidebar (or ``?lang=en`` is in the address).
"""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from routeplanner.web.common import page_guard, tr

__all__ = ["PAGES", "main", "run_page"]


def _catalog() -> None:
    from routeplanner.web import catalog_page

    catalog_page.render()


def _plan() -> None:
    from routeplanner.web import plan_page

    plan_page.render()


def _embed() -> None:
    from routeplanner.web import embed_page

    embed_page.render()


def _compare() -> None:
    from routeplanner.web import compare_page

    compare_page.render()


def _season() -> None:
    from routeplanner.web import season_page

    season_page.render()


def _assess() -> None:
    from routeplanner.web import assess_page

    assess_page.render()


#: url path -> (label key, icon, page body)
PAGES: dict[str, tuple[str, str, Callable[[], None]]] = {
    "catalog": ("page_catalog", ":material/factory:", _catalog),
    "plan": ("page_plan", ":material/route:", _plan),
    "embed": ("page_embed", ":material/add_location_alt:", _embed),
    "compare": ("page_compare", ":material/compare_arrows:", _compare),
    "season": ("page_season", ":material/calendar_month:", _season),
    "assess": ("page_assess", ":material/fact_check:", _assess),
}


def _language_switch() -> None:
    if "lang" not in st.session_state:
        wanted = st.query_params.get("lang", "ru")
        st.session_state["lang"] = wanted if wanted in ("ru", "en") else "ru"
    st.sidebar.radio(
        tr("language"),
        ["ru", "en"],
        format_func={"ru": "Русский", "en": "English"}.__getitem__,
        key="lang",
        horizontal=True,
    )


def _frame() -> None:
    st.set_page_config(page_title=tr("app_title"), page_icon=":material/factory:", layout="wide")
    _language_switch()
    upload = st.session_state.get("catalog_upload")
    st.sidebar.caption(
        f"{tr('catalog_in_use')}: "
        + (f"{tr('catalog_uploaded')} «{upload['name']}»" if upload else tr("catalog_builtin"))
    )


def _guarded(body: Callable[[], None]) -> Callable[[], None]:
    def page() -> None:
        with page_guard():
            body()

    page.__name__ = body.__name__.strip("_")
    return page


def run_page(name: str) -> None:
    """Run one page with the app's frame but without the navigation (used by the tests).

    Parameters
    ----------
    name : str
        A key of :data:`PAGES`.
    """
    _frame()
    st.title(tr("app_title"))
    _guarded(PAGES[name][2])()


def main() -> None:
    """Run the app: frame, language switch, navigation and the chosen page."""
    _frame()
    pages = [
        st.Page(
            _guarded(body), title=tr(label), icon=icon, url_path=path, default=path == "catalog"
        )
        for path, (label, icon, body) in PAGES.items()
    ]
    page = st.navigation(pages, position="sidebar")
    st.title(tr("app_title"))
    st.caption(tr("app_caption"))
    page.run()


if __name__ == "__main__":
    main()
