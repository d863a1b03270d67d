"""The administration of obstacles and their categories."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from initiatives.admin import MergeTermsAdmin
from obstacles.models import Obstacle, ObstacleCategory


@admin.register(ObstacleCategory)
class ObstacleCategoryAdmin(MergeTermsAdmin):
    """The kinds of obstacle, seeded with the answers of seed 004: administrators keep them."""

    list_display = ["name", "position"]
    list_editable = ["position"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Obstacle)
class ObstacleAdmin(SimpleHistoryAdmin):
    list_display = ["initiative", "category", "department", "status", "visibility", "happened_on"]
    list_filter = ["status", "visibility", "category", "department"]
    search_fields = ["what_happened", "answer", "initiative__name"]
    raw_id_fields = ["initiative", "reported_by"]
    filter_horizontal = ["conversations"]
    # Who reads it is the initiative's choice; the answer is given on the site, which
    # records who answered and when.
    readonly_fields = [
        "visibility",
        "status",
        "answer",
        "answered_by",
        "answered_at",
        "created_at",
        "updated_at",
    ]
