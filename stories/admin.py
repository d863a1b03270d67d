"""The administration of stories and their photos."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from stories.models import Story, StoryPhoto


class StoryPhotoInline(admin.TabularInline):
    model = StoryPhoto
    extra = 0


@admin.register(Story)
class StoryAdmin(SimpleHistoryAdmin):
    list_display = ["title", "initiative", "visibility", "date"]
    list_filter = ["visibility"]
    search_fields = ["title", "text", "initiative__name"]
    raw_id_fields = ["initiative", "author"]
    # Who reads a story is the initiative's own choice, made on the site.
    readonly_fields = ["visibility"]
    inlines = [StoryPhotoInline]
