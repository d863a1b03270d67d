"""Vocabularies administrators keep tidy: kinds, tags and categories, merged when two
words mean the same thing."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _
from simple_history.models import HistoricalChanges

from initiatives.models import Initiative, VocabularyTerm
from initiatives.services import refresh_search
from kompas.changes import FROM_REQUEST, record_change


@transaction.atomic
def merge_terms(keep: models.Model, others: Iterable[models.Model]) -> int:
    """Fold near-duplicate terms into ``keep``: whatever used one of ``others`` (an
    initiative's kind or tags, a jewel's or obstacle's category) uses ``keep`` from now
    on, with the change in its history, and the others are removed. Returns how many
    terms were merged away."""
    model = type(keep)
    # Every vocabulary (kinds, tags, crown-jewel and obstacle categories) is a term list.
    if not issubclass(model, VocabularyTerm):
        raise ValidationError(_("These words cannot be merged."))
    others = [other for other in others if other.pk != keep.pk]
    if any(type(other) is not model for other in others):
        raise ValidationError(_("Only words of the same list can be merged."))
    about_a_person = getattr(keep, "needs_consent", False)
    if any(getattr(other, "needs_consent", False) != about_a_person for other in others):
        # A person's gift waits for that person's yes; merging it into another category
        # would show it without.
        raise ValidationError(
            _("A category about a person can only be merged with another one about a person.")
        )
    touched_initiatives: dict[int, Initiative] = {}
    for other in others:
        for relation in model._meta.related_objects:
            user = relation.field.model
            if issubclass(user, HistoricalChanges) or user._meta.auto_created:
                continue  # history keeps what was; join tables follow their relation
            name = relation.field.name
            for obj in user._base_manager.filter(**{name: other}).distinct():
                record_change(obj, by=FROM_REQUEST, reason=_("Merged duplicate words"))
                if relation.many_to_many:
                    getattr(obj, name).add(keep)
                else:
                    setattr(obj, name, keep)
                    obj.save()
                if isinstance(obj, Initiative):
                    touched_initiatives[obj.pk] = obj
        other.delete()
    # Initiatives are found by the names of their kinds and tags.
    refresh_search(touched_initiatives.values())
    return len(others)
