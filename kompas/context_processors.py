"""What every page needs to know about the municipality and the visitor's role."""

from django.conf import settings

from kompas import access


def map_settings() -> dict:
    """The tile layer and the starting view of every map."""
    return {
        "tiles": settings.KOMPAS_MAP_TILES_URL,
        "attribution": settings.KOMPAS_MAP_ATTRIBUTION,
        "center": ",".join(str(c) for c in settings.KOMPAS_MAP_CENTER),
        "zoom": settings.KOMPAS_MAP_ZOOM,
    }


def kompas(request):
    """The municipality's name and theme, the map defaults, and what the visitor may use."""
    user = getattr(request, "user", None)
    return {
        "municipality_name": settings.KOMPAS_MUNICIPALITY_NAME,
        "theme_css": settings.KOMPAS_THEME_CSS,
        "logo": settings.KOMPAS_LOGO,
        "map_settings": map_settings(),
        "menu": access.menu_for(user),
    }
