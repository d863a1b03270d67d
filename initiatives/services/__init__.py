"""Every write that is more than a form save, grouped by concept.

Each service runs in a transaction and raises an exception whose message a person can
read (in Dutch, through gettext) when it cannot do its work.
"""

from initiatives.services.accounts import (
    block_account,
    end_sessions,
    ensure_account,
    set_email_notifications,
    set_up_totp,
    unblock_account,
)
from initiatives.services.connections import (
    ConnectionData,
    answer_connection,
    follow_up_connection,
    live_connection_between,
    live_jewel_connection,
    propose_connection,
    propose_jewel_connection,
)
from initiatives.services.conversations import (
    ConversationData,
    TipData,
    log_conversation,
    refresh_conversation_search,
    refresh_conversation_search_in_bulk,
    set_tip_state,
    update_conversation,
)
from initiatives.services.geometry import as_multipolygon
from initiatives.services.initiatives import (
    InitiativeData,
    accept_invitation,
    add_staff_note,
    create_initiative,
    decide_join_request,
    invite_member,
    refresh_search,
    refresh_search_in_bulk,
    request_to_join,
    search_document,
    set_status,
    terms,
    update_initiative,
)
from initiatives.services.jewels import (
    JewelData,
    answer_gift_consent,
    appreciate_jewel,
    jewel_for_consent_token,
    nominate_jewel,
    release_former_gift,
    report,
    update_jewel,
)
from initiatives.services.kernen import (
    ImportReport,
    KernAction,
    KernChange,
    KernData,
    KernImportError,
    import_kernen,
    read_kern_file,
    save_kern,
    unique_kern_slug,
)
from initiatives.services.moderation import keep_hidden, restore
from initiatives.services.obstacles import (
    ObstacleData,
    answer_obstacle,
    report_obstacle,
    update_obstacle,
)
from initiatives.services.photos import prepare_photo
from initiatives.services.privacy import delete_account, personal_data_zip, withdraw_consent
from initiatives.services.retention import RetentionPeriods, RetentionStep, apply_retention
from initiatives.services.stories import StoryData, react_to_story, update_story, write_story
from initiatives.services.vocabulary import merge_terms

__all__ = [
    "ConnectionData",
    "ConversationData",
    "ImportReport",
    "InitiativeData",
    "JewelData",
    "KernAction",
    "KernChange",
    "KernData",
    "KernImportError",
    "ObstacleData",
    "RetentionPeriods",
    "RetentionStep",
    "StoryData",
    "TipData",
    "accept_invitation",
    "add_staff_note",
    "answer_connection",
    "answer_gift_consent",
    "answer_obstacle",
    "apply_retention",
    "appreciate_jewel",
    "as_multipolygon",
    "block_account",
    "create_initiative",
    "decide_join_request",
    "delete_account",
    "end_sessions",
    "ensure_account",
    "follow_up_connection",
    "import_kernen",
    "invite_member",
    "jewel_for_consent_token",
    "keep_hidden",
    "live_connection_between",
    "live_jewel_connection",
    "log_conversation",
    "merge_terms",
    "nominate_jewel",
    "personal_data_zip",
    "prepare_photo",
    "propose_connection",
    "propose_jewel_connection",
    "react_to_story",
    "read_kern_file",
    "refresh_conversation_search",
    "refresh_conversation_search_in_bulk",
    "refresh_search",
    "refresh_search_in_bulk",
    "release_former_gift",
    "report",
    "report_obstacle",
    "request_to_join",
    "restore",
    "save_kern",
    "search_document",
    "set_email_notifications",
    "set_status",
    "set_tip_state",
    "set_up_totp",
    "terms",
    "unblock_account",
    "unique_kern_slug",
    "update_conversation",
    "update_initiative",
    "update_jewel",
    "update_obstacle",
    "update_story",
    "withdraw_consent",
    "write_story",
]
