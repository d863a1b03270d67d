"""Reads about stories: public stories, feeds, photos and reactions.

Every function takes the viewer and starts from ``visible_to(user)``."""

from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser
from django.db.models import (
    Prefetch,
)

from initiatives.models import Initiative, InitiativeKind, StaffNote
from kompas.choices import (
    Visibility,
)
from places.models import Kern
from stories.models import Story, StoryPhoto

# --- Stories ----------------------------------------------------------------------------
# What an initiative tells in its own words. Lists show the public stories only (a shared
# one is for the municipality's staff, never in a list or a feed), and of those only what
# the viewer may see: visible_to keeps a public story of an initiative that is not on the
# public map away from the public.

STORY_ORDER = ("-date", "-created_at", "-pk")


@dataclass(frozen=True)
class StoryFilters:
    """The filters of /verhalen/ (``StoryFilterForm.filters()``): a kern, and a kind of
    initiative."""

    kern: str = ""
    kind: str = ""


def _with_story_card(queryset, user):
    """What a card shows of each story, in a constant number of queries: the initiative,
    its kern and the story's photos (``photo_list``; the card shows the first)."""
    return queryset.select_related("initiative__kern").prefetch_related(
        Prefetch(
            "photos",
            queryset=StoryPhoto.objects.visible_to(user).order_by("position", "pk"),
            to_attr="photo_list",
        )
    )


def public_stories(user, filters: StoryFilters = StoryFilters()):
    """The public stories this viewer may see that match the filters, newest first."""
    queryset = Story.objects.visible_to(user).filter(visibility=Visibility.PUBLIC)
    if filters.kern:
        queryset = queryset.filter(initiative__kern__slug=filters.kern)
    if filters.kind:
        queryset = queryset.filter(
            initiative__in=Initiative.objects.filter(kinds__slug=filters.kind).values("pk")
        )
    return _with_story_card(queryset.order_by(*STORY_ORDER), user)


def story_feed_items(kern=None, limit: int = 30) -> list:
    """The newest public stories for a feed: always what an anonymous visitor may see,
    whoever asks, because a feed is shared and cached."""
    anyone = AnonymousUser()
    return list(
        public_stories(anyone, StoryFilters(kern=kern.slug if kern is not None else ""))[:limit]
    )


def story_filter_choices(user):
    """Places, and the kinds of the initiatives that told a public story the viewer may
    see."""
    stories = public_stories(user).order_by().values("initiative_id")
    return {
        "kernen": Kern.objects.visible_to(user).only("name", "slug"),
        "kinds": InitiativeKind.objects.filter(initiatives__in=stories).distinct(),
    }


def initiative_stories(user, initiative):
    """An initiative's stories as the viewer may see them, newest first: its members and
    staff also see the ones shared with staff only."""
    return _with_story_card(
        Story.objects.visible_to(user).filter(initiative=initiative).order_by(*STORY_ORDER),
        user,
    )


def story_photos(user, story):
    return StoryPhoto.objects.visible_to(user).filter(story=story).order_by("position", "pk")


def story_reactions(user, story):
    """Staff reactions to a story, oldest first: its initiative's members and staff read
    them; the public and the council never do."""
    return (
        StaffNote.objects.visible_to(user)
        .filter(story=story)
        .select_related("author__department")
        .order_by("created_at", "pk")
    )
