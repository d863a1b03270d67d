"""The pure helpers of scripts/benchmark.sh (scripts/bench/tools.py): reading wrk's
figures and finding what a browser loads for the map page."""

import importlib.util
import sys
from pathlib import Path

import pytest
from django.conf import settings

TOOLS_PATH = Path(settings.BASE_DIR) / "scripts" / "bench" / "tools.py"
spec = importlib.util.spec_from_file_location("kompas_bench_tools", TOOLS_PATH)
assert spec and spec.loader
tools = importlib.util.module_from_spec(spec)
# dataclasses look their module up in sys.modules.
sys.modules[spec.name] = tools
spec.loader.exec_module(tools)

WRK_OUTPUT = """Running 20s test @ http://127.0.0.1:8000/kaart/
  2 threads and 20 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency   812.00ms  120.00ms   1.20s    70.00%
  448 requests in 20.02s, 18.30MB read
Requests/sec:     22.38
Transfer/sec:    936.00KB
KOMPAS_WRK requests=448 duration_us=20020000 bytes=19189000 connect=0 read=1 write=0 \
status=3 timeout=2 p50_us=809000 p95_us=903500 p99_us=915000 max_us=1200000
"""


def test_parse_wrk_reads_the_line_of_the_lua_script():
    run = tools.parse_wrk(WRK_OUTPUT)

    assert run.requests == 448
    assert run.seconds == pytest.approx(20.02)
    assert run.per_second == pytest.approx(22.378, abs=0.001)
    assert run.p50_ms == pytest.approx(809.0)
    assert run.p95_ms == pytest.approx(903.5)
    assert run.p99_ms == pytest.approx(915.0)
    assert run.max_ms == pytest.approx(1200.0)
    # Connection errors and time-outs apart from answers with a bad status.
    assert run.errors == 3
    assert run.bad_status == 3


def test_parse_wrk_without_the_line_is_an_error():
    with pytest.raises(ValueError, match="KOMPAS_WRK"):
        tools.parse_wrk("unable to connect to 127.0.0.1:8000 Connection refused\n")


MAP_PAGE = """<!doctype html><html><head>
<link rel="stylesheet" href="/static/css/kompas.abc.css">
<link rel="icon" href="/static/img/logo.svg">
<link rel="preload" as="script" href="/static/js/early.js">
<link rel="alternate" href="/verhalen/feed/">
<link rel="stylesheet" href="/static/css/kompas.abc.css">
<script src="/static/js/map.js" defer></script>
</head><body>
<img src="data:image/gif;base64,R0lGOD" alt="">
<img src="../static/img/photo.jpg" alt="">
<div data-kompas-map data-layers="/kaart/lagen/kernen.geojson"
     data-lines="" data-points="/kaart/lagen/initiatieven.geojson?kern=zuidwolde"
     data-jewels="/kaart/lagen/kroonjuwelen.geojson" data-tiles="https://tiles.example/{z}">
</div>
<div data-layers="/not/a/map.geojson"></div>
<script src="https://elsewhere.example/x.js"></script>
</body></html>"""


def test_page_resources_names_what_a_browser_loads_once_each():
    found = tools.page_resources(MAP_PAGE, "http://127.0.0.1:8000/kaart/")

    origin = "http://127.0.0.1:8000"
    assert found == [
        ("css", f"{origin}/static/css/kompas.abc.css"),
        ("icon", f"{origin}/static/img/logo.svg"),
        ("js", f"{origin}/static/js/early.js"),
        ("js", f"{origin}/static/js/map.js"),
        ("image", f"{origin}/static/img/photo.jpg"),
        ("geojson", f"{origin}/kaart/lagen/kernen.geojson"),
        ("geojson", f"{origin}/kaart/lagen/initiatieven.geojson?kern=zuidwolde"),
        ("geojson", f"{origin}/kaart/lagen/kroonjuwelen.geojson"),
        ("js", "https://elsewhere.example/x.js"),
    ]
    assert tools.same_origin(found[0][1], origin)
    assert not tools.same_origin(found[-1][1], origin)


def test_css_urls_resolves_against_the_stylesheet_without_data_or_fragments():
    css = """
    .a { background: url(images/layers.png); }
    .b { background: url("images/layers-2x.png") }
    .c { background-image: url('data:image/svg+xml;utf8,<svg/>'); }
    .d { filter: url(#shadow); }
    @font-face { src: url(../fonts/x.woff2#iefix) format("woff2"); }
    .e { background: url( images/layers.png ); }
    """
    base = "http://127.0.0.1:8000/static/leaflet/leaflet.css"

    assert tools.css_urls(css, base) == [
        "http://127.0.0.1:8000/static/leaflet/images/layers.png",
        "http://127.0.0.1:8000/static/leaflet/images/layers-2x.png",
        "http://127.0.0.1:8000/static/fonts/x.woff2",
    ]


def test_percentile_and_verdict():
    values = [float(number) for number in range(1, 101)]

    assert tools.percentile(values, 0.5) == 51.0
    assert tools.percentile(values, 0.95) == 95.0
    assert tools.percentile([7.0], 0.95) == 7.0
    assert tools.verdict(True) == "met"
    assert tools.verdict(False) == "NOT MET"


def test_markdown_table_pads_columns():
    table = tools.markdown_table(["page", "ms"], [["/kaart/", "809"], ["home", "12"]])

    assert table.splitlines() == [
        "| page    | ms  |",
        "|---------|-----|",
        "| /kaart/ | 809 |",
        "| home    | 12  |",
    ]
