"""Open data for everyone: a page that explains what there is, and the downloads.

The downloads are the same for every visitor (built from what anyone may see), so each
answers with an ETag and a Last-Modified from the version of the public data, 304 on a
repeat visit, and may be kept by a shared cache. The files themselves come from the
cache of ``insight.open_data``: built once per version of the data.
"""

from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_safe

from insight import open_data as downloads
from kompas.conditional import conditional_response, etag

# The file names people download, in Dutch as the site is.
DOWNLOAD_NAMES = {
    "initiatives.csv": "initiatieven.csv",
    "initiatives.geojson": "initiatieven.geojson",
    "crown_jewels.csv": "kroonjuwelen.csv",
    "crown_jewels.geojson": "kroonjuwelen.geojson",
}


def _download(request, name: str):
    version = downloads.data_version()
    response = conditional_response(
        request,
        etag("open-data", name, version.key),
        version.newest,
        lambda: downloads.export(name, version),
        shared=True,
        content_type=downloads.content_type(name),
    )
    filename = DOWNLOAD_NAMES.get(name, name.rpartition("/")[2])
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@require_safe
def open_data(request):
    """What anyone may download, under which licence, and how recent it is."""
    version = downloads.data_version()
    context = {
        "version": version,
        "license": downloads.license_info(),
        "initiative_fields": [name for name, _type in downloads.INITIATIVE_FIELDS],
        "jewel_fields": [name for name, _type in downloads.JEWEL_FIELDS],
        "hsds_names": downloads.HSDS_NAMES,
    }
    return render(request, "insight/open_data.html", context)


@require_safe
def initiatives_csv(request):
    return _download(request, "initiatives.csv")


@require_safe
def initiatives_geojson(request):
    return _download(request, "initiatives.geojson")


@require_safe
def jewels_csv(request):
    return _download(request, "crown_jewels.csv")


@require_safe
def jewels_geojson(request):
    return _download(request, "crown_jewels.geojson")


@require_safe
def hsds_package(request):
    return _download(request, "hsds/datapackage.json")


@require_safe
def hsds_file(request, name):
    """One table of the HSDS package: organizations, services or locations."""
    if name not in downloads.HSDS_NAMES:
        raise Http404
    return _download(request, f"hsds/{name}.csv")
