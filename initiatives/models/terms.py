"""Open vocabularies: kinds of initiative, and the tags of what people offer and wish for."""

from django.db import models
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from kompas.access import VisibleQuerySet


class VocabularyTerm(models.Model):
    """A word anyone may add; administrators keep the list tidy by merging near-duplicates."""

    name = models.CharField(_("name"), max_length=80, unique=True)
    slug = models.SlugField(_("slug"), max_length=90, unique=True)

    objects = VisibleQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.name)[:90]
        super().save(*args, **kwargs)


class InitiativeKind(VocabularyTerm):
    """Zorgcoöperatie, broodfonds, dorpshuis…: suggested, never a closed list."""

    suggested = models.BooleanField(
        _("suggested"), default=False, help_text=_("Offered as a suggestion on the form.")
    )

    class Meta(VocabularyTerm.Meta):
        verbose_name = _("kind of initiative")
        verbose_name_plural = _("kinds of initiative")


class Tag(VocabularyTerm):
    """A talent, space, skill or material that one initiative offers and another wishes for."""

    class Meta(VocabularyTerm.Meta):
        verbose_name = _("tag")
        verbose_name_plural = _("tags")
