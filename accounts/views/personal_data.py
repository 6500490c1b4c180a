"""The resident's data rights (152-ФЗ): download everything the portal holds about them (JSON and
a readable page), and delete the account. Only for the signed-in person; never cached."""

import json

from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from accounts.deletion import DeletionError, delete_account, deletion_refusal
from accounts.forms import DeleteAccountForm
from accounts.views.cabinet import posted
from portal import personal_data, ratelimit


def _download_refused(request):
    """A 429 page when the account has downloaded too often, else None."""
    if ratelimit.allow("personal_data_download", request.user.pk):
        return None
    context = {"message": _("Too many downloads. Please try again in an hour.")}
    return render(request, "accounts/personal_data_refused.html", context, status=429)


@never_cache
@login_required
@require_GET
def download_json(request):
    refused = _download_refused(request)
    if refused:
        return refused
    data = personal_data.download(personal_data.Person.of(request.user))
    response = HttpResponse(
        json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    filename = f"sochi-portal-{timezone.localdate():%Y-%m-%d}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@never_cache
@login_required
@require_GET
def download_html(request):
    refused = _download_refused(request)
    if refused:
        return refused
    person = personal_data.Person.of(request.user)
    data = personal_data.download(person)
    labels = {holding.code: holding.labels() for holding in personal_data.holdings()}
    parts = [
        {
            "title": part["title"],
            "records": [_labelled(record, labels[code]) for record in part["records"]],
        }
        for code, part in data["holdings"].items()
    ]
    return render(
        request,
        "accounts/personal_data.html",
        {"portal_name": data["portal"], "exported_at": timezone.now(), "parts": parts},
    )


def _labelled(record, labels):
    """(kind, [(label, value)]) of one exported record, for the readable page."""
    values = [
        (labels.get(name, name), _readable(value))
        for name, value in record.items()
        if name != personal_data.KIND
    ]
    return record[personal_data.KIND], values


def _readable(value):
    """An exported moment as a local time the template shows in Russian; else the value."""
    try:
        moment = parse_datetime(value) if isinstance(value, str) else None
    except ValueError:  # text shaped like a moment that is none, such as "2026-13-45 10:00"
        return value
    if moment is not None and timezone.is_aware(moment):
        return timezone.localtime(moment)
    return value


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def delete(request):
    """Says what happens to each kind of record, then deletes on confirmation."""
    form = DeleteAccountForm(posted(request), user=request.user)
    status = 200
    if request.method == "POST":
        error = _confirm_and_delete(request, form)
        if error is None:
            logout(request)
            return redirect("accounts:goodbye")
        if error.message:
            form.add_error(None, error.message)
        status = error.status
    context = {
        "form": form,
        "refusal": deletion_refusal(request.user),
        "holdings": personal_data.holdings(),
    }
    return render(request, "accounts/delete_account.html", context, status=status)


def _confirm_and_delete(request, form):
    """Delete the account if the form confirms it; else the refusal (without a message when the
    form's own errors say it)."""
    if not ratelimit.allow("account_deletion", request.user.pk):
        return DeletionError(_("Too many attempts. Please try again in an hour."), status=429)
    if not form.is_valid():
        return DeletionError("")
    try:
        delete_account(request.user)
    except DeletionError as error:
        return error
    return None


@require_GET
def goodbye(request):
    return render(request, "accounts/goodbye.html")
