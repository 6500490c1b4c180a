"""Staff views in the Wagtail admin: the moderation queue and CSV import/export.

Each view checks its own permission: deciding needs change_changerequest, export the view
permission of the model, import its add and change permissions."""

import tablib
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST

from portal.admin_columns import value_label
from portal.pagination import paginate
from producers.models import Category, ChangeRequest, RequestStatus
from producers.models.moderation import to_json
from producers.resources import RESOURCES

MAX_IMPORT_BYTES = 5 * 1024 * 1024
KINDS = {"producer": gettext_lazy("Producer"), "product": gettext_lazy("Product")}


def require(request, *permissions):
    if not all(request.user.has_perm(permission) for permission in permissions):
        raise PermissionDenied


def queue(request):
    """Submissions with filters by status, kind and category; pending first by default."""
    require(request, "producers.change_changerequest")
    status = request.GET.get("status", RequestStatus.PENDING)
    kind = request.GET.get("kind", "")
    category = request.GET.get("category", "")
    requests = ChangeRequest.objects.select_related(
        "producer", "product__producer", "decided_by", "submitted_by"
    ).exclude(status=RequestStatus.OPEN)
    if status in RequestStatus.values:
        requests = requests.filter(status=status)
    if kind == "producer":
        requests = requests.filter(producer__isnull=False)
    elif kind == "product":
        requests = requests.filter(product__isnull=False)
    if category:
        requests = requests.filter(
            Q(producer__categories__slug=category) | Q(product__category__slug=category)
        ).distinct()
    order = ["submitted_at", "pk"] if status == RequestStatus.PENDING else ["-decided_at", "-pk"]
    context = {
        "requests_page": paginate(request, requests.order_by(*order), per_page=30),
        "statuses": [(s, label) for s, label in RequestStatus.choices if s != RequestStatus.OPEN],
        "status": status,
        "kinds": KINDS.items(),
        "kind": kind,
        "categories": Category.objects.all(),
        "category": category,
    }
    return TemplateResponse(request, "producers/admin/queue.html", context)


def decision(request, pk):
    """One submission: what changes, the item's history, and the approve and refuse forms."""
    require(request, "producers.change_changerequest")
    change = get_object_or_404(
        ChangeRequest.objects.select_related("producer", "product__producer"), pk=pk
    )
    target = change.target
    context = {
        "change": change,
        "target": target,
        "changes": _changes(change, target),
        "history": target.change_requests.exclude(status=RequestStatus.OPEN)
        .select_related("decided_by", "submitted_by")
        .order_by("-submitted_at", "-pk"),
    }
    return TemplateResponse(request, "producers/admin/decision.html", context)


def _changes(change, target):
    """(label, public value, proposed value) of each field the submission proposes, as staff
    read them: labels of choices and districts, months, related names, «—» for nothing."""
    current = {}
    if target.is_live:  # the public values are the record's own
        current = to_json({name: target._value(name) for name in target.EDITABLE})
    rows = []
    for name, value in change.data.items():
        field = target._meta.get_field(name)
        before = current.get(name)
        if target.is_live and before == value:
            continue
        rows.append((field.verbose_name, value_label(field, before), value_label(field, value)))
    return rows


@require_POST
def approve(request, pk):
    require(request, "producers.change_changerequest")
    change = get_object_or_404(ChangeRequest, pk=pk)
    try:
        change.target.approve(by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("producers_moderation:decision", pk=pk)
    messages.success(request, _("Approved and published: %(item)s.") % {"item": change.target})
    return redirect("producers_moderation:queue")


@require_POST
def refuse(request, pk):
    require(request, "producers.change_changerequest")
    change = get_object_or_404(ChangeRequest, pk=pk)
    try:
        change.target.refuse(by=request.user, reason=request.POST.get("reason", ""))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("producers_moderation:decision", pk=pk)
    messages.success(
        request, _("Refused: %(item)s. The producer is told the reason.") % {"item": change.target}
    )
    return redirect("producers_moderation:queue")


def csv_page(request):
    require(request, "producers.view_producer", "producers.view_product")
    return TemplateResponse(request, "producers/admin/csv.html", {"kinds": RESOURCES})


def export_csv(request, kind):
    if kind not in RESOURCES:
        raise PermissionDenied
    require(request, f"producers.view_{kind[:-1]}")
    dataset = RESOURCES[kind]().export()
    response = HttpResponse(dataset.csv, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{kind}.csv"'
    return response


@require_POST
def import_csv(request):
    """Dry run first; the rows are written only when every row is valid."""
    require(request, "producers.view_producer", "producers.view_product")  # as the CSV page
    kind = request.POST.get("kind", "")
    if kind not in RESOURCES:
        messages.error(request, _("Choose what to import: producers or products."))
        return redirect("producers_moderation:csv")
    model = kind[:-1]
    require(request, f"producers.add_{model}", f"producers.change_{model}")
    upload = request.FILES.get("file")
    error = _read_error(upload)
    if error:
        messages.error(request, error)
        return redirect("producers_moderation:csv")
    try:
        text = upload.read().decode("utf-8-sig")
        dataset = tablib.Dataset().load(text, format="csv")
    except (UnicodeDecodeError, tablib.core.InvalidDimensions, tablib.UnsupportedFormat):
        messages.error(request, _("The file is not a CSV table in UTF-8."))
        return redirect("producers_moderation:csv")
    resource = RESOURCES[kind]()
    result = resource.import_data(dataset, dry_run=True, raise_errors=False)
    report = import_report(result)
    if report:
        context = {"kinds": RESOURCES, "report": report, "kind": kind, "total": len(dataset)}
        return TemplateResponse(request, "producers/admin/csv.html", context, status=400)
    result = resource.import_data(dataset, dry_run=False, raise_errors=True)
    rows = len(dataset)
    message = {
        "producers": ngettext(
            "Imported %(count)d row of producers.", "Imported %(count)d rows of producers.", rows
        ),
        "products": ngettext(
            "Imported %(count)d row of products.", "Imported %(count)d rows of products.", rows
        ),
    }[kind]
    messages.success(request, message % {"count": rows})
    return redirect("producers_moderation:csv")


def _read_error(upload):
    if upload is None:
        return _("Choose a CSV file to import.")
    if upload.size > MAX_IMPORT_BYTES:
        return _("The file is too large: at most 5 MB.")
    return None


def import_report(result):
    """[(row number, [messages])] for every broken row of a dry run; empty when all are fine."""
    rows = {}
    for number, errors in result.row_errors():
        rows.setdefault(number, []).extend(str(error.error) for error in errors)
    for invalid in result.invalid_rows:
        for field, errors in invalid.error_dict.items():
            label = "" if field == "__all__" else f"{field}: "
            rows.setdefault(invalid.number, []).extend(f"{label}{error}" for error in errors)
    return sorted(rows.items())
