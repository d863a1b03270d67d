"""The site's URLs plus one minimal view, for scripts/benchmark.sh only.

The benchmark compares every page with the cheapest thing Django can answer through the
same middleware: ``minimal_view`` reads nothing and renders nothing. It is not a page of
the site; it exists only when ``KOMPAS_ROOT_URLCONF=kompas.benchmark_urls`` (see
kompas/settings.py and docs/performance.md).
"""

from django.http import HttpResponse
from django.urls import path
from django.views.decorators.http import require_GET

from kompas.urls import urlpatterns as site_urlpatterns

MINIMAL_PATH = "benchmark/minimal/"


@require_GET
def minimal_view(request):
    """A few bytes of plain text: the floor of a Django response on this site."""
    return HttpResponse(b"ok\n", content_type="text/plain; charset=utf-8")


urlpatterns = [path(MINIMAL_PATH, minimal_view, name="benchmark_minimal"), *site_urlpatterns]
