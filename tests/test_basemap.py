"""The offline basemap: water from Natural Earth, roads and towns from the network data."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import folium

from routeplanner.basemap import add_basemap, basemap_features


def test_basemap_has_water_roads_and_towns() -> None:
    feats = basemap_features()
    kinds = {f["properties"]["kind"] for f in feats}
    assert kinds == {"lake", "river", "road", "town"}
    baikal = [f for f in feats if f["properties"].get("name_en") == "Lake Baikal"]
    assert len(baikal) == 1 and baikal[0]["geometry"]["type"] == "Polygon"
    towns = {f["properties"]["name_ru"] for f in feats if f["properties"]["kind"] == "town"}
    assert {"Иркутск", "Ангарск", "Усть-Кут"} <= towns


def test_a_data_folder_without_basemap_draws_roads_only(data_copy: Path) -> None:
    (data_copy / "basemap.geojson").unlink()
    kinds = {f["properties"]["kind"] for f in basemap_features(data_copy)}
    assert kinds == {"road", "town"}
    shutil.rmtree(data_copy / "network")
    assert basemap_features(data_copy) == []


def test_layer_sits_under_the_tiles_and_escapes_names(data_copy: Path) -> None:
    path = data_copy / "basemap.geojson"
    water = json.loads(path.read_text(encoding="utf-8"))
    water["features"][0]["properties"]["name_ru"] = "</script><script>alert(1)</script>"
    path.write_text(json.dumps(water, ensure_ascii=False), encoding="utf-8")
    m = add_basemap(folium.Map(tiles=None), data_dir=data_copy)
    page = m.get_root().render()
    assert "pane.style.zIndex = 150" in page  # tiles are at 200: they cover the basemap
    assert "</script><script>alert(1)" not in page and "<\\/script>" in page
