"""Shared helpers of the web pages: language, the catalog in use, uploads, errors, maps.

Every page body runs inside :func:`page_guard`, so that a library error
(:class:`~routeplanner.exceptions.RouteplannerError`) is shown as a clear message on the page and
any other exception as a friendly one (the traceback goes to the server log only). Uploaded
files are size-checked (:func:`read_upload`), written into a private temporary folder
(:func:`staged_files`) and read through the library's own loaders, so the same errors as on the
command line appear, naming the uploaded file rather than the temporary path.
"""

from __future__ import annotations

import dataclasses
import hashlib
import logging
import re
import shutil
import tempfile
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from types import MappingProxyType
from typing import Any

import streamlit as st

from ..catalog import Catalog, load_catalog
from ..exceptions import Issue, RouteplannerError, describe
from ..i18n import t
from ..network import Network, load_network
from ..settings import default_data_dir
from . import MAX_UPLOAD_MB

__all__ = [
    "MAX_UPLOAD_BYTES",
    "UploadError",
    "active_resources",
    "builtin_resources",
    "clean_message",
    "custom_resources",
    "data_dir",
    "lang",
    "layer_control_last",
    "page_guard",
    "place_names",
    "read_upload",
    "show_error",
    "show_map",
    "staged_files",
    "subset_catalog",
    "tr",
]

log = logging.getLogger("routeplanner.web")

#: Largest upload accepted, bytes.
MAX_UPLOAD_BYTES = MAX_UPLOAD_MB * 1024 * 1024

_STAGE_PREFIX = "rp-upload-"
_STAGED_PATH = re.compile(r"(?:[A-Za-z]:)?[^\s'\"]*" + _STAGE_PREFIX + r"[^/\\\s]*[/\\]")
_SAFE_NAME = re.compile(r"[^\w.\-]+")


# --------------------------------------------------------------------------- language


def lang() -> str:
    """The language chosen in the sidebar: ``"ru"`` (default) or ``"en"``."""
    value = st.session_state.get("lang", "ru")
    return value if value in ("ru", "en") else "ru"


def tr(key: str, **values: Any) -> str:
    """The app's label ``key`` in the chosen language, formatted with ``values``.

    Parameters
    ----------
    key : str
        A ``web.<key>`` label of :mod:`routeplanner.i18n` (unknown keys are returned as they
        are).
    **values
        Fields of the label's format string.

    Returns
    -------
    str
    """
    full = f"web.{key}"
    text = t(full, lang(), **values)
    return key if text == full else text


# --------------------------------------------------------------------------- resources


def data_dir() -> Path:
    """The built-in data folder (scenarios, tours and variants live below it)."""
    return default_data_dir()


@st.cache_resource(show_spinner=False)
def builtin_resources() -> tuple[Catalog, Network]:
    """The built-in catalog and network, loaded once per server process."""
    catalog = load_catalog()
    return catalog, load_network(None, catalog)


@st.cache_resource(show_spinner=False, max_entries=8)
def custom_resources(name: str, data: bytes, mode: str) -> tuple[Catalog, Network]:
    """A catalog with an uploaded site file, and its network (cached by content).

    Parameters
    ----------
    name : str
        The uploaded file's name (shown in errors).
    data : bytes
        The file's content.
    mode : {"extra", "replace"}
        Extend the built-in sites (rows with the same id replace them) or replace them all.

    Raises
    ------
    CatalogError
        The file is invalid; every problem is listed, naming the file, row and field.
    """
    with staged_files({name: data}) as folder:
        path = folder / safe_name(name)
        if mode == "replace":
            catalog = load_catalog(_data_for(folder / "data", data), sites_file=path)
        else:
            catalog = load_catalog(extra_sites=[path])
    return catalog, load_network(None, catalog)


def _data_for(root: Path, sites: bytes) -> Path:
    """A data folder for a replacement site file: the built-in scoring, lodgings and hubs, and
    the built-in checklist restricted to the sites the file keeps (the checklist of a site that
    is not in the file would otherwise be reported as an error)."""
    import csv
    import io

    builtin = data_dir()
    root.mkdir()
    for name in ("scoring.yaml", "lodgings.csv", "hubs.csv"):
        shutil.copyfile(builtin / name, root / name)
    try:
        rows = csv.DictReader(io.StringIO(sites.decode("utf-8-sig")))
        keep = {(r.get("id") or "").strip() for r in rows}
    except (UnicodeDecodeError, csv.Error):
        keep = set()  # the site file's own errors are reported by the loader
    with open(builtin / "checklist.csv", encoding="utf-8", newline="") as src:
        reader = csv.DictReader(src)
        with open(root / "checklist.csv", "w", encoding="utf-8", newline="") as dst:
            writer = csv.DictWriter(dst, fieldnames=list(reader.fieldnames or []))
            writer.writeheader()
            writer.writerows(r for r in reader if (r.get("site_id") or "").strip() in keep)
    return root


