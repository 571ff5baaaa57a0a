"""Self-contained map pages: Leaflet and the icons inlined, nothing loaded from a CDN.

folium links Leaflet, jQuery, Bootstrap, Font Awesome and Leaflet.awesome-markers from CDNs; a
page saved that way shows only its legend without internet. :func:`make_offline` drops those
links and puts into the page the few assets our maps use, shipped in ``routeplanner/_assets``
under their licences (see ``_assets/README.md``):

- Leaflet 1.9.4 (BSD 2-Clause), from the PyPI package ``django-js-lib-leaflet`` 1.9.4.1; the
  layer-control images become data URIs;
- the Font Awesome Free 6.6.0 solid icons the maps use (icons CC BY 4.0), from the PyPI package
  ``fontawesomefree``, as SVG masks behind the same ``fa-solid fa-NAME`` classes, so the maps'
  markup is unchanged and no web font is needed.

Bootstrap and the awesome-markers plugin are not used by our maps (markers are ``DivIcon``
and circle markers) and are left out. Of jQuery, folium's templates use two calls only,
``$(html)[0]`` (a popup's content) and ``$(document).ready(f)``; a ten-line stand-in
(:data:`JQUERY_SHIM`) provides exactly those instead of 87 kB of library. Only the tiles still
come from the internet; :mod:`routeplanner.basemap` draws the region from the project's own data
beneath them.
"""

from __future__ import annotations

import base64
import re
from functools import cache
from importlib import resources
from typing import Any

__all__ = ["ICONS", "JQUERY_SHIM", "asset_text", "make_offline", "offline_head"]

#: What folium's templates need of jQuery: ``$(html)[0]`` parses HTML into elements (inert:
#: scripts in it do not run, as with jQuery), ``$(document).ready(f)`` runs ``f`` once the page
#: is parsed. Defined only where no ``$`` exists.
JQUERY_SHIM = """
if (typeof window.$ === "undefined") {
  window.$ = function (x) {
    if (typeof x === "string") {
      var t = document.createElement("template");
      t.innerHTML = x.trim();
      return Array.prototype.filter.call(t.content.childNodes, function (n) {
        return n.nodeType === 1;
      });
    }
    return {ready: function (f) {
      if (document.readyState !== "loading") { f(); }
      else { document.addEventListener("DOMContentLoaded", f); }
    }};
  };
}
"""

#: Font Awesome solid icons shipped (file names in ``_assets/fontawesome`` without ``.svg``).
ICONS = (
    "bed",
    "bolt",
    "building-columns",
    "bus",
    "calendar-day",
    "city",
    "flag-checkered",
    "industry",
    "location-dot",
    "monument",
    "plane",
    "ship",
    "train",
    "tree",
    "utensils",
)


def asset_text(path: str) -> str:
    """Return a shipped asset (``"leaflet/leaflet.js"``) as text."""
    return resources.files("routeplanner").joinpath("_assets", path).read_text(encoding="utf-8")


def _asset_bytes(path: str) -> bytes:
    return resources.files("routeplanner").joinpath("_assets", path).read_bytes()


def _data_uri(mime: str, data: bytes) -> str:
    return f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}"


def _leaflet_css() -> str:
    css = asset_text("leaflet/leaflet.css")
    for name in ("layers.png", "layers-2x.png"):
        uri = _data_uri("image/png", _asset_bytes(f"leaflet/images/{name}"))
        css = css.replace(f"url(images/{name})", f'url("{uri}")')
    return css


def _icon_css() -> str:
    rules = [
        # the glyph is a mask painted in the text colour, so colour rules apply as to a font
        ".fa-solid{font-style:normal}"
        '.fa-solid::before{content:"";display:inline-block;width:1em;height:1em;'
        "vertical-align:-0.125em;background-color:currentColor;"
        "-webkit-mask:var(--rp-fa) center/contain no-repeat;"
        "mask:var(--rp-fa) center/contain no-repeat}"
    ]
    for name in ICONS:
        svg = asset_text(f"fontawesome/{name}.svg")
        svg = re.sub(r"<!--.*?-->", "", svg)  # the licence is in _assets/fontawesome/LICENSE.txt
        uri = _data_uri("image/svg+xml", svg.encode("utf-8"))
        rules.append(f'.fa-{name}{{--rp-fa:url("{uri}")}}')
    return "\n".join(rules)


@cache
def offline_head() -> str:
    """The ``<head>`` elements that replace folium's CDN links: styles and Leaflet inlined."""
    return (
        "<!-- Leaflet 1.9.4 (c) 2010-2023 Vladimir Agafonkin, (c) 2010-2011 CloudMade,"
        " BSD 2-Clause; icons: Font Awesome Free 6.6.0 by @fontawesome, CC BY 4.0 -->\n"
        f"<style>{_leaflet_css()}</style>\n"
        f"<style>{_icon_css()}</style>\n"
        f"<script>{asset_text('leaflet/leaflet.js')}</script>\n"
        f"<script>{JQUERY_SHIM}</script>\n"
    )


def make_offline(m: Any) -> Any:
    """Make a folium map's page self-contained (in place; returns ``m``).

    The map's CDN links (Leaflet, jQuery, Bootstrap, Font Awesome, awesome-markers) are
    dropped and :func:`offline_head` is put in the page's head instead. Call it once, on a map
    that uses ``DivIcon``/circle markers and the icons in :data:`ICONS`.

    Parameters
    ----------
    m : folium.Map

    Returns
    -------
    folium.Map
    """
    import folium

    m.default_js = []
    m.default_css = []
    m.get_root().header.add_child(folium.Element(offline_head()), name="rp_offline_assets")
    return m
