"""The home page, the footer pages and the health check."""

from django.conf import settings
from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from initiatives import selectors
from stories.views import newest_stories


@require_safe
def home(request):
    return render(
        request,
        "pages/home.html",
        {
            "kernen": selectors.kern_summaries(request.user),
            # "Alles wat aandacht krijgt, groeit": the newest public stories.
            **newest_stories(request.user),
        },
    )


@require_safe
def accessibility(request):
    return render(request, "pages/toegankelijkheid.html")


@require_safe
def privacy(request):
    return render(
        request,
        "pages/privacy.html",
        {
            "conversation_text_months": settings.KOMPAS_RETENTION_CONVERSATION_TEXT_MONTHS,
            "unconfirmed_gift_days": settings.KOMPAS_RETENTION_UNCONFIRMED_GIFT_DAYS,
            "audit_log_months": settings.KOMPAS_RETENTION_AUDIT_LOG_MONTHS,
            "finished_task_days": settings.KOMPAS_RETENTION_FINISHED_TASK_DAYS,
            "failed_task_days": settings.KOMPAS_RETENTION_FAILED_TASK_DAYS,
        },
    )


@never_cache
@require_safe
def health(request):
    """200 with a tiny JSON when the database answers, 503 when it does not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"status": "unavailable", "database": False}, status=503)
    return JsonResponse({"status": "ok", "database": True})
