"""What the download of a person's own data holds: every section, in the order of the file
and of its readable page."""

from privacy.download import account, writings
from privacy.download.section import DataSection


def personal_data(user) -> list[DataSection]:
    """Everything Kompas holds about ``user``, one section per concept, for the
    download on /mijn/. Only what the person is, chose, wrote or changed."""
    return [
        account.account_section(user),
        account.membership_section(user),
        account.initiative_section(user),
        writings.story_section(user),
        writings.obstacle_section(user),
        writings.appreciation_section(user),
        writings.jewel_section(user),
        writings.gift_section(user),
        writings.conversation_section(user),
        writings.staff_note_section(user),
        writings.connection_section(user),
        account.join_request_section(user),
        account.invitation_section(user),
        writings.report_section(user),
        account.consent_section(user),
        account.history_section(user),
    ]
