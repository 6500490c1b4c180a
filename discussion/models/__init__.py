from discussion.models.comments import (
    Comment,
    CommentReport,
    CommentState,
    DiscussionError,
    RefusalReason,
)
from discussion.models.discussable import Discussable, DiscussableQuerySetMixin

__all__ = [
    "Comment",
    "CommentReport",
    "CommentState",
    "Discussable",
    "DiscussableQuerySetMixin",
    "DiscussionError",
    "RefusalReason",
]
