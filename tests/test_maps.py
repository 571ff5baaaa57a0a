"""Maps: a layer per day, a marker per stop, legs along network paths, escaped text."""

from __future__ import annotations

import folium

from builders import EVIL, EVIL_EN
from routeplanner.catalog import Catalog
from routeplanner.maps import catalog_map, itinerary_map
from routeplanner.places import esc
from routeplanner.result import Itinerary


def groups(m: folium.Map) -> list[folium.FeatureGroup]:
    return [c for c in m._children.values() if isinstance(c, folium.FeatureGroup)]


def markers(g: folium.FeatureGroup) -> list[folium.Marker]:
    return [c for c in g._children.values() if type(c) is folium.Marker]


def lines(g: folium.FeatureGroup) -> list[folium.PolyLine]:
    return [c for c in g._children.values() if isinstance(c, folium.PolyLine)]


def test_one_layer_per_day_with_a_marker_per_stop(itinerary: Itinerary, cat: Catalog) -> None:
    m = itinerary_map(itinerary, cat, lang="ru")
    days = [g for g in groups(m) if g.layer_name.startswith("День")]
    assert len(days) == len(itinerary.days)
    for g, day in zip(days, itinerary.days, strict=True):
        assert day.date.strftime("%d.%m.%Y") in g.layer_name
        assert len(markers(g)) == len(day.stops)
        # numbered markers: the day's order, with the category icon
        for k, (mk, s) in enumerate(zip(markers(g), day.stops, strict=True), 1):
            icon = mk._children[next(n for n in mk._children if n.startswith("div_icon"))]
            assert f">{k}<i" in icon.options["html"]
            assert "fa-" in icon.options["html"]
            assert (mk.location[0], mk.location[1]) == (s.lat, s.lon)


def test_legs_follow_the_network_geometry(itinerary: Itinerary, cat: Catalog) -> None:
    m = itinerary_map(itinerary, cat)
    day1 = groups(m)[0]
    got = [[tuple(p) for p in line.locations] for line in lines(day1)]
    want = [[tuple(p) for p in leg.geometry] for leg in itinerary.days[0].legs]
    assert got == want and all(len(x) > 2 for x in got)


def test_lodging_legend_control_and_bounds(itinerary: Itinerary, cat: Catalog) -> None:
    m = itinerary_map(itinerary, cat, lang="ru")
    html = m.get_root().render()
    base = [g for g in groups(m) if g.layer_name == "Ночлег и пункты отправления"]
    assert len(base) == 1 and len(markers(base[0])) == 1  # one hotel: start, nights and end
    assert "fa-bed" in html and 'class="rp-legend"' in html
    assert "L.control.layers" in html and "fitBounds" in html
    assert "Гостиница «Иркут»" in html


def test_popups_show_day_time_length_and_rules(itinerary: Itinerary, cat: Catalog) -> None:
    html = itinerary_map(itinerary, cat, lang="ru").get_root().render()
    assert "вторник, 15 июня 2027" in html and "10:00–11:30" in html and "90 мин" in html
    assert "Запись заранее" in html and "Часы работы" in html
    en = itinerary_map(itinerary, cat, lang="en").get_root().render()
    assert "Tuesday, 15 June 2027" in en and "Book ahead" in en
    assert cat.sites["irkutsk_hpp"].name_en in en


def test_text_from_data_stays_text(itinerary: Itinerary, cat: Catalog) -> None:
    for lang in ("ru", "en"):
        html = itinerary_map(itinerary, cat, lang=lang).get_root().render()
        assert EVIL not in html and "alert(1)</script>" not in html
        assert "<b>bold</b>" not in html and "${alert(2)}" not in html and "`${" not in html
        shown = esc(EVIL) if lang == "ru" else esc(EVIL_EN)
        assert shown in html  # the name is there, as text
        assert "<i>town</i>" not in html and "closed <script>" not in html
    assert esc(EVIL_EN) == "&#96;&#36;{alert(2)}&#96; &lt;b&gt;bold&lt;/b&gt; &#92;u0041"


def test_map_from_a_saved_plan_without_catalog(itinerary: Itinerary) -> None:
    back = Itinerary.from_json(itinerary.to_json())
    m = itinerary_map(back, None, lang="en")
    html = m.get_root().render()
    assert sum(len(markers(g)) for g in groups(m)[:2]) == len(back.stops)
    assert EVIL not in html


def test_catalog_map_every_site_by_category_with_score(cat: Catalog) -> None:
    m = catalog_map(cat, lang="en")
    by_cat = {c.value for c in (s.category for s in cat.sites.values())}
    site_groups = groups(m)[: len(by_cat)]
    assert sum(len(markers(g)) for g in site_groups) == len(cat.sites)
    html = m.get_root().render()
    hpp = cat.sites["irkutsk_hpp"]
    assert f"{hpp.score:.1f}" in html and hpp.name_en in html
    assert EVIL not in html and "${alert(2)}" not in html
    ru = catalog_map(cat, lang="ru").get_root().render()
    assert "промышленность" in ru
