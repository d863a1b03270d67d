"""manage.py import_kernen: boundary files in, kernen created or updated, clear errors."""

import json
import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from places.models import Kern, KernKind
from tests.factories import KernFactory
from tests.factories import square as kern_square

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("in_english")]

# Amersfoort, the origin of RD New, and the same spot in EPSG:4326.
AMERSFOORT_RD = (155_000, 463_000)
AMERSFOORT_LONLAT = (5.3872, 52.1552)


def square(x: float, y: float, size: float) -> list:
    return [[[x, y], [x + size, y], [x + size, y + size], [x, y + size], [x, y]]]


def feature(properties: dict, geometry: dict | None) -> dict:
    return {"type": "Feature", "properties": properties, "geometry": geometry}


def polygon(x: float, y: float, size: float = 0.01) -> dict:
    return {"type": "Polygon", "coordinates": square(x, y, size)}


def write_geojson(path: Path, features: list[dict], epsg: int | None = None) -> Path:
    collection: dict[str, object] = {"type": "FeatureCollection", "features": features}
    if epsg:
        collection["crs"] = {
            "type": "name",
            "properties": {"name": f"urn:ogc:def:crs:EPSG::{epsg}"},
        }
    path.write_text(json.dumps(collection), encoding="utf-8")
    return path


def rd_file(tmp_path: Path) -> Path:
    """Two 1 km squares in RD New, the first with its corner on Amersfoort."""
    x, y = AMERSFOORT_RD
    return write_geojson(
        tmp_path / "rd.geojson",
        [
            feature({"naam": "Eemdorp", "code": "WK030701"}, polygon(x, y, 1000)),
            feature({"naam": "Hoogland", "code": "WK030702"}, polygon(x + 1000, y, 1000)),
        ],
        epsg=28992,
    )


def ogr2ogr(*args: str) -> None:
    subprocess.run(["ogr2ogr", *args], check=True, capture_output=True)


def import_kernen(*args: str) -> str:
    out = StringIO()
    call_command("import_kernen", *map(str, args), stdout=out, stderr=StringIO())
    return out.getvalue()


def assert_near_amersfoort(kern: Kern) -> None:
    assert kern.boundary
    min_lon, min_lat, _max_lon, _max_lat = kern.boundary.extent
    assert min_lon == pytest.approx(AMERSFOORT_LONLAT[0], abs=1e-4)
    assert min_lat == pytest.approx(AMERSFOORT_LONLAT[1], abs=1e-4)


def test_imports_a_geojson_in_wgs84(tmp_path):
    path = write_geojson(
        tmp_path / "kernen.geojson",
        [
            feature({"naam": "Holtwolde"}, polygon(6.50, 52.80)),
            feature(
                {"naam": "Brunsveen"},
                {
                    "type": "MultiPolygon",
                    "coordinates": [square(6.60, 52.80, 0.01), square(6.62, 52.80, 0.01)],
                },
            ),
        ],
    )

    output = import_kernen(path, "--name-field", "naam")

    holtwolde, brunsveen = Kern.objects.get(name="Holtwolde"), Kern.objects.get(name="Brunsveen")
    assert holtwolde.slug == "holtwolde"
    assert holtwolde.kind == KernKind.VILLAGE
    assert holtwolde.boundary.geom_type == "MultiPolygon"
    assert holtwolde.boundary.srid == 4326
    assert holtwolde.boundary.extent == pytest.approx((6.50, 52.80, 6.51, 52.81))
    assert holtwolde.boundary.contains(holtwolde.centre)
    assert len(brunsveen.boundary) == 2
    assert brunsveen.boundary.intersects(brunsveen.centre)
    assert "Created Holtwolde (/kernen/holtwolde/)" in output
    assert "2 places created, 0 updated, 0 unchanged, 0 skipped" in output


