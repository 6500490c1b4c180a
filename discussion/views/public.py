"""The residents' side: posting a comment or a report (POST, signed in), the rules, the feed.

A refused comment re-shows the page with what the resident typed and the reason, with a 4xx
status: nothing submitted is lost.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.models import Page

from discussion.feeds import CommentsFeed
from discussion.forms import CommentForm, ReportForm
from discussion.models import Comment, Discussable, DiscussionError, RefusalReason
from discussion.posting import post_comment, posting_refusal, report_comment
from portal.ratelimit import client_ip


def discussable_page(page_id):
    """The live public page with a discussion, or 404."""
    page = Page.objects.live().public().filter(pk=page_id).specific().first()
    if not isinstance(page, Discussable):
        raise Http404
    return page


def comment_url(page, comment):
    return f"{page.url}#comment-{comment.pk}"


@require_POST
@login_required
def post(request, page_id):
    page = discussable_page(page_id)
    form = CommentForm(request.POST)
    refusal = posting_refusal(page, request.user)  # who asks first, then what they sent
    if refusal is not None:
        return page_with_form(request, page, form, refusal=refusal)
    if not form.is_valid():
        return page_with_form(request, page, form)
    try:
        comment = post_comment(
            page,
            request.user,
            text=form.cleaned_data["text"],
            display_name=form.cleaned_data["display_name"],
            parent_id=form.cleaned_data["parent"],
            client_address=client_ip(request),
        )
    except DiscussionError as error:
        return page_with_form(request, page, form, refusal=error)
    messages.success(
        request, _("Thank you! Your comment is published as soon as a moderator checks it.")
    )
    return HttpResponseRedirect(comment_url(page, comment))


def page_with_form(request, page, form, refusal=None):
    """The page again with what the resident typed, the errors and a 4xx status."""
    status = 400
    if refusal is not None:
        form.add_error(None, refusal.message)
        status = refusal.status
    context = page.get_context(request, comment_form=form)
    return TemplateResponse(request, page.get_template(request), context, status=status)


@require_POST
@login_required
def report(request, pk):
    comment = get_object_or_404(Comment.objects.approved(), pk=pk)
    page = discussable_page(comment.page_id)
    form = ReportForm(request.POST)
    try:
        if not form.is_valid():
            raise DiscussionError(_("Describe the problem in at most 500 characters."))
        report_comment(
            comment,
            request.user,
            reason=form.cleaned_data["reason"],
            client_address=client_ip(request),
        )
    except DiscussionError as error:
        context = {"message": error.message, "page": page}
        return TemplateResponse(request, "discussion/refused.html", context, status=error.status)
    messages.success(request, _("Thank you! A moderator will check the comment."))
    return HttpResponseRedirect(f"{page.url}#discussion")


def rules(request):
    return TemplateResponse(request, "discussion/rules.html", {"reasons": RefusalReason})


def feed(request, page_id):
    return CommentsFeed()(request, page=discussable_page(page_id))
