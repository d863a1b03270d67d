"""Obstacles (drempels): where the system world is in the way. The patterns (counts only)
and the reports a visitor may read, reporting one for an initiative, a report's own page
with the municipality's answer beside it, and changing a report.

Views stay thin: the forms validate, services write, selectors read, permissions decide.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from initiatives.models import Initiative
from kompas import access
from kompas.lists import page_of
from kompas.ratelimit import limit_posts
from obstacles import selectors, services
from obstacles.forms import ObstacleAnswerForm, ObstacleFilterForm, ObstacleForm
from obstacles.models import Obstacle

PER_PAGE = 20


# --- The patterns and the reports -------------------------------------------------------


@require_safe
def obstacle_list(request):
    user = request.user
    choices = selectors.obstacle_filter_choices(user)
    form = ObstacleFilterForm(request.GET or None, choices=choices)
    first, last = form.period()
    filters = form.filters()
    if not form.is_bound:
        form = ObstacleFilterForm(initial={"van": first, "tot": last}, choices=choices)
    return render(
        request,
        "obstacles/obstacle_list.html",
        {
            "form": form,
            "patterns": selectors.obstacle_patterns(first, last),
            "waiting": selectors.obstacles_waiting(first, last, timezone.now()),
            "can_see_insight": access.can_see_insight(user),
            "first": first,
            "last": last,
            "page": page_of(request, selectors.obstacle_list(user, filters), PER_PAGE),
            "filtered": filters != selectors.ObstacleFilters(),
            "keep_filters": form.carried(ObstacleFilterForm.FILTERS),
            "keep_period": form.carried(ObstacleFilterForm.PERIOD),
        },
    )


# --- Reporting, and keeping a report up to date -----------------------------------------


def _save(form, write):
    """Run a service with the form's data; its objections become messages on the form."""
    try:
        return write(services.ObstacleData.from_form(form.cleaned_data))
    except ValidationError as error:
        form.add_service_error(error)
    except PermissionDenied as error:
        form.add_service_error(ValidationError(str(error)))
    return None


@login_required
@require_http_methods(["GET", "POST"])
@limit_posts("obstacle")
def obstacle_create(request, slug):
    user = request.user
    initiative = access.get_visible_or_404(
        Initiative.objects.select_related("kern"), user, slug=slug
    )
    if not access.can_report_obstacle(user, initiative):
        raise PermissionDenied(
            _("Only the members of an initiative, or staff on its behalf, report obstacles.")
        )
    posted = request.method == "POST"
    form = ObstacleForm(request.POST if posted else None, user=user, initiative=initiative)
    if posted and form.is_valid():
        obstacle = _save(form, lambda data: services.report_obstacle(initiative, user, data))
        if obstacle is not None:
            messages.success(
                request,
                _(
                    "Thank you for telling what happened. It counts in the patterns on the "
                    "obstacles page; the municipality answers beside your words."
                ),
            )
            return redirect(obstacle)
    return render(
        request,
        "obstacles/obstacle_form.html",
        {"form": form, "initiative": initiative, "obstacle": None},
    )


def visible_obstacle(user, pk):
    return access.get_visible_or_404(
        Obstacle.objects.select_related(
            "initiative", "initiative__kern", "category", "department", "answered_by__department"
        ),
        user,
        pk=pk,
    )


@login_required
@require_http_methods(["GET", "POST"])
def obstacle_edit(request, pk):
    user = request.user
    obstacle = visible_obstacle(user, pk)
    if not access.can_edit_obstacle(user, obstacle):
        raise PermissionDenied(_("Only the initiative itself changes what it reported."))
    posted = request.method == "POST"
    form = ObstacleForm(
        request.POST if posted else None,
        user=user,
        initiative=obstacle.initiative,
        obstacle=obstacle,
    )
    if posted and form.is_valid():
        saved = _save(form, lambda data: services.update_obstacle(obstacle, user, data))
        if saved is not None:
            messages.success(request, _("Your changes are saved."))
            return redirect(saved)
        obstacle.refresh_from_db()
    return render(
        request,
        "obstacles/obstacle_form.html",
        {"form": form, "initiative": obstacle.initiative, "obstacle": obstacle},
    )


# --- A report's own page, with the answer beside it -------------------------------------


def render_detail(request, obstacle, answer_form=None):
    user = request.user
    can_answer = access.can_answer_obstacle(user, obstacle)
    if answer_form is None and can_answer:
        answer_form = ObstacleAnswerForm(obstacle=obstacle)
    return render(
        request,
        "obstacles/obstacle_detail.html",
        {
            "obstacle": obstacle,
            "conversations": selectors.obstacle_conversations(user, obstacle),
            "can_edit": access.can_edit_obstacle(user, obstacle),
            "answer_form": answer_form if can_answer else None,
            "sees_names": access.sees_names_in_history(user),
        },
    )


@require_safe
def obstacle_detail(request, pk):
    return render_detail(request, visible_obstacle(request.user, pk))


@login_required
@require_POST
def obstacle_answer(request, pk):
    user = request.user
    obstacle = visible_obstacle(user, pk)
    if not access.can_answer_obstacle(user, obstacle):
        raise PermissionDenied(_("Staff answer obstacles on behalf of the municipality."))
    form = ObstacleAnswerForm(request.POST, obstacle=obstacle)
    if form.is_valid():
        try:
            services.answer_obstacle(
                obstacle,
                user,
                status=form.cleaned_data["status"],
                answer=form.cleaned_data["answer"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        except PermissionDenied as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The answer is saved beside the report."))
            return redirect(f"{obstacle.get_absolute_url()}#antwoord")
        obstacle.refresh_from_db()
    return render_detail(request, obstacle, answer_form=form)
