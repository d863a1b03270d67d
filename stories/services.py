"""Stories: an initiative tells what it does in its own words. Staff never edit a story;
they react with a note to the initiative, beside it."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import User
from initiatives.models import Initiative, StaffNote
from kompas import access
from kompas.changes import record_change
from kompas.choices import Visibility
from kompas.photos import prepare_photo
from stories.models import Story, StoryPhoto

# A story with more photos is a photo album: that is not what Kompas keeps.
MAX_PHOTOS = 6
STORY_VISIBILITIES = (Visibility.PUBLIC, Visibility.SHARED)


@dataclass
class StoryData:
    """What a story says. ``photos`` are uploaded files (or prepared ones) with a
    description each; ``remove_photos`` the ids of photos to drop when editing."""

    title: str
    text: str
    date: datetime.date
    visibility: str = Visibility.PUBLIC
    photos: Sequence[tuple[object, str]] = field(default_factory=list)
    remove_photos: Sequence[int] = field(default_factory=list)


@transaction.atomic
def write_story(initiative: Initiative, author: User, data: StoryData) -> Story:
    """A member writes a story for their initiative."""
    if not access.can_write_story(author, initiative):
        raise PermissionDenied(_("Only the members of an initiative write its stories."))
    story = Story(initiative=initiative, author=author)
    _apply(story, data)
    record_change(story, by=author, reason=_("Written"))
    story.save()
    _add_photos(story, data.photos)
    return story


@transaction.atomic
def update_story(story: Story, editor: User, data: StoryData) -> Story:
    """A member changes a story of their initiative; every change is kept."""
    if not access.can_edit_story(editor, story):
        raise PermissionDenied(_("Only the members of the initiative change its stories."))
    _apply(story, data)
    story.photos.filter(pk__in=list(data.remove_photos)).delete()
    record_change(story, by=editor, reason=_("Changed"))
    story.save()
    _add_photos(story, data.photos)
    return story


def _apply(story: Story, data: StoryData) -> None:
    title, text = data.title.strip(), data.text.strip()
    if not title or not text:
        raise ValidationError(_("A story needs a title and a text."))
    if data.visibility not in STORY_VISIBILITIES:
        raise ValidationError(_("Choose who may read this story."))
    story.title, story.text, story.date, story.visibility = (
        title,
        text,
        data.date,
        data.visibility,
    )


def _add_photos(story: Story, photos: Sequence[tuple[object, str]]) -> None:
    if not photos:
        return
    kept = story.photos.count()
    if kept + len(photos) > MAX_PHOTOS:
        raise ValidationError(_("A story has at most %(max)d photos."), params={"max": MAX_PHOTOS})
    StoryPhoto.objects.bulk_create(
        StoryPhoto(
            story=story,
            photo=prepare_photo(upload),
            description=description.strip(),
            position=kept + number,
        )
        for number, (upload, description) in enumerate(photos, start=1)
    )


@transaction.atomic
def react_to_story(story: Story, staff: User, text: str) -> StaffNote:
    """Staff react to a story with a note to the initiative, shared with its members."""
    if not access.can_react_to_story(staff, story):
        raise PermissionDenied(_("Staff react to stories with a note to the initiative."))
    text = text.strip()
    if not text:
        raise ValidationError(_("Write your reaction before saving it."))
    note = StaffNote(
        initiative=story.initiative,
        story=story,
        author=staff,
        text=text,
        visibility=Visibility.SHARED,
    )
    record_change(note, by=staff)
    note.save()
    return note
