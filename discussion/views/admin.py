"""The moderation queue in the Wagtail admin (/admin/discussion/): «Модераторы» approve, refuse
with a reason of the rules, and answer officially. Every view needs change_comment."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from discussion.forms import OfficialAnswerForm, RefusalForm
from discussion.models import Comment, CommentState, DiscussionError
from discussion.posting import post_official_answer
from portal.pagination import paginate

MODERATE = "discussion.change_comment"
REPORTED = "reported"
QUEUE_PAGE_SIZE = 30


def require_moderator(request):
    if not request.user.has_perm(MODERATE):
        raise PermissionDenied


def queue(request):
    """Pending comments first (reported ones marked), oldest first; other states to look back."""
    require_moderator(request)
    shown = request.GET.get("state")
    if shown not in (*CommentState.values, REPORTED):
        shown = CommentState.PENDING
    comments = Comment.objects.select_related("page").annotate(
        open_reports=Count("reports", filter=Q(reports__resolved_at__isnull=True))
    )
    if shown == REPORTED:
        comments = comments.filter(open_reports__gt=0).order_by("created_at", "pk")
    else:
        order = ["created_at", "pk"] if shown == CommentState.PENDING else ["-moderated_at", "-pk"]
        comments = comments.filter(state=shown).order_by(*order)
    states = [*CommentState.choices, (REPORTED, _("Reported by readers"))]
    context = {
        "comments_page": paginate(request, comments, per_page=QUEUE_PAGE_SIZE),
        "states": states,
        "shown": shown,
    }
    return TemplateResponse(request, "discussion/admin/queue.html", context)


def decision(request, pk, *, refusal_form=None, answer_form=None, status=200):
    require_moderator(request)
    comment = get_object_or_404(
        Comment.objects.select_related("page", "parent", "moderated_by"), pk=pk
    )
    context = {
        "comment": comment,
        "page": comment.page.specific_deferred,
        "reports": comment.reports.order_by("-created_at"),
        "replies": comment.replies.order_by("created_at", "pk"),
        "refusal_form": refusal_form or RefusalForm(),
        "answer_form": answer_form or OfficialAnswerForm(),
    }
    return TemplateResponse(request, "discussion/admin/decision.html", context, status=status)


@require_POST
def approve(request, pk):
    require_moderator(request)
    comment = get_object_or_404(Comment, pk=pk)
    comment.approve(by=request.user)
    messages.success(request, _("The comment is published; its author is told by e-mail."))
    return redirect("discussion_admin:queue")


@require_POST
def refuse(request, pk):
    require_moderator(request)
    comment = get_object_or_404(Comment, pk=pk)
    form = RefusalForm(request.POST)
    if form.is_valid():
        try:
            comment.refuse(
                by=request.user, reason=form.cleaned_data["reason"], text=form.cleaned_data["text"]
            )
        except ValidationError as error:
            form.add_error("text", error)
    if not form.is_valid():
        return decision(request, pk, refusal_form=form, status=400)
    messages.success(request, _("The comment is refused; its author is told the reason."))
    return redirect("discussion_admin:queue")


@require_POST
def answer(request, pk):
    require_moderator(request)
    comment = get_object_or_404(Comment, pk=pk)
    form = OfficialAnswerForm(request.POST)
    if form.is_valid():
        try:
            post_official_answer(comment, by=request.user, text=form.cleaned_data["text"])
        except DiscussionError as error:
            form.add_error(None, error.message)
    if not form.is_valid():
        return decision(request, pk, answer_form=form, status=400)
    messages.success(request, _("The answer of the administration is published."))
    return redirect("discussion_admin:decision", pk=pk)
