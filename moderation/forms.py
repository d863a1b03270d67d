"""The moderator's decision about something that was reported."""

from django import forms
from django.utils.translation import gettext_lazy as _

from moderation.models import ModerationDecision
from moderation.services import DECISION_REASON_MAX_LENGTH


class ModerationForm(forms.Form):
    """Show again or keep hidden, and why in plain words: the author is emailed this."""

    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            (ModerationDecision.RESTORED, _("Show it again")),
            (ModerationDecision.KEPT_HIDDEN, _("Keep it hidden")),
        ],
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose whether to show it again or keep it hidden."),
            "invalid_choice": _("Choose whether to show it again or keep it hidden."),
        },
    )
    reason = forms.CharField(
        label=_("Why"),
        help_text=_("In a few plain words. The author gets this by email."),
        max_length=DECISION_REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3, "cols": 60}),
        error_messages={
            "required": _("Say why, in a few plain words: the author reads this."),
            "max_length": _("Keep the reason under %(limit_value)d characters."),
        },
    )
