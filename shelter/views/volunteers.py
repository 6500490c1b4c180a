"""The volunteer programme's pages, routes of the shelter page: /shelter/volunteers/ (what
volunteering is, the application form or the state of one's application) and
/shelter/volunteers/shifts/ (for accepted volunteers: upcoming shifts, sign up and cancel).

Both pages are per person and never kept in the page cache; a POST answers with a redirect
(the message on the next page) or re-renders the page with the Russian reason and its 4xx.
"""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.verification import has_confirmed_email
from portal import ratelimit
from portal.consent import current as current_consent
from portal.pagination import paginate
from shelter import volunteering
from shelter.models.volunteers import VolunteerState
from shelter.volunteer_forms import ShiftActionForm, VolunteerApplicationForm
from shelter.volunteering import VolunteeringError


def _private(response):
    """Per person: kept by no cache (portal.page_cache skips private responses)."""
    response["Cache-Control"] = "private, no-store"
    return response


def _render(request, index_page, template, extra, status=200):
    context = index_page.get_context(request)
    context.update({"shelter_url": index_page.url, "noindex": True, **extra})
    return _private(TemplateResponse(request, template, context, status=status))


def volunteers_view(request, index_page):
    user = request.user
    if request.method == "POST":
        if not user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if request.POST.get("action") == "withdraw":
            return _withdraw(request, index_page)
    application = volunteering.latest_application(user)
    form, status, refusal = None, 200, volunteering.application_refusal(user)
    if refusal is None:
        form = VolunteerApplicationForm(request.POST if request.method == "POST" else None)
        if request.method == "POST":
            response, status = _apply(request, index_page, form)
            if response is not None:
                return response
    elif request.method == "POST":
        status = refusal.status
    return _render(
        request,
        index_page,
        "shelter/volunteers/volunteers.html",
        {
            "application": application,
            "form": form,
            "refusal": refusal if request.method == "POST" else None,
            "needs_email": user.is_authenticated and not has_confirmed_email(user),
            "consent": current_consent("volunteer"),
        },
        status=status,
    )


def _apply(request, index_page, form):
    """(redirect, 302) when the application is saved, else (None, 4xx) to show the form again."""
    if form.is_bot:
        return HttpResponseRedirect(index_page.url + "volunteers/"), 302
    if not ratelimit.allow("volunteer_application", request.user.pk):
        form.add_error(None, _("Too many attempts. Please try again later."))
        return None, 429
    if not form.is_valid():
        return None, 400
    try:
        volunteering.submit_volunteer_application(request.user, **form.application_fields())
    except VolunteeringError as refusal:
        form.add_error(None, refusal.message)
        return None, refusal.status
    messages.success(
        request,
        _("Thank you! Your application is saved: the shelter will answer by e-mail."),
    )
    return HttpResponseRedirect(index_page.url + "volunteers/"), 302


def _withdraw(request, index_page):
    application = volunteering.active_application(request.user)
    if application is not None:
        application.withdraw()
        messages.success(request, _("Your volunteer application is withdrawn."))
    return HttpResponseRedirect(index_page.url + "volunteers/")


def shifts_view(request, index_page):
    user = request.user
    if not user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    application = volunteering.active_application(user)
    if application is None or application.state != VolunteerState.ACCEPTED:
        return _render(
            request,
            index_page,
            "shelter/volunteers/shifts_closed.html",
            {"application": application},
            status=403,
        )
    error, status = None, 200
    if request.method == "POST":
        try:
            return _change_signup(request, index_page)
        except VolunteeringError as refusal:
            error, status = refusal.message, refusal.status
    now = timezone.now()
    signups = list(volunteering.my_signups(user, now))
    for signup in signups:
        signup.cancellable = volunteering.can_cancel(signup, now)
    shifts_page = paginate(request, volunteering.open_shifts(now))
    mine = {signup.shift_id for signup in signups}
    for shift in shifts_page.object_list:
        shift.is_mine = shift.pk in mine
        shift.places_left = max(shift.places - shift.taken, 0)
    return _render(
        request,
        index_page,
        "shelter/volunteers/shifts.html",
        {
            "signups": signups,
            "shifts_page": shifts_page,
            "error": error,
            "max_upcoming": volunteering.max_upcoming_shifts(),
        },
        status=status,
    )


def _change_signup(request, index_page):
    """Sign up or cancel as the POST says; a redirect on success, VolunteeringError else."""
    if not ratelimit.allow("volunteer_shift", request.user.pk):
        raise VolunteeringError(_("Too many attempts. Please try again later."), status=429)
    form = ShiftActionForm(request.POST)
    if not form.is_valid():
        raise VolunteeringError(_("There is no such shift."), status=400)
    shift_id, action = form.cleaned_data["shift"], form.cleaned_data["action"]
    if action == "sign_up":
        signup = volunteering.sign_up(request.user, shift_id)
        messages.success(
            request,
            _("You are signed up for «%(shift)s». We have sent the details by e-mail.")
            % {"shift": signup.shift},
        )
    else:
        signup = volunteering.cancel(request.user, shift_id)
        messages.success(
            request, _("Your sign-up for «%(shift)s» is cancelled.") % {"shift": signup.shift}
        )
    return HttpResponseRedirect(index_page.url + "volunteers/shifts/")
