"""A basemap drawn from the project's own data, for maps viewed without internet.

The lakes, reservoirs and main rivers come from ``data/basemap.geojson`` (Natural Earth,
public domain; its provenance is the file's ``source`` member); the roads and towns from the
travel network (``data/network/roads.csv`` and ``nodes.csv``), drawn as the straight segments
the planner routes on. :func:`add_basemap` puts them in a map pane *beneath* the tile pane, so
tiles, when they load, cover it; when they cannot load, the region still shows.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

from .network import road_map
from .settings import default_data_dir

__all__ = ["BASEMAP_FILE", "add_basemap", "basemap_features"]

#: The water features' file in a data folder.
BASEMAP_FILE = "basemap.geojson"

_ATTRIBUTION = "Natural Earth (public domain); roads: routeplanner network data"

_STYLE = """
.leaflet-container{background:#f2efe9}
.rp-town{font:11px/1.1 Arial,sans-serif;color:#444;white-space:nowrap;
  text-shadow:0 0 2px #fff,0 0 2px #fff}
.rp-town::before{content:"";display:inline-block;width:5px;height:5px;border-radius:50%;
  background:#555;margin-right:3px;vertical-align:1px}
"""

# Drawn in a pane under the tiles (Leaflet's tile pane has z-index 200); no clicks.
_SCRIPT = """
  var pane = map.createPane("rp-basemap");
  pane.style.zIndex = 150;
  pane.style.pointerEvents = "none";
  var colours = {federal: "#d9822b", regional: "#c9a24a"};
  L.geoJSON(%(data)s, {
    pane: "rp-basemap",
    interactive: false,
    attribution: %(attribution)s,
    style: function (f) {
      var p = f.properties;
      if (p.kind === "lake") {
        return {color: "#7fb2c4", weight: 1, fillColor: "#aad3df", fillOpacity: 1};
      }
      if (p.kind === "river") { return {color: "#7fb2c4", weight: 1.5}; }
      return {color: colours[p.road_class] || "#9a9a9a",
              weight: p.road_class === "federal" ? 2.5 : 1.5};
    },
    pointToLayer: function (f, latlng) {
      var label = document.createElement("span");
      label.textContent = f.properties.name;
      return L.marker(latlng, {pane: "rp-basemap", interactive: false, keyboard: false,
        icon: L.divIcon({className: "rp-town", html: label, iconSize: null})});
    }
  }).addTo(map);
"""


def _r(x: float) -> float:
    return round(float(x), 4)


def _stamp(root: Path) -> tuple[float, ...]:
    """Modification times of the files read: an edited file is read again."""
    files = (root / BASEMAP_FILE, root / "network" / "nodes.csv", root / "network" / "roads.csv")
    return tuple(f.stat().st_mtime if f.is_file() else -1.0 for f in files)


@lru_cache(maxsize=8)
def _features(root: str, _stamp: tuple[float, ...]) -> tuple[str, ...]:
    path = Path(root)
    out: list[dict[str, Any]] = []
    water = path / BASEMAP_FILE
    if water.is_file():
        for f in json.loads(water.read_text(encoding="utf-8")).get("features", []):
            if f.get("properties", {}).get("kind") in ("lake", "river"):
                out.append(f)
    nodes, roads = road_map(path)
    where = {n["id"]: (_r(n["lon"]), _r(n["lat"])) for n in nodes}
    for r in roads:
        out.append(
            {
                "type": "Feature",
                "properties": {"kind": "road", "road_class": r["road_class"]},
                "geometry": {
                    "type": "LineString",
                    "coordinates": [where[r["from"]], where[r["to"]]],
                },
            }
        )
    for n in nodes:
        if n["kind"] == "town":
            out.append(
                {
                    "type": "Feature",
                    "properties": {
                        "kind": "town",
                        "name_ru": n["name_ru"],
                        "name_en": n["name_en"],
                    },
                    "geometry": {"type": "Point", "coordinates": where[n["id"]]},
                }
            )
    return tuple(json.dumps(f, ensure_ascii=False, separators=(",", ":")) for f in out)


def basemap_features(data_dir: Path | str | None = None) -> list[dict[str, Any]]:
    """The basemap's GeoJSON features: lakes, rivers, road segments and towns.

    Parameters
    ----------
    data_dir : path, optional
        A data folder with ``basemap.geojson`` and ``network/`` (default: the built-in one).
        Missing parts are left out.

    Returns
    -------
    list of dict
        Features with ``properties.kind`` one of ``lake``, ``river``, ``road`` (with
        ``road_class``) and ``town`` (with ``name_ru``, ``name_en``).
    """
    root = Path(data_dir) if data_dir is not None else default_data_dir()
    root = root.resolve()
    return [json.loads(f) for f in _features(str(root), _stamp(root))]


def add_basemap(m: Any, *, lang: str = "ru", data_dir: Path | str | None = None) -> Any:
    """Draw the basemap beneath the tiles of folium map ``m`` (in place; returns ``m``).

    Parameters
    ----------
    m : folium.Map
    lang : {"ru", "en"}
        Language of the town names.
    data_dir : path, optional
        See :func:`basemap_features`.
    """
    import folium
    from branca.element import MacroElement
    from jinja2 import Template

    feats = basemap_features(data_dir)
    for f in feats:
        p = f["properties"]
        if p["kind"] == "town":
            p["name"] = p["name_en"] if lang == "en" else p["name_ru"]
    data = json.dumps(
        {"type": "FeatureCollection", "features": feats},
        ensure_ascii=False,
        separators=(",", ":"),
    ).replace("</", "<\\/")  # inside a <script>: no '</script>' from a name

    class _Basemap(MacroElement):  # type: ignore[misc]
        _template = Template(
            "{% macro script(this, kwargs) %}(function () {\n"
            "  var map = {{ this._parent.get_name() }};{{ this.body }}})();\n{% endmacro %}"
        )

    layer = _Basemap()
    layer.body = _SCRIPT % {"data": data, "attribution": json.dumps(_ATTRIBUTION)}
    m.get_root().header.add_child(folium.Element(f"<style>{_STYLE}</style>"), name="rp_basemap_css")
    m.add_child(layer, name="rp_basemap")
    return m
