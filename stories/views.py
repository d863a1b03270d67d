"""Stories: what an initiative does, told by its own members. The list of public stories,
writing and changing one, a story's own page, and staff's reaction beside it.

Views stay thin: the forms validate, services write, selectors read, permissions decide.
Staff never change a story; they react with a note to the initiative.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from initiatives.models import Initiative
from kompas import access
from kompas.lists import page_of
from kompas.ratelimit import limit_posts
from stories import selectors, services
from stories.forms import ReactionForm, StoryFilterForm, StoryForm
from stories.models import Story

PER_PAGE = 20


# --- The stories of the municipality ----------------------------------------------------


@require_safe
def story_list(request):
    form = StoryFilterForm(
        request.GET or None, choices=selectors.story_filter_choices(request.user)
    )
    filters = form.filters()
    return render(
        request,
        "stories/story_list.html",
        {
            "form": form,
            "page": page_of(request, selectors.public_stories(request.user, filters), PER_PAGE),
            "filtered": filters != selectors.StoryFilters(),
        },
    )


# --- Writing and changing a story -------------------------------------------------------


def _on_public_map(initiative) -> bool:
    """Whether everyone may read the initiative: if not, its stories stay with its members
    and staff until it goes on the map."""
    return access.can_view(AnonymousUser(), initiative)


def _save_story(form, write):
    """Run a service with the form's data; its objections become messages on the form."""
    try:
        return write(form.story_data())
    except ValidationError as error:
        form.add_service_error(error)
    except PermissionDenied as error:
        form.add_service_error(ValidationError(str(error)))
    return None


def _render_form(request, form, initiative, story=None):
    return render(
        request,
        "stories/story_form.html",
        {
            "form": form,
            "initiative": initiative,
            "story": story,
            "on_public_map": _on_public_map(initiative),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
@limit_posts("story")
def story_create(request, slug):
    initiative = access.get_visible_or_404(
        Initiative.objects.select_related("kern"), request.user, slug=slug
    )
    if not access.can_write_story(request.user, initiative):
        raise PermissionDenied(_("Only the members of an initiative write its stories."))
    posted = request.method == "POST"
    form = StoryForm(request.POST if posted else None, request.FILES if posted else None)
    if posted and form.is_valid():
        story = _save_story(form, lambda data: services.write_story(initiative, request.user, data))
        if story is not None:
            messages.success(request, _("Thank you! Your story is saved."))
            return redirect(story)
    return _render_form(request, form, initiative)


def visible_story(user, pk):
    return access.get_visible_or_404(Story.objects.select_related("initiative__kern"), user, pk=pk)


@login_required
@require_http_methods(["GET", "POST"])
def story_edit(request, pk):
    story = visible_story(request.user, pk)
    if not access.can_edit_story(request.user, story):
        raise PermissionDenied(
            _("Only the members of the initiative change its stories; staff may react.")
        )
    posted = request.method == "POST"
    form = StoryForm(
        request.POST if posted else None, request.FILES if posted else None, story=story
    )
    if posted and form.is_valid():
        saved = _save_story(form, lambda data: services.update_story(story, request.user, data))
        if saved is not None:
            messages.success(request, _("Your changes are saved."))
            return redirect(saved)
        # The service may have changed the object before it objected: show it as stored.
        story.refresh_from_db()
    return _render_form(request, form, story.initiative, story)


# --- A story's own page -----------------------------------------------------------------


def render_detail(request, story, reaction_form=None):
    user = request.user
    can_react = access.can_react_to_story(user, story)
    if reaction_form is None and can_react:
        reaction_form = ReactionForm()
    context = {
        "story": story,
        "initiative": story.initiative,
        "photos": selectors.story_photos(user, story),
        "reactions": selectors.story_reactions(user, story),
        "sees_names": access.sees_names_in_history(user),
        "can_edit": access.can_edit_story(user, story),
        "can_react": can_react,
        "reaction_form": reaction_form,
    }
    return render(request, "stories/story_detail.html", context)


@require_safe
def story_detail(request, pk):
    return render_detail(request, visible_story(request.user, pk))


@login_required
@require_POST
@limit_posts("reaction")
def story_react(request, pk):
    story = visible_story(request.user, pk)
    if not access.can_react_to_story(request.user, story):
        raise PermissionDenied(_("Staff react to stories with a note to the initiative."))
    form = ReactionForm(request.POST)
    if form.is_valid():
        try:
            services.react_to_story(story, request.user, form.cleaned_data["text"])
        except ValidationError as error:
            form.add_error(None, error)
        except PermissionDenied as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request, _("Your reaction is saved; the members of the initiative read it.")
            )
            return redirect(f"{story.get_absolute_url()}#reacties")
    return render_detail(request, story, reaction_form=form)


# --- Stories on other pages -------------------------------------------------------------

# The initiative's page shows its newest few, or all of them on request.
INITIATIVE_STORY_LIMIT = 6
# The home page and a kern's page show the newest public stories, with a link to the rest.
HOME_STORY_LIMIT = 3
KERN_STORY_LIMIT = 4


def stories_of_initiative(request, initiative) -> dict:
    """The stories on an initiative's page, as far as the viewer may read them, and
    whether the viewer may write one."""
    user = access.viewer_for(request)
    show_all = request.GET.get("verhalen") == "alle"
    stories = selectors.initiative_stories(user, initiative)
    stories = list(stories if show_all else stories[: INITIATIVE_STORY_LIMIT + 1])
    more = not show_all and len(stories) > INITIATIVE_STORY_LIMIT
    return {
        "stories": stories[:INITIATIVE_STORY_LIMIT] if more else stories,
        "more_stories": more,
        "can_write_story": access.can_write_story(user, initiative),
    }


def newest_stories(user, kern=None) -> dict:
    """The newest public stories, of the whole municipality or of one kern."""
    if kern is None:
        return {"stories": list(selectors.public_stories(user)[:HOME_STORY_LIMIT])}
    filters = selectors.StoryFilters(kern=kern.slug)
    return {"stories": list(selectors.public_stories(user, filters)[:KERN_STORY_LIMIT])}
