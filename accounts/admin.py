"""The administration of people and departments."""

from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from accounts import services
from accounts.models import Department, User


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    ordering = ["email"]
    list_display = ["email", "name", "role", "department", "is_active", "last_login"]
    list_filter = ["role", "department", "is_active"]
    search_fields = ["email", "name"]
    # Blocking goes through the actions, which also sign the person out everywhere.
    readonly_fields = ["last_login", "date_joined", "is_active", "is_staff", "is_superuser"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (_("Person"), {"fields": ["name", "role", "department"]}),
        (_("Access"), {"fields": ["is_active", "is_staff", "is_superuser"]}),
        (_("Dates"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (None, {"classes": ["wide"], "fields": ["email", "role", "department"]}),
    ]
    filter_horizontal = ()
    actions = ["block", "unblock"]

    @admin.action(description=_("Block the selected accounts"))
    def block(self, request, queryset):
        """Blocked people cannot sign in, and are signed out everywhere at once."""
        blocked = 0
        for user in queryset:
            try:
                services.block_account(user, request.user)
            except ValidationError as error:
                self.message_user(request, " ".join(error.messages), level=messages.ERROR)
            else:
                blocked += 1
        if blocked:
            self.message_user(
                request,
                ngettext(
                    "%(count)d account was blocked and signed out.",
                    "%(count)d accounts were blocked and signed out.",
                    blocked,
                )
                % {"count": blocked},
                level=messages.SUCCESS,
            )

    @admin.action(description=_("Unblock the selected accounts"))
    def unblock(self, request, queryset):
        for user in queryset:
            services.unblock_account(user, request.user)
        count = len(queryset)
        self.message_user(
            request,
            ngettext(
                "%(count)d account can sign in again.",
                "%(count)d accounts can sign in again.",
                count,
            )
            % {"count": count},
            level=messages.SUCCESS,
        )


@admin.register(Department)
class DepartmentAdmin(admin.ModelAdmin):
    list_display = ["name", "is_partner"]
    list_filter = ["is_partner"]
    search_fields = ["name"]
