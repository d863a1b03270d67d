"""The domain model, one module per concept."""

from .accounts import Department, User
from .connections import REASONS, Connection
from .conversations import Conversation
from .initiatives import Initiative, Membership, MembershipRole, Ownership
from .jewels import Appreciation, CrownJewel, JewelCategory, SignedAs
from .joining import Invitation, JoinRequest, JoinRequestStatus
from .notes import StaffNote
from .obstacles import Obstacle, ObstacleCategory
from .places import Kern, KernKind
from .reports import ModerationDecision, Report
from .stories import Story, StoryPhoto
from .tips import TipState
from .vocabulary import InitiativeKind, Tag

__all__ = [
    "REASONS",
    "Appreciation",
    "Connection",
    "Conversation",
    "CrownJewel",
    "Department",
    "Initiative",
    "InitiativeKind",
    "Invitation",
    "JewelCategory",
    "JoinRequest",
    "JoinRequestStatus",
    "Kern",
    "KernKind",
    "Membership",
    "MembershipRole",
    "ModerationDecision",
    "Obstacle",
    "ObstacleCategory",
    "Ownership",
    "Report",
    "SignedAs",
    "StaffNote",
    "Story",
    "StoryPhoto",
    "Tag",
    "TipState",
    "User",
]