def test_kind_option_sets_the_kind(tmp_path):
    path = write_geojson(tmp_path / "wijken.geojson", [feature({"n": "Oost"}, polygon(6.5, 52.8))])

    import_kernen(path, "--name-field", "n", "--kind", "wijk")

    assert Kern.objects.get(name="Oost").kind == KernKind.DISTRICT


def test_imports_a_geojson_in_rd_new(tmp_path):
    import_kernen(rd_file(tmp_path), "--name-field", "naam", "--code-field", "code")

    eemdorp = Kern.objects.get(cbs_code="WK030701")
    assert eemdorp.name == "Eemdorp"
    assert eemdorp.boundary.srid == 4326
    assert_near_amersfoort(eemdorp)
    # A kilometre is about 0.0147 degrees of longitude and 0.009 of latitude here.
    min_lon, min_lat, max_lon, max_lat = eemdorp.boundary.extent
    assert max_lon - min_lon == pytest.approx(0.0147, abs=5e-4)
    assert max_lat - min_lat == pytest.approx(0.0090, abs=5e-4)


def test_imports_a_geopackage_in_rd_new(tmp_path):
    geopackage = tmp_path / "kernen.gpkg"
    ogr2ogr("-f", "GPKG", str(geopackage), str(rd_file(tmp_path)), "-nln", "wijken")

    output = import_kernen(geopackage, "--name-field", "naam", "--code-field", "code")

    assert Kern.objects.count() == 2
    assert_near_amersfoort(Kern.objects.get(name="Eemdorp"))
    assert "2 places created" in output


def test_a_shapefile_without_coordinate_system_in_rd_range_is_read_as_rd_new(tmp_path):
    shapefile = tmp_path / "kernen.shp"
    ogr2ogr("-f", "ESRI Shapefile", str(shapefile), str(rd_file(tmp_path)))
    shapefile.with_suffix(".prj").unlink()

    output = import_kernen(shapefile, "--name-field", "naam")

    assert_near_amersfoort(Kern.objects.get(name="Eemdorp"))
    assert "kernen.shp states no coordinate system; its coordinates look like EPSG:28992" in output


def test_a_second_import_updates_by_name(tmp_path):
    first = write_geojson(
        tmp_path / "a.geojson", [feature({"naam": "Holtwolde"}, polygon(6.5, 52.8))]
    )
    import_kernen(first, "--name-field", "naam")
    original = Kern.objects.get(name="Holtwolde")
    second = write_geojson(
        tmp_path / "b.geojson",
        [
            feature({"naam": "Holtwolde"}, polygon(6.5, 52.8, size=0.02)),
            feature({"naam": "Witteloo"}, polygon(6.6, 52.8)),
        ],
    )

    output = import_kernen(second, "--name-field", "naam")

    updated = Kern.objects.get(name="Holtwolde")
    assert updated.pk == original.pk
    assert updated.slug == original.slug
    assert updated.boundary.extent == pytest.approx((6.5, 52.8, 6.52, 52.82))
    assert updated.boundary.contains(updated.centre)
    assert Kern.objects.count() == 2
    assert "Updated Holtwolde: boundary, centre" in output
    assert "1 place created, 1 updated, 0 unchanged, 0 skipped" in output


def test_the_same_file_twice_changes_nothing(tmp_path):
    path = rd_file(tmp_path)
    import_kernen(path, "--name-field", "naam", "--code-field", "code")
    history = Kern.history.count()

    output = import_kernen(path, "--name-field", "naam", "--code-field", "code")

    assert "Unchanged Eemdorp" in output
    assert "0 places created, 0 updated, 2 unchanged, 0 skipped" in output
    assert Kern.history.count() == history


def test_the_same_boundaries_as_a_shapefile_change_nothing(tmp_path):
    """A Shapefile turns rings the other way round; that is not a new boundary."""
    path = write_geojson(tmp_path / "kernen.geojson", [feature({"naam": "Z"}, polygon(6.5, 52.8))])
    shapefile = tmp_path / "kernen.shp"
    ogr2ogr("-f", "ESRI Shapefile", str(shapefile), str(path))
    import_kernen(path, "--name-field", "naam")

    output = import_kernen(shapefile, "--name-field", "naam")

    assert "Unchanged Z" in output


