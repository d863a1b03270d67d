"""Pure helpers of scripts/bench/server_bench.py: no Django, no network, so that
tests/demo/test_benchmark_tools.py can check them on their own.

- parse_wrk: the figures of one wrk run, from the line scripts/bench/wrk_report.lua adds;
- PageResources: what a browser fetches for a page on its first visit (stylesheets,
  scripts, icons and images of the HTML, and the GeoJSON layers named in the data-*
  attributes of the map element);
- css_urls: the files a stylesheet points at with url(...);
- percentile and markdown_table, for the report.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

# The data-* attributes of templates/components/map.html that name layer URLs, each a
# space-separated list.
MAP_LAYER_ATTRIBUTES = ("data-layers", "data-lines", "data-points", "data-jewels")
# <link rel=...> values a browser fetches while loading a page.
FETCHED_LINK_RELS = {
    "stylesheet",
    "icon",
    "shortcut",
    "apple-touch-icon",
    "preload",
    "modulepreload",
    "manifest",
}


@dataclass(frozen=True)
class WrkRun:
    """One wrk run: requests answered, how long it ran, errors, and latencies in ms."""

    requests: int
    seconds: float
    errors: int
    bad_status: int
    p50_ms: float
    p95_ms: float
    p99_ms: float
    max_ms: float

    @property
    def per_second(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0


_WRK_LINE = re.compile(r"^KOMPAS_WRK (.*)$", re.MULTILINE)


def parse_wrk(output: str) -> WrkRun:
    """The figures of a wrk run from its output; ValueError when the line of
    wrk_report.lua is missing (wrk failed, or ran without the script)."""
    found = _WRK_LINE.search(output)
    if not found:
        raise ValueError("no KOMPAS_WRK line in the output of wrk")
    fields = dict(pair.split("=", 1) for pair in found.group(1).split())
    number = {key: int(value) for key, value in fields.items()}
    return WrkRun(
        requests=number["requests"],
        seconds=number["duration_us"] / 1_000_000,
        errors=number["connect"] + number["read"] + number["write"] + number["timeout"],
        bad_status=number["status"],
        p50_ms=number["p50_us"] / 1000,
        p95_ms=number["p95_us"] / 1000,
        p99_ms=number["p99_us"] / 1000,
        max_ms=number["max_us"] / 1000,
    )


class PageResources(HTMLParser):
    """The URLs a browser loads for a page, by kind ("css", "js", "icon", "image",
    "geojson"), in the order of the HTML, each once; resolved against ``page_url``."""

    def __init__(self, page_url: str):
        super().__init__(convert_charrefs=True)
        self.page_url = page_url
        self.found: list[tuple[str, str]] = []

    def _add(self, kind: str, url: str | None) -> None:
        if not url or url.startswith("data:"):
            return
        absolute = urljoin(self.page_url, url)
        if all(absolute != seen for _kind, seen in self.found):
            self.found.append((kind, absolute))

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "link":
            rels = set((attributes.get("rel") or "").lower().split())
            if rels & FETCHED_LINK_RELS:
                kind = "icon"
                if "stylesheet" in rels:
                    kind = "css"
                elif "modulepreload" in rels:
                    kind = "js"
                if "preload" in rels:
                    kind = {"style": "css", "script": "js"}.get(attributes.get("as"), "other")
                self._add(kind, attributes.get("href"))
        elif tag == "script":
            self._add("js", attributes.get("src"))
        elif tag == "img":
            self._add("image", attributes.get("src"))
        if "data-kompas-map" in attributes:
            for name in MAP_LAYER_ATTRIBUTES:
                for url in (attributes.get(name) or "").split():
                    self._add("geojson", url)


def page_resources(html: str, page_url: str) -> list[tuple[str, str]]:
    """(kind, absolute URL) of each resource the page loads on a first visit."""
    parser = PageResources(page_url)
    parser.feed(html)
    parser.close()
    return parser.found


_CSS_URL = re.compile(r"""url\(\s*(['"]?)([^'")]+)\1\s*\)""")


def css_urls(css: str, css_url: str) -> list[str]:
    """The absolute URLs of the files a stylesheet refers to with url(...), each once;
    without data: URIs and fragment-only references (SVG filters)."""
    found = []
    for match in _CSS_URL.finditer(css):
        reference = match.group(2).strip()
        if reference.startswith(("data:", "#")):
            continue
        absolute = urljoin(css_url, reference)
        absolute = absolute.split("#", 1)[0]
        if absolute not in found:
            found.append(absolute)
    return found


def same_origin(url: str, origin: str) -> bool:
    """Whether ``url`` is on ``origin`` (scheme://host:port): the benchmark fetches
    nothing from elsewhere (map tiles are off)."""
    parts, home = urlsplit(url), urlsplit(origin)
    return (parts.scheme, parts.netloc) == (home.scheme, home.netloc)


def percentile(values: list[float], fraction: float) -> float:
    """The value below which ``fraction`` of ``values`` lie (nearest rank)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def markdown_table(header: list[str], rows: list[list[str]]) -> str:
    """A Markdown table, columns padded so that it also reads as plain text."""
    widths = [max(len(str(row[i])) for row in [header, *rows]) for i in range(len(header))]

    def line(cells):
        return "| " + " | ".join(str(cell).ljust(widths[i]) for i, cell in enumerate(cells)) + " |"

    rule = "|" + "|".join("-" * (width + 2) for width in widths) + "|"
    return "\n".join([line(header), rule, *(line(row) for row in rows)])


def verdict(met: bool) -> str:
    return "met" if met else "NOT MET"
