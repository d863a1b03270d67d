"""Initiatives: the initiative itself, its members, the words it is described with, joining
it, and the internal notes staff keep about it."""

from .initiatives import Initiative, Membership, MembershipRole, Ownership
from .joining import Invitation, JoinRequest, JoinRequestStatus
from .notes import StaffNote
from .terms import InitiativeKind, Tag, VocabularyTerm
from .tips import TipState

__all__ = [
    "Initiative",
    "InitiativeKind",
    "Invitation",
    "JoinRequest",
    "JoinRequestStatus",
    "Membership",
    "MembershipRole",
    "Ownership",
    "StaffNote",
    "Tag",
    "TipState",
    "VocabularyTerm",
]