def test_a_second_import_updates_by_code_and_keeps_the_address(tmp_path):
    first = write_geojson(
        tmp_path / "a.geojson", [feature({"naam": "Oud Veen", "code": "BU1"}, polygon(6.5, 52.8))]
    )
    import_kernen(first, "--name-field", "naam", "--code-field", "code")
    second = write_geojson(
        tmp_path / "b.geojson", [feature({"naam": "Nieuw Veen", "code": "BU1"}, polygon(6.5, 52.8))]
    )

    output = import_kernen(second, "--name-field", "naam", "--code-field", "code")

    kern = Kern.objects.get()
    assert (kern.name, kern.cbs_code, kern.slug) == ("Nieuw Veen", "BU1", "oud-veen")
    assert "Updated Nieuw Veen: name" in output
    assert kern.history.first().history_change_reason == "import_kernen b.geojson"


def test_an_existing_kern_without_code_gets_the_code_of_its_name(tmp_path):
    first = write_geojson(
        tmp_path / "a.geojson", [feature({"naam": "Esserhorst"}, polygon(6.5, 52.8))]
    )
    import_kernen(first, "--name-field", "naam")
    second = write_geojson(
        tmp_path / "b.geojson", [feature({"naam": "Esserhorst", "code": "BU7"}, polygon(6.5, 52.8))]
    )

    import_kernen(second, "--name-field", "naam", "--code-field", "code")

    assert Kern.objects.get().cbs_code == "BU7"


def test_a_name_held_by_a_kern_with_another_code_is_skipped(tmp_path):
    path = write_geojson(
        tmp_path / "buurten.geojson",
        [
            feature({"naam": "Buitengebied", "code": "BU1"}, polygon(6.5, 52.8)),
            feature({"naam": "Buitengebied", "code": "BU2"}, polygon(6.6, 52.8)),
        ],
    )

    output = import_kernen(path, "--name-field", "naam", "--code-field", "code")

    assert Kern.objects.get().cbs_code == "BU1"
    assert "Skipped Buitengebied: the place of that name has another CBS code (BU1)" in output
    assert "1 place created, 0 updated, 0 unchanged, 1 skipped" in output


def test_features_without_name_or_boundary_are_skipped(tmp_path):
    path = write_geojson(
        tmp_path / "kernen.geojson",
        [
            feature({"naam": ""}, polygon(6.5, 52.8)),
            feature({"naam": "Zonder grens"}, None),
            feature({"naam": "Aalderveen"}, polygon(6.6, 52.8)),
        ],
    )

    output = import_kernen(path, "--name-field", "naam")

    assert list(Kern.objects.values_list("name", flat=True)) == ["Aalderveen"]
    assert "Skipped feature 0: it has no name" in output
    assert "Skipped Zonder grens: it has no boundary" in output
    assert "1 place created, 0 updated, 0 unchanged, 2 skipped" in output


def test_a_self_intersecting_boundary_is_repaired(tmp_path):
    bow_tie = [[[6.5, 52.8], [6.52, 52.82], [6.52, 52.8], [6.5, 52.82], [6.5, 52.8]]]
    path = write_geojson(
        tmp_path / "strik.geojson",
        [feature({"naam": "Strik"}, {"type": "Polygon", "coordinates": bow_tie})],
    )

    import_kernen(path, "--name-field", "naam")

    kern = Kern.objects.get()
    assert kern.boundary.valid
    assert kern.boundary.area == pytest.approx(0.0002)


def assert_one_line_error(error: pytest.ExceptionInfo, *fragments: str) -> None:
    message = str(error.value)
    assert "\n" not in message
    for fragment in fragments:
        assert fragment in message


def test_a_broken_file_is_one_clear_error(tmp_path):
    path = tmp_path / "kapot.geojson"
    path.write_text('{"type": "FeatureCollection", "features": [{"type": "Feat', encoding="utf-8")

    with pytest.raises(CommandError) as error:
        import_kernen(path, "--name-field", "naam")

    assert_one_line_error(error, "Cannot read kapot.geojson")