def active_resources() -> tuple[Catalog, Network]:
    """The catalog and network the pages plan with: the built-in ones or the uploaded file's."""
    upload = st.session_state.get("catalog_upload")
    if upload:
        return custom_resources(upload["name"], upload["data"], upload["mode"])
    return builtin_resources()


def subset_catalog(catalog: Catalog, site_ids: Sequence[str]) -> Catalog:
    """A copy of ``catalog`` with only the sites in ``site_ids`` (lodgings and hubs kept)."""
    keep = set(site_ids)
    sites = {k: v for k, v in catalog.sites.items() if k in keep}
    return dataclasses.replace(catalog, sites=MappingProxyType(sites))


def place_names(catalog: Catalog, language: str | None = None) -> dict[str, str]:
    """Place id to its name in ``language`` (default: the chosen language)."""
    code = language or lang()
    return {p.id: p.name(code) for p in catalog}


# --------------------------------------------------------------------------- uploads


class UploadError(RouteplannerError):
    """An uploaded file is too large, empty or of a type the page does not take."""

    exit_code = 3


def safe_name(name: str) -> str:
    """A file name safe to write: the base name with unusual characters replaced."""
    base = Path(name.replace("\\", "/")).name
    cleaned = _SAFE_NAME.sub("_", base).lstrip(".")
    return cleaned or "upload"


def read_upload(uploaded: Any, suffixes: Sequence[str]) -> bytes:
    """Check an uploaded file and return its bytes.

    Parameters
    ----------
    uploaded : streamlit UploadedFile
        From ``st.file_uploader``.
    suffixes : sequence of str
        Accepted file name endings, e.g. ``(".csv",)``.

    Returns
    -------
    bytes

    Raises
    ------
    UploadError
        Larger than :data:`MAX_UPLOAD_BYTES`, empty, or of another type; the message (in the
        chosen language) names the file.
    """
    name = str(uploaded.name)
    size = int(getattr(uploaded, "size", 0) or 0)
    if size > MAX_UPLOAD_BYTES:
        raise UploadError(tr("too_large", name=name, size=size / 2**20, limit=MAX_UPLOAD_MB))
    if not name.lower().endswith(tuple(s.lower() for s in suffixes)):
        raise UploadError(tr("bad_type", name=name, types=", ".join(suffixes)))
    data = uploaded.getvalue()
    if len(data) > MAX_UPLOAD_BYTES:
        raise UploadError(tr("too_large", name=name, size=len(data) / 2**20, limit=MAX_UPLOAD_MB))
    if not data.strip():
        raise UploadError(tr("empty_file", name=name))
    return bytes(data)


@contextmanager
def staged_files(files: Mapping[str, bytes]) -> Iterator[Path]:
    """Write ``files`` (name to bytes) into a private temporary folder, removed afterwards.

    Names are reduced to safe base names. Errors raised inside name the files by their paths
    there; :func:`clean_message` turns those back into the uploaded names.
    """
    folder = Path(tempfile.mkdtemp(prefix=_STAGE_PREFIX))
    try:
        for name, data in files.items():
            (folder / safe_name(name)).write_bytes(data)
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def clean_message(text: str) -> str:
    """``text`` with the temporary upload folders removed from file paths."""
    return _STAGED_PATH.sub("", text)


# --------------------------------------------------------------------------- errors


def show_error(err: BaseException, *, title: str | None = None) -> None:
    """Show a library error on the page as the command line shows it
    (:func:`routeplanner.exceptions.describe`): its title and each problem on a line of its
    own, naming the uploaded file (not the temporary path), row or key, and field.

    Parameters
    ----------
    err : Exception
        Usually a :class:`~routeplanner.exceptions.RouteplannerError`; its ``issues`` (file, row,
        field, message) are listed one per line.
    title : str, optional
        Replaces the error's own title (e.g. to name the uploaded file).
    """
    issues: list[Issue] = list(getattr(err, "issues", []) or [])
    if title and issues:
        text = "\n".join([title] + [f"  - {i.text(lang())}" for i in issues[:50]])
    else:
        text = describe(err, lang())  # the very message the command line prints
    st.error(clean_message(text), icon=":material/warning:")


