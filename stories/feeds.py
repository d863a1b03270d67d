"""Atom feeds of public stories, for the municipality as a whole and per village or
district, so that the municipality's own channels can let communities speak.

A feed is public, shared and cached: it is always built with an anonymous visitor's
rights, whoever asks for it (selectors.story_feed_items). The author of each entry is the
initiative, never a person.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Enclosure
from django.utils.translation import gettext as _

from kompas import access
from places.models import Kern
from stories import selectors

FEED_LENGTH = 30
# Characters XML 1.0 cannot hold: a story that contains one still makes a valid feed.
NOT_IN_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_text(text: str) -> str:
    return NOT_IN_XML.sub("", text or "")


class StoryAtomFeed(Atom1Feed):
    """Atom with the story itself as plain-text content (Django writes only a summary)."""

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        if item.get("content"):
            handler.addQuickElement("content", item["content"], {"type": "text"})


@dataclass
class FeedSource:
    """What one request of a feed is about: the request (for absolute photo addresses)
    and the kern, or None for the whole municipality."""

    request: object
    kern: Kern | None = None


class StoryFeed(Feed):
    feed_type = StoryAtomFeed

    def get_object(self, request, *args, **kwargs):
        return FeedSource(request=request)

    def title(self, source):
        return _("Stories of the initiatives")

    def subtitle(self, source):
        return _("What initiatives do, told in their own words.")

    def link(self, source):
        return reverse("story_list")

    def feed_url(self, source):
        return reverse("story_feed")

    def items(self, source):
        stories = selectors.story_feed_items(source.kern, limit=FEED_LENGTH)
        for story in stories:
            photo = story.photo_list[0] if story.photo_list else None
            story.feed_photo = (
                (source.request.build_absolute_uri(photo.photo.url), _size(photo))
                if photo
                else None
            )
        return stories

    def item_title(self, story):
        return xml_text(story.title)

    def item_link(self, story):
        return story.get_absolute_url()

    def item_description(self, story):
        # The story goes in full as plain-text content; no HTML summary.
        return None

    def item_extra_kwargs(self, story):
        return {"content": xml_text(story.text)}

    def item_author_name(self, story):
        return xml_text(story.initiative.name)

    def item_author_link(self, story):
        return None

    def item_pubdate(self, story):
        return story.created_at

    def item_updateddate(self, story):
        return story.updated_at

    def item_categories(self, story):
        return [xml_text(story.initiative.kern.name)] if story.initiative.kern_id else []

    def item_enclosures(self, story):
        if story.feed_photo is None:
            return []
        url, size = story.feed_photo
        return [Enclosure(url=url, length=str(size), mime_type="image/jpeg")]


class KernStoryFeed(StoryFeed):
    def get_object(self, request, slug):
        kern = access.get_visible_or_404(Kern.objects, AnonymousUser(), slug=slug)
        return FeedSource(request=request, kern=kern)

    def title(self, source):
        return _("Stories from %(name)s") % {"name": source.kern.name}

    def subtitle(self, source):
        return _("What initiatives in %(name)s do, told in their own words.") % {
            "name": source.kern.name
        }

    def link(self, source):
        return f"{reverse('story_list')}?kern={source.kern.slug}"

    def feed_url(self, source):
        return reverse("kern_story_feed", kwargs={"slug": source.kern.slug})


def _size(photo) -> int:
    """The photo's size in bytes, or 0 when the storage cannot tell (a feed still works)."""
    try:
        return photo.photo.size
    except (OSError, ValueError):
        return 0
