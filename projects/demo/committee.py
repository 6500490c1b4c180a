"""Demo project committee: two meetings whose decisions change the shelter project's passport. The
first decision also records the approval the passport names (1-ПК) as version 1, so its «История
паспорта» has three versions and the field-by-field changes between them.

The decisions go through projects.committee.decide(), as the desk records them: the change is
prepared as a draft of the passport and the decision publishes it. Idempotent: a meeting is
matched by its protocol number and is only made once.
"""

import datetime
from decimal import Decimal

from django.core.files.base import ContentFile
from wagtail.documents import get_document_model

from projects.committee import decide
from projects.models import CommitteeMeeting, ControlPoint, DecisionKind, ProjectPage

PROJECT = "gumannoe-regulirovanie"
MEETINGS = [
    {
        "number": "2-ПК",
        "held_on": datetime.date(2026, 6, 18),
        "reason": "Проектная документация приюта выделена в отдельный этап: без её экспертизы "
        "разрешение на строительство не выдаётся.",
        "add_point": ("Проектная документация приюта прошла экспертизу", datetime.date(2026, 9, 1)),
    },
    {
        "number": "3-ПК",
        "held_on": datetime.date(2026, 10, 29),
        "reason": "Разрешение на строительство получено на 40 дней позже плана; подрядчик "
        "перенёс ввод приюта, город добавил средства на подключение к сетям.",
        "move_point": ("Приют введён в эксплуатацию", datetime.date(2028, 3, 1)),
        "budget": ("city", 2027, Decimal("18000")),
    },
]


def ensure_committee(index, note):
    project = ProjectPage.objects.child_of(index).filter(slug=PROJECT).first()
    if project is None:
        return
    for meeting_data in MEETINGS:
        if CommitteeMeeting.objects.filter(number=meeting_data["number"]).exists():
            continue
        meeting = CommitteeMeeting.objects.create(
            number=meeting_data["number"],
            held_on=meeting_data["held_on"],
            protocol=protocol_document(meeting_data),
        )
        meeting.agenda.add(project)
        prepare_draft(ProjectPage.objects.get(pk=project.pk), meeting_data)
        decide(meeting, project, DecisionKind.CHANGE, meeting_data["reason"], by=None)
        note(f"project committee {meeting.number}: version of «{project.title}»")


def prepare_draft(project, meeting_data):
    """The project office's draft of the change the meeting decides on."""
    draft = project.get_latest_revision_as_object()
    points = list(draft.control_points.all())
    if "add_point" in meeting_data:
        title, planned_on = meeting_data["add_point"]
        points.insert(2, ControlPoint(title=title, planned_on=planned_on))
    if "move_point" in meeting_data:
        title, planned_on = meeting_data["move_point"]
        for point in points:
            if point.title == title:
                point.planned_on = planned_on
    for number, point in enumerate(points):
        point.sort_order = number
    draft.control_points = points
    if "budget" in meeting_data:
        source, year, amount = meeting_data["budget"]
        lines = list(draft.budget_lines.all())
        for line in lines:
            if (line.source, line.year) == (source, year):
                line.amount = amount
        draft.budget_lines = lines
    draft.save_revision()


def protocol_document(meeting_data):
    title = f"Протокол заседания проектного комитета № {meeting_data['number']}"
    document = get_document_model()(title=title)
    document.file.save(f"protocol-{meeting_data['held_on']:%Y-%m-%d}.pdf", ContentFile(_pdf()))
    return document


def _pdf():
    """A one-page PDF naming the protocol (Latin text: the base-14 fonts have no Cyrillic)."""
    text = "Sochi project committee protocol"
    stream = f"BT /F1 14 Tf 72 760 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    body = b"%PDF-1.4\n"
    offsets = []
    for number, content in enumerate(objects, start=1):
        offsets.append(len(body))
        body += b"%d 0 obj\n" % number + content + b"\nendobj\n"
    xref = len(body)
    body += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    body += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    body += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return body