def test_a_file_that_is_not_geodata_is_one_clear_error(tmp_path):
    path = tmp_path / "kernen.gpkg"
    path.write_bytes(b"\x00\x01 dit is geen GeoPackage")

    with pytest.raises(CommandError) as error:
        import_kernen(path, "--name-field", "naam")

    assert_one_line_error(error, "Cannot read kernen.gpkg", "GeoJSON, GeoPackage or Shapefile")


def test_a_missing_file_is_one_clear_error(tmp_path):
    with pytest.raises(CommandError) as error:
        import_kernen(tmp_path / "nergens.geojson", "--name-field", "naam")

    assert_one_line_error(error, "File not found", "nergens.geojson")


def test_a_missing_name_field_names_the_fields_there_are(tmp_path):
    with pytest.raises(CommandError) as error:
        import_kernen(rd_file(tmp_path), "--name-field", "buurtnaam")

    assert_one_line_error(error, "rd.geojson has no field buurtnaam; its fields are naam, code.")


def test_a_missing_code_field_is_an_error(tmp_path):
    with pytest.raises(CommandError) as error:
        import_kernen(rd_file(tmp_path), "--name-field", "naam", "--code-field", "buurtcode")

    assert_one_line_error(error, "has no field buurtcode")


def test_field_names_match_regardless_of_case(tmp_path):
    import_kernen(rd_file(tmp_path), "--name-field", "NAAM", "--code-field", "Code")

    assert Kern.objects.filter(cbs_code="WK030701", name="Eemdorp").exists()


def test_an_unsupported_geometry_is_an_error_and_imports_nothing(tmp_path):
    path = write_geojson(
        tmp_path / "wegen.geojson",
        [
            feature({"naam": "Goed"}, polygon(6.5, 52.8)),
            feature(
                {"naam": "Dorpsstraat"},
                {"type": "LineString", "coordinates": [[6.5, 52.8], [6.6, 52.9]]},
            ),
        ],
    )

    with pytest.raises(CommandError) as error:
        import_kernen(path, "--name-field", "naam")

    assert_one_line_error(error, "Dorpsstraat", "LineString", "Polygon and MultiPolygon")
    assert not Kern.objects.exists()


def test_coordinates_that_fit_no_known_system_are_refused(tmp_path):
    shapefile = tmp_path / "vreemd.shp"
    source = write_geojson(
        tmp_path / "vreemd.geojson",
        [feature({"naam": "Ver weg"}, polygon(5_000_000, 5_000_000, 1000))],
        epsg=3857,
    )
    ogr2ogr("-f", "ESRI Shapefile", str(shapefile), str(source))
    shapefile.with_suffix(".prj").unlink()

    with pytest.raises(CommandError) as error:
        import_kernen(shapefile, "--name-field", "naam")

    assert_one_line_error(error, "states no coordinate system")


def test_a_file_with_several_layers_asks_for_one(tmp_path):
    geopackage = tmp_path / "cbs.gpkg"
    ogr2ogr("-f", "GPKG", str(geopackage), str(rd_file(tmp_path)), "-nln", "wijken")
    ogr2ogr("-update", str(geopackage), str(rd_file(tmp_path)), "-nln", "buurten")

    with pytest.raises(CommandError) as error:
        import_kernen(geopackage, "--name-field", "naam")
    assert_one_line_error(error, "several layers (wijken, buurten)", "--layer")

    import_kernen(geopackage, "--name-field", "naam", "--layer", "buurten")
    assert Kern.objects.count() == 2


