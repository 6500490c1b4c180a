"""The ТОС chair's pages: registering the ТОС (my-tos/ on the contest section) and applying to a
contest (apply/ and apply/<id>/ on the contest page).

Signed-in residents with a confirmed e-mail only; every answer is private (never page-cached), and
uploads count against a rate limit per account.
"""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accounts.verification import has_confirmed_email
from contest import applications
from contest.applications import ApplicationError
from contest.forms.applications import ApplicationForm, TosForm
from contest.models import ApplicationState, EntryApplication, Tos
from portal.ratelimit import allow


def _private(response):
    response["Cache-Control"] = "private, no-store"
    return response


def _render(request, page, template, context, status=200):
    full = page.get_context(request)
    full.update({"page": page, "noindex": True, **context})
    return _private(TemplateResponse(request, template, full, status=status))


def _resident(request, page):
    """None when the visitor may use the chair's pages, else the answer to give them."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not has_confirmed_email(request.user):
        message = _("Confirm your e-mail address to register a ТОС and apply.")
        return _render(request, page, "contest/apply/refused.html", {"error": message}, 403)
    return None


def _my_tos(user):
    return Tos.objects.filter(chair=user).first()


@require_http_methods(["GET", "POST"])
def my_tos_view(request, index_page):
    refusal = _resident(request, index_page)
    if refusal is not None:
        return refusal
    tos = _my_tos(request.user)
    form, status = None, 200
    if tos is None:
        form = TosForm(request.POST or None)
        if request.method == "POST":
            if form.is_valid():
                try:
                    applications.register_tos(form.save(commit=False), chair=request.user)
                except ApplicationError as error:
                    form.add_error(None, error.message)
                else:
                    messages.success(request, _("The ТОС is registered; staff will confirm it."))
                    return redirect(request.path)
            status = 400
    elif request.method == "POST":
        return _private(redirect(request.path))
    context = {"tos": tos, "form": form}
    if tos is not None:
        context["applications"] = tos.applications.select_related("contest").order_by("-created_at")
        context["open_contests"] = [
            contest for contest in _contests(index_page) if contest.accepts_applications()
        ]
    return _render(request, index_page, "contest/apply/my_tos.html", context, status)


def _contests(index_page):
    from contest.models import ContestPage

    return ContestPage.objects.live().child_of(index_page).order_by("-applications_open_on")


@require_http_methods(["GET", "POST"])
def apply_view(request, contest):
    """Choose the nomination: opens the ТОС's draft for it (or the one it has)."""
    refusal = _resident(request, contest)
    if refusal is not None:
        return refusal
    tos = _my_tos(request.user)
    error, status = None, 200
    if request.method == "POST" and tos is not None:
        try:
            application = applications.start(contest, tos, request.POST.get("nomination", ""))
        except ApplicationError as refused:
            error, status = refused.message, refused.status
        else:
            return _private(redirect(_application_url(contest, application)))
    mine = {}
    if tos is not None:
        mine = {a.nomination: a for a in tos.applications.filter(contest=contest)}
    nominations = contest.nomination_list() or [""]
    context = {
        "contest": contest,
        "tos": tos,
        "error": error,
        "choices": [(nomination, mine.get(nomination)) for nomination in nominations],
        "open": contest.accepts_applications(),
    }
    return _render(request, contest, "contest/apply/apply.html", context, status)


def _application_url(contest, application):
    return contest.url + contest.reverse_subpage("application", args=[application.pk])


@require_http_methods(["GET", "POST"])
def application_view(request, contest, application_id):
    refusal = _resident(request, contest)
    if refusal is not None:
        return refusal
    application = (
        EntryApplication.objects.select_related("tos", "contest", "entry")
        .filter(pk=application_id, contest=contest, tos__chair=request.user)
        .first()
    )
    if application is None:
        raise Http404
    form, error, status = None, None, 200
    if application.editable:
        posted = request.method == "POST"
        form = ApplicationForm.for_application(
            application, request.POST if posted else None, request.FILES if posted else None
        )
    if request.method == "POST":
        if form is None:
            error, status = _("This application can no longer be edited."), 409
        elif request.FILES and not allow("tos_application_upload", request.user.pk):
            error, status = _("Too many uploads. Please try again later."), 429
        elif form.is_valid():
            try:
                _save(request, application, form)
            except ApplicationError as refused:
                error, status = refused.message, refused.status
            else:
                return _private(redirect(request.path))
        else:
            status = 400
    context = {
        "contest": contest,
        "application": application,
        "form": form,
        "error": error,
        "photos": application.photos.select_related("image"),
        "documents": application.documents.all(),
        "events": application.events.exclude(state=ApplicationState.DRAFT),
        "deadline": application.deadline(),
    }
    return _render(request, contest, "contest/apply/application.html", context, status)


def _save(request, application, form):
    """Keep the text and files; then submit when the chair pressed «Подать заявку»."""
    data = form.cleaned_data
    applications.save_draft(
        application,
        description=data["description"],
        achievements=data["achievements"],
        figures=data["figures"],
    )
    image = form.new_image(request.user)
    if image is not None:
        applications.add_photo(application, image, data["photo_alt"])
    if data.get("document"):
        applications.add_document(application, data["document"], data["document_title"])
    if request.POST.get("action") == "submit":
        applications.submit(application, by=request.user)
        messages.success(request, _("The application is submitted."))
    else:
        messages.success(request, _("The draft is saved."))
