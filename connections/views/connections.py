"""Connections: the list of those a viewer may see, one connection's page, proposing one
from an initiative's page (with another initiative or a crown jewel) or from a crown
jewel's page, answering it and telling how it went.

Views stay thin: forms validate, services write, selectors read, permissions decide.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from connections import selectors, services
from connections.forms import (
    AnswerForm,
    ConnectionFilterForm,
    ConnectionForm,
    FollowUpForm,
    JewelConnectionForm,
)
from connections.models import REASONS, Connection
from initiatives.models import Initiative
from jewels.models import CrownJewel
from kompas import access
from kompas.choices import ConnectionStatus
from kompas.lists import page_of
from kompas.ratelimit import limit_posts

CONNECTIONS_PER_PAGE = 25
# /initiatieven/<slug>/verbinden/?met=<slug>&reden=offer: started from a match.
WITH_PARAMETER = "met"
REASON_PARAMETER = "reden"
# /initiatieven/<slug>/verbinden/?kroonjuweel=<slug>: a crown jewel chosen beforehand.
JEWEL_PARAMETER = "kroonjuweel"
# /kroonjuwelen/<slug>/verbinden/?initiatief=<slug>: an initiative chosen beforehand.
INITIATIVE_PARAMETER = "initiatief"


@require_safe
def connection_list(request):
    form = ConnectionFilterForm(request.GET or None, user=request.user)
    filters = form.filters()
    return render(
        request,
        "connections/connection_list.html",
        {
            "form": form,
            "page": page_of(
                request, selectors.connection_list(request.user, filters), CONNECTIONS_PER_PAGE
            ),
            "filtered": filters != selectors.ConnectionFilters(),
        },
    )


def _visible_connection(user, pk):
    return access.get_visible_or_404(
        Connection.objects.select_related(
            "first__kern", "second__kern", "jewel__kern", "jewel__category", "made_by"
        ),
        user,
        pk=pk,
    )


def _render_detail(request, connection, answer_form=None, follow_up_form=None, status=200):
    user = request.user
    involved = access.is_involved_in_connection(user, connection)
    side = access.connection_side_for(user, connection)
    can_follow_up = involved and connection.status != ConnectionStatus.PROPOSED
    return render(
        request,
        "connections/connection_detail.html",
        {
            "connection": connection,
            "involved": involved,
            "side": side,
            "answer_form": answer_form,
            "follow_up_form": follow_up_form
            or (
                FollowUpForm(initial={"how_it_went": connection.how_it_went})
                if can_follow_up
                else None
            ),
        },
        status=status,
    )


@require_safe
def connection_detail(request, pk):
    return _render_detail(request, _visible_connection(request.user, pk))


@login_required
@require_POST
def connection_answer(request, pk):
    connection = _visible_connection(request.user, pk)
    form = AnswerForm(request.POST)
    if not form.is_valid():
        return _render_detail(request, connection, answer_form=form, status=400)
    try:
        services.answer_connection(connection, request.user, accept=form.cleaned_data["accept"])
    except PermissionDenied as error:
        form.add_error(None, str(error))
        return _render_detail(request, connection, answer_form=form, status=400)
    if form.cleaned_data["accept"]:
        messages.success(request, _("Thank you. You said yes to meeting."))
    else:
        messages.success(request, _("Thank you for your answer. Nobody else sees it."))
    return redirect(connection)


@login_required
@require_POST
def connection_follow_up(request, pk):
    connection = _visible_connection(request.user, pk)
    if not access.is_involved_in_connection(request.user, connection):
        raise PermissionDenied(_("Only those involved tell how it went."))
    form = FollowUpForm(request.POST)
    if form.is_valid():
        try:
            services.follow_up_connection(
                connection,
                request.user,
                status=form.cleaned_data["status"] or None,
                how_it_went=form.cleaned_data["how_it_went"],
            )
        except (ValidationError, PermissionDenied) as error:
            messages_ = error.messages if isinstance(error, ValidationError) else [str(error)]
            for message in messages_:
                form.add_error(None, message)
        else:
            messages.success(request, _("Thank you for telling how it went."))
            return redirect(connection)
    return _render_detail(request, connection, follow_up_form=form, status=400)


def _preselected(queryset, request, parameter: str):
    """The pk of the object named by slug in ``?<parameter>=``, if the viewer may see it."""
    slug = request.GET.get(parameter, "")[:180]
    return queryset.filter(slug=slug).values_list("pk", flat=True).first()


def _initial(request, **choices) -> dict:
    """What a link to the form chose beforehand: an initiative, a jewel, a reason."""
    initial: dict[str, object] = {}
    if request.method != "GET":
        return initial
    for field, (queryset, parameter) in choices.items():
        pk = _preselected(queryset, request, parameter)
        if pk is not None:
            initial[field] = pk
    reason = request.GET.get(REASON_PARAMETER, "")
    if reason in dict(REASONS):
        initial["reasons"] = [reason]
    return initial


@login_required
@require_http_methods(["GET", "POST"])
@limit_posts("connection")
def connection_create(request, slug):
    initiative = access.get_visible_or_404(
        Initiative.objects.select_related("kern"), request.user, slug=slug
    )
    if not access.can_propose_connection(request.user, initiative):
        raise PermissionDenied(
            _("Members of an initiative and staff connect it with another initiative.")
        )
    initial = _initial(
        request,
        other=(
            Initiative.objects.visible_to(request.user).exclude(pk=initiative.pk),
            WITH_PARAMETER,
        ),
        jewel=(selectors.connectable_jewels(request.user), JEWEL_PARAMETER),
    )
    form = ConnectionForm(
        request.POST if request.method == "POST" else None,
        user=request.user,
        initiative=initiative,
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        jewel = form.chosen_jewel()
        try:
            if jewel is not None:
                created = services.propose_jewel_connection(
                    request.user, initiative, jewel, form.connection_data()
                )
            else:
                created = services.propose_connection(
                    request.user, initiative, form.other_initiative(), form.connection_data()
                )
        except (ValidationError, PermissionDenied) as error:
            form.refuse(error)
        else:
            _thank(request, created)
            return redirect(created)
    return render(
        request,
        "connections/connection_form.html",
        {"form": form, "initiative": initiative},
        status=400 if form.errors else 200,
    )


def _thank(request, connection: Connection) -> None:
    if connection.status == ConnectionStatus.MADE:
        messages.success(request, _("Thank you. The connection is made."))
    elif connection.with_jewel:
        messages.success(request, _("Thank you. The members of the initiative are asked."))
    else:
        messages.success(request, _("Thank you. The members of both are asked what they think."))


@login_required
@require_http_methods(["GET", "POST"])
@limit_posts("connection")
def jewel_connect(request, slug):
    """From a crown jewel's page: staff connect any initiative with it, members one of
    their own."""
    jewel = access.get_visible_or_404(
        CrownJewel.objects.select_related("kern", "category"), request.user, slug=slug
    )
    if not access.can_connect_from_jewel(request.user, jewel):
        raise PermissionDenied(
            _(
                "Staff, and members of an initiative for their own initiative, connect an "
                "initiative with a crown jewel that everyone can see."
            )
        )
    initial = _initial(
        request,
        initiative=(selectors.connecting_initiatives(request.user), INITIATIVE_PARAMETER),
    )
    form = JewelConnectionForm(
        request.POST if request.method == "POST" else None,
        user=request.user,
        jewel=jewel,
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        try:
            created = services.propose_jewel_connection(
                request.user, form.chosen_initiative(), jewel, form.connection_data()
            )
        except (ValidationError, PermissionDenied) as error:
            form.refuse(error)
        else:
            _thank(request, created)
            return redirect(created)
    return render(
        request,
        "connections/connection_jewel_form.html",
        {"form": form, "jewel": jewel},
        status=400 if form.errors else 200,
    )
