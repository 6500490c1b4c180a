"""The producer cabinet at /cabinet/: a producer's own profile, products and fair dates.

Every record is fetched through the helpers below, scoped to the signed-in owner: another
producer's ids give 404. The cabinet needs a confirmed e-mail address.
"""

import datetime
import functools

from allauth.account.models import EmailAddress
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from portal import ratelimit
from portal.pagination import paginate
from portal.params import BadParameterError, parse_id
from producers.forms import ProducerForm, ProductForm
from producers.models import FairDay, ModerationStatus, Producer, Product, RosterEntry

# How far ahead a producer may sign up for fair days.
FAIR_DAYS_AHEAD = 60


def cabinet_view(view):
    """Signed in (else the login page) with a confirmed e-mail (else a page saying so)."""

    @login_required
    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if not EmailAddress.objects.filter(user=request.user, verified=True).exists():
            return TemplateResponse(request, "producers/cabinet/confirm_email.html", status=403)
        return view(request, *args, **kwargs)

    return wrapper


def own_producer(request):
    return Producer.objects.filter(owner=request.user).first()


def own_producer_or_404(request):
    producer = own_producer(request)
    if producer is None:
        raise Http404
    return producer


def own_product(request, pk):
    return get_object_or_404(Product, pk=pk, producer__owner=request.user)


def own_entry(request, pk):
    return get_object_or_404(RosterEntry, pk=pk, producer__owner=request.user)


def submission_allowed(request):
    """The rate limit of submissions per account; a page saying so when over it."""
    if ratelimit.allow("producer_submit", request.user.pk):
        return None
    return TemplateResponse(request, "producers/cabinet/rate_limited.html", status=429)


def show_errors(request, error):
    messages.error(request, " ".join(error.messages))


@cabinet_view
def dashboard(request):
    producer = own_producer(request)
    context = {"producer": producer}
    if producer is not None:
        products = list(producer.products.select_related("category").order_by("name"))
        refusals = {refusal.product_id: refusal for refusal in producer_refusals(products)}
        for product in products:
            product.refusal = refusals.get(product.pk) if product.status == "refused" else None
        context.update(
            {
                "products": products,
                "producer_refusal": producer.last_refusal()
                if producer.status == ModerationStatus.REFUSED
                else None,
                "entries": producer.fair_entries.filter(fair_day__date__gte=timezone.localdate())
                .select_related("fair_day__fair")
                .order_by("fair_day__date"),
            }
        )
    return TemplateResponse(request, "producers/cabinet/dashboard.html", context)


def producer_refusals(products):
    """The latest refusal of each refused product, newest decision last wins."""
    from producers.models import ChangeRequest, RequestStatus

    refused = [product.pk for product in products if product.status == "refused"]
    return ChangeRequest.objects.filter(product__in=refused, status=RequestStatus.REFUSED).order_by(
        "decided_at"
    )


@cabinet_view
def profile(request):
    """Create the profile (with consent) or edit it; an edit of a published profile waits for
    moderation while the public version stays."""
    producer = own_producer(request)
    creating = producer is None
    initial = None if creating else producer.current_values()
    if request.method == "POST":
        form = ProducerForm(request.POST, request.FILES, instance=producer, ask_consent=creating)
        if form.is_valid():
            values = form.values(request.user)
            if creating:
                producer = create_producer(request.user, values, form.consent)
            else:
                producer.edit(values, by=request.user)
            messages.success(
                request, _("Saved. Submit the profile for moderation when it is ready.")
            )
            return redirect("cabinet:dashboard")
    else:
        form = ProducerForm(instance=producer, initial=initial, ask_consent=creating)
    context = {"form": form, "producer": producer, "creating": creating}
    return TemplateResponse(request, "producers/cabinet/profile_form.html", context)


def create_producer(user, values, consent):
    producer = Producer(owner=user, consent_version=consent.version, consented_at=timezone.now())
    producer.apply(values)
    return producer