@contextmanager
def page_guard() -> Iterator[None]:
    """Run a page body: library errors become messages, anything else a friendly note.

    Streamlit's own control flow (``st.stop``, ``st.rerun``) derives from ``BaseException``
    and passes through untouched.
    """
    try:
        yield
    except RouteplannerError as err:
        show_error(err)
    except Exception:
        log.exception("the web page failed")
        st.error(tr("unexpected"), icon=":material/build:")


# --------------------------------------------------------------------------- maps and files


def show_map(m: Any, *, height: int = 560) -> None:
    """Show a folium map (from :mod:`routeplanner.maps`) as the exported ``map.html`` shows it.

    The whole page of the map (its legend, styles and layer control included) is rendered in a
    frame of fixed height. Streamlit-folium's interactive ``st_folium`` is not used: with several
    maps on a page its frames intermittently keep a height of 0 (the map is drawn but never
    shown), and no page here needs clicks on the map sent back.

    Parameters
    ----------
    m : folium.Map
    height : int
        Height of the frame, pixels.
    """
    layer_control_last(m)
    st.iframe(m.get_root().render(), height=height)
    st.caption(tr("map_note"))


def layer_control_last(m: Any) -> Any:
    """Move the map's layer control after every layer (in place; returns ``m``).

    A layer control lists the layers that exist when the page is drawn, so its script must come
    after theirs; layers added to a map after its control (as
    :func:`~routeplanner.maps.add_insertion_layer` does) otherwise break the map's script.
    """
    import folium

    children = getattr(m, "_children", None)
    if children is None:
        return m
    for key, child in list(children.items()):
        if isinstance(child, folium.LayerControl):
            del children[key]
            children[key] = child
    return m


_MIME = {
    ".html": "text/html",
    ".csv": "text/csv",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".geojson": "application/geo+json",
    ".gpx": "application/gpx+xml",
    ".ics": "text/calendar",
    ".json": "application/json",
    ".txt": "text/plain",
}


def download_buttons(files: Mapping[str, bytes], *, key: str, columns: int = 3) -> None:
    """One download button per file (name to bytes), laid out in ``columns`` columns."""
    cols = st.columns(columns)
    for k, (name, data) in enumerate(files.items()):
        with cols[k % columns]:
            st.download_button(
                name,
                data=data,
                file_name=name,
                mime=_MIME.get(Path(name).suffix, "application/octet-stream"),
                key=f"{key}-{name}",
                on_click="ignore",
                icon=":material/download:",
                width="stretch",
            )


def yaml_source(
    labels: str, key: str, ready: Callable[[], Mapping[str, Path]]
) -> tuple[str, Path | dict[str, bytes]] | None:
    """The YAML file a page works on: one of the project's ready files, or uploaded ones (the
    file and the files it refers to).

    Parameters
    ----------
    labels : str
        Prefix of the page's labels: ``{labels}_source``, ``_ready``, ``_upload``, ``_file``.
    key : str
        Prefix of the widgets' keys.
    ready : callable
        The ready files, by name.

    Returns
    -------
    tuple of (str, Path or dict of str to bytes) or None
        A cache key (``ready:<name>`` or ``upload:<digest>``) and the chosen file's path or the
        uploaded files' bytes by name; None while nothing is chosen.
    """
    sources = {"ready": tr(f"{labels}_ready"), "upload": tr(f"{labels}_upload")}
    source = st.radio(
        tr(f"{labels}_source"),
        list(sources),
        format_func=sources.__getitem__,
        key=f"{key}-source",
        horizontal=True,
    )
    if source == "ready":
        files = ready()
        if not files:
            return None
        chosen = st.selectbox(tr(f"{labels}_file"), list(files), key=f"{key}-file")
        return f"ready:{chosen}", files[chosen]
    uploads = st.file_uploader(
        tr(f"{labels}_file"),
        type=["yaml", "yml"],
        accept_multiple_files=True,
        key=f"{key}-upload",
        max_upload_size=MAX_UPLOAD_MB,
    )
    if not uploads:
        return None
    data = {f.name: read_upload(f, (".yaml", ".yml")) for f in uploads}
    return "upload:" + digest(*[n.encode() + b for n, b in sorted(data.items())]), data


def digest(*parts: bytes | str) -> str:
    """A short content hash (keys of cached results and widgets)."""
    h = hashlib.sha256()
    for p in parts:
        h.update(p.encode() if isinstance(p, str) else p)
        h.update(b"\0")
    return h.hexdigest()[:16]