def test_the_command_line_prints_one_line_and_exits_with_1(tmp_path):
    """What a person at the terminal sees: no traceback, no GDAL noise."""
    path = tmp_path / "kapot.geojson"
    path.write_text("{", encoding="utf-8")

    result = subprocess.run(
        [sys.executable, "manage.py", "import_kernen", str(path), "--name-field", "naam"],
        cwd=settings.BASE_DIR,
        env=os.environ.copy(),
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("CommandError: ")
    assert "kapot.geojson" in lines[0]


# --- Boundaries that overlap other places -----------------------------------------------


def import_kernen_with_errors(*args: str) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("import_kernen", *map(str, args), stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.fixture
def holtwolde():
    """An existing village of 0.02 by 0.02 degrees, about 300 ha."""
    return KernFactory(name="Holtwolde", slug="holtwolde", boundary=kern_square(6.50, 52.80))


def test_a_boundary_over_an_existing_place_is_refused_and_named(tmp_path, holtwolde):
    # Half of it lies over Holtwolde.
    path = write_geojson(
        tmp_path / "kernen.geojson", [feature({"naam": "Aldeburen"}, polygon(6.51, 52.80, 0.02))]
    )
    err = StringIO()

    with pytest.raises(CommandError) as error:
        call_command("import_kernen", path, "--name-field", "naam", stdout=StringIO(), stderr=err)

    assert "--allow-overlap" in str(error.value)
    assert "Aldeburen overlaps Holtwolde by about 150 ha (50% of Holtwolde)" in err.getvalue()
    assert not Kern.objects.filter(name="Aldeburen").exists()


def test_allow_overlap_imports_it_and_still_says_so(tmp_path, holtwolde):
    path = write_geojson(
        tmp_path / "kernen.geojson", [feature({"naam": "Aldeburen"}, polygon(6.51, 52.80, 0.02))]
    )

    output = import_kernen(path, "--name-field", "naam", "--allow-overlap")

    assert Kern.objects.filter(name="Aldeburen").exists()
    assert "Aldeburen overlaps Holtwolde by about 150 ha (50% of Holtwolde)" in output


def test_places_of_one_file_that_overlap_each_other_are_refused(tmp_path):
    path = write_geojson(
        tmp_path / "kernen.geojson",
        [
            feature({"naam": "Oost"}, polygon(6.50, 52.80, 0.02)),
            feature({"naam": "West"}, polygon(6.519, 52.80, 0.02)),
        ],
    )

    with pytest.raises(CommandError):
        import_kernen_with_errors(path, "--name-field", "naam")

    assert not Kern.objects.exists()


def test_a_moved_boundary_over_a_neighbour_is_refused(tmp_path, holtwolde):
    KernFactory(name="Brunsveen", boundary=kern_square(6.53, 52.80))
    path = write_geojson(
        tmp_path / "kernen.geojson", [feature({"naam": "Brunsveen"}, polygon(6.51, 52.80, 0.02))]
    )

    with pytest.raises(CommandError):
        import_kernen_with_errors(path, "--name-field", "naam")

    assert Kern.objects.get(name="Brunsveen").boundary.extent[0] == pytest.approx(6.53)


@pytest.mark.parametrize(
    "west",
    [
        6.52,  # a shared edge
        6.52 - 1e-9,  # the same edge, with a floating-point sliver
        6.52 - 1e-5,  # about 70 cm over the edge, as two surveys differ
    ],
)
def test_neighbours_that_share_an_edge_are_no_overlap(tmp_path, holtwolde, west):
    path = write_geojson(
        tmp_path / "kernen.geojson", [feature({"naam": "Aldeburen"}, polygon(west, 52.80, 0.02))]
    )

    output, err = import_kernen_with_errors(path, "--name-field", "naam")

    assert "Created Aldeburen" in output
    assert "overlap" not in output + err


def test_a_place_that_keeps_or_moves_its_own_boundary_overlaps_nothing(tmp_path, holtwolde):
    path = write_geojson(
        tmp_path / "kernen.geojson", [feature({"naam": "Holtwolde"}, polygon(6.505, 52.80, 0.02))]
    )

    output, _err = import_kernen_with_errors(path, "--name-field", "naam")

    assert "Updated Holtwolde" in output