@cabinet_view
@require_POST
def submit_profile(request):
    producer = own_producer_or_404(request)
    limited = submission_allowed(request)
    if limited:
        return limited
    try:
        producer.submit(by=request.user)
    except ValidationError as error:
        show_errors(request, error)
    else:
        messages.success(request, _("The profile is submitted for moderation."))
    return redirect("cabinet:dashboard")


@cabinet_view
def product_form(request, pk=None):
    producer = own_producer_or_404(request)
    product = own_product(request, pk) if pk is not None else None
    if product is None and not producer.is_live:
        messages.error(request, _("Products can be added once the profile is published."))
        return redirect("cabinet:dashboard")
    initial = product.current_values() if product is not None else None
    if request.method == "POST":
        form = ProductForm(request.POST, request.FILES, instance=product)
        if form.is_valid():
            values = form.values(request.user)
            if product is None:
                product = Product(producer=producer)
                product.apply(values)
            else:
                product.edit(values, by=request.user)
            messages.success(request, _("Saved. Submit the product for moderation when ready."))
            return redirect("cabinet:dashboard")
    else:
        form = ProductForm(instance=product, initial=initial)
    context = {"form": form, "product": product, "producer": producer}
    return TemplateResponse(request, "producers/cabinet/product_form.html", context)


@cabinet_view
@require_POST
def submit_product(request, pk):
    product = own_product(request, pk)
    limited = submission_allowed(request)
    if limited:
        return limited
    try:
        product.submit(by=request.user)
    except ValidationError as error:
        show_errors(request, error)
    else:
        messages.success(request, _("The product is submitted for moderation."))
    return redirect("cabinet:dashboard")


@cabinet_view
def delete_product(request, pk):
    """Deleting one's own product takes effect at once, without moderation: withdrawing an
    offer publishes nothing new, and the producer must be able to stop selling immediately."""
    product = own_product(request, pk)
    if request.method == "POST":
        product.delete()
        messages.success(request, _("The product is deleted."))
        return redirect("cabinet:dashboard")
    return TemplateResponse(request, "producers/cabinet/product_delete.html", {"product": product})


@cabinet_view
def fairs(request):
    """Coming fair days with free places; the producer says on which they trade.

    A sign-up puts the producer on the day's roster at once (within the fair's trading places,
    see FairDay.add_producer): it is a roster line, not a publication. Staff see every sign-up,
    newest first, under "Fair sign-ups" in the admin and remove one they do not accept."""
    producer = own_producer_or_404(request)
    today = timezone.localdate()
    if request.method == "POST":
        try:
            day_id = parse_id(request.POST.get("fair_day"))
        except BadParameterError:
            day_id = None
        day = FairDay.objects.filter(pk=day_id).first() if day_id else None
        if day is None:
            messages.error(request, _("Choose a fair day from the list."))
        else:
            try:
                day.add_producer(producer)
            except ValidationError as error:
                show_errors(request, error)
            else:
                messages.success(request, _("You are on the list of %(day)s.") % {"day": day})
        return redirect("cabinet:fairs")
    days = (
        FairDay.objects.filter(
            date__gte=today, date__lte=today + datetime.timedelta(days=FAIR_DAYS_AHEAD)
        )
        .select_related("fair")
        .order_by("date", "fair__name")
    )
    joined = dict(producer.fair_entries.values_list("fair_day_id", "pk"))
    days_page = paginate(request, days, per_page=30)
    for day in days_page.object_list:
        day.my_entry_id = joined.get(day.pk)
    context = {"producer": producer, "days_page": days_page}
    return TemplateResponse(request, "producers/cabinet/fairs.html", context)


@cabinet_view
@require_POST
def leave_fair(request, pk):
    """Leaving a fair day takes effect at once, like deleting a product."""
    entry = own_entry(request, pk)
    entry.delete()
    messages.success(request, _("You are no longer on the list of that fair day."))
    return redirect("cabinet:fairs")
