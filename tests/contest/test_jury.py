"""The jury: who scores, when, what each may see before the stage closes, conflicts of interest.

The jury stage of these contests runs from the opening of voting (16 November 2026) until
JURY_CLOSES (12 December 2026, two days after voting closes).
"""

import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse

from contest.jury import (
    JuryError,
    declare_conflict,
    jury_scores,
    record_scores,
    scoring_refusal,
    sees_all_scores,
)
from contest.models import ConflictDeclaration, ContestPage, ContestResults, JuryScore
from contest.results import publish_results
from portal import roles
from tests.contest.factories import CLOSES, NOW, OPENS, EntryPageFactory
from tests.contest.jury_factories import JURY_CLOSES, juror, staff, with_jury

pytestmark = pytest.mark.django_db
AFTER_JURY = JURY_CLOSES + datetime.timedelta(hours=1)


@pytest.fixture
def criteria(contest):
    return with_jury(contest, criteria=[("Благоустройство", 2, 10), ("Вовлечённость", 1, 5)])


@pytest.fixture
def jurors(site_tree):
    return juror("juror-anna"), juror("juror-boris")


def scores(criteria, *values):
    return {criterion.pk: value for criterion, value in zip(criteria, values, strict=True)}


# --- who may score, when ----------------------------------------------------------------------


def test_a_juror_scores_an_accepted_entry_while_the_stage_is_open(criteria, entries, jurors):
    contest = entries[0].contest()
    record_scores(contest, entries[0], jurors[0], scores(criteria, 7, 3), now=NOW)
    saved = JuryScore.objects.filter(entry=entries[0], juror=jurors[0])
    assert sorted(saved.values_list("score", flat=True)) == [3, 7]


def test_saving_again_replaces_the_jurors_scores(criteria, entries, jurors):
    contest = entries[0].contest()
    record_scores(contest, entries[0], jurors[0], scores(criteria, 7, 3), now=NOW)
    record_scores(contest, entries[0], jurors[0], scores(criteria, 9, 5), now=NOW)
    saved = JuryScore.objects.filter(entry=entries[0], juror=jurors[0])
    assert saved.count() == 2
    assert sorted(saved.values_list("score", flat=True)) == [5, 9]


@pytest.mark.parametrize(
    ("moment", "message"),
    [
        (OPENS - datetime.timedelta(seconds=1), "opens together with voting"),
        (JURY_CLOSES, "closed"),  # the closing instant itself is too late
        (AFTER_JURY, "closed"),
    ],
)
def test_no_scores_outside_the_stage(criteria, entries, jurors, moment, message):
    contest = entries[0].contest()
    with pytest.raises(JuryError) as refusal:
        record_scores(contest, entries[0], jurors[0], scores(criteria, 7, 3), now=moment)
    assert refusal.value.status == 403
    assert not JuryScore.objects.exists()
    # A moment before the closing instant is still in the stage, after voting has closed too.
    assert scoring_refusal(contest, entries[0], jurors[0], CLOSES) is None


def test_scores_must_be_on_every_criterion_and_within_its_scale(criteria, entries, jurors):
    contest = entries[0].contest()
    for bad in [scores(criteria, 11, 3), scores(criteria, 7, 6), scores(criteria, -1, 3)]:
        with pytest.raises(JuryError):
            record_scores(contest, entries[0], jurors[0], bad, now=NOW)
    with pytest.raises(JuryError):
        record_scores(contest, entries[0], jurors[0], {criteria[0].pk: 7}, now=NOW)
    assert not JuryScore.objects.exists()


def test_only_jurors_score_and_only_accepted_entries(criteria, contest, entries, jurors):
    commission = staff("commission", roles.CONTEST)
    with pytest.raises(JuryError) as refusal:
        record_scores(contest, entries[0], commission, scores(criteria, 7, 3), now=NOW)
    assert refusal.value.status == 403
    applicant = EntryPageFactory(parent=contest)
    with pytest.raises(JuryError):
        record_scores(contest, applicant, jurors[0], scores(criteria, 7, 3), now=NOW)
    assert not JuryScore.objects.exists()


def test_results_wait_for_the_jury(criteria, contest, entries, admin_user):
    with pytest.raises(ValidationError):
        publish_results(contest, by=admin_user, now=CLOSES + datetime.timedelta(hours=1))
    assert not ContestResults.objects.exists()
    results = publish_results(contest, by=admin_user, now=AFTER_JURY)
    assert len(results.scores_sha256) == 64


# --- conflict of interest ---------------------------------------------------------------------


def test_a_conflict_removes_the_jurors_scores_and_stops_further_ones(criteria, entries, jurors):
    contest = entries[0].contest()
    anna, boris = jurors
    record_scores(contest, entries[0], anna, scores(criteria, 10, 5), now=NOW)
    record_scores(contest, entries[0], boris, scores(criteria, 4, 2), now=NOW)
    record_scores(contest, entries[1], anna, scores(criteria, 6, 1), now=NOW)
    declare_conflict(contest, entries[0], anna, "Живу на территории этого ТОС.", now=NOW)
    assert not JuryScore.objects.filter(entry=entries[0], juror=anna).exists()
    assert JuryScore.objects.filter(entry=entries[1], juror=anna).count() == 2  # others stay
    with pytest.raises(JuryError) as refusal:
        record_scores(contest, entries[0], anna, scores(criteria, 10, 5), now=NOW)
    assert refusal.value.status == 403
    # Entry 0's jury score is Boris's alone: 100 × (2 × 4/10 + 1 × 2/5) / 3 = 100 × 1.2 / 3 = 40.
    assert jury_scores(contest)[entries[0].pk] == 40


def test_a_conflict_needs_a_reason_and_is_declared_once(criteria, entries, jurors):
    contest = entries[0].contest()
    with pytest.raises(JuryError):
        declare_conflict(contest, entries[0], jurors[0], "   ", now=NOW)
    declare_conflict(contest, entries[0], jurors[0], "Родственник председателя", now=NOW)
    with pytest.raises(JuryError):
        declare_conflict(contest, entries[0], jurors[0], "Ещё раз", now=NOW)
    assert ConflictDeclaration.objects.count() == 1


def test_the_desk_records_a_conflict(client, criteria, entries, jurors, frozen):
    client.force_login(jurors[0])
    url = reverse("contest_admin:jury_conflict", args=[entries[0].pk])
    assert client.post(url, {"reason": ""}).status_code == 400
    response = client.post(url, {"reason": "Работаю с председателем"})
    assert response.status_code == 302
    desk = client.get(reverse("contest_admin:jury_contest", args=[entries[0].contest().pk]))
    assert "Конфликт интересов заявлен" in desk.content.decode()
    page = client.get(reverse("contest_admin:jury_score", args=[entries[0].pk])).content.decode()
    assert "вы его не оцениваете" in page and f'name="c{criteria[0].pk}"' not in page


# --- secrecy ----------------------------------------------------------------------------------


def test_before_the_stage_closes_nobody_sees_others_scores(
    client, criteria, entries, jurors, frozen
):
    contest = entries[0].contest()
    anna, boris = jurors
    record_scores(contest, entries[0], boris, scores(criteria, 9, 4), now=NOW)
    commission = staff("commission", roles.CONTEST)
    for user in (anna, boris, commission):
        assert not sees_all_scores(user, contest, NOW)
    # Anna's form is empty: Boris's 9 and 4 are not her initial values.
    client.force_login(anna)
    form = client.get(reverse("contest_admin:jury_score", args=[entries[0].pk])).content.decode()
    assert 'value="9"' not in form and 'value="4"' not in form
    # Boris sees his own.
    client.force_login(boris)
    form = client.get(reverse("contest_admin:jury_score", args=[entries[0].pk])).content.decode()
    assert 'value="9"' in form and 'value="4"' in form
    # The commission sees that one juror has scored, not what.
    client.force_login(commission)
    desk = client.get(reverse("contest_admin:jury_contest", args=[contest.pk]))
    assert desk.status_code == 200
    assert desk.context["sees_all"] is False and "table" not in desk.context
    assert [row.jurors for row in desk.context["rows"]][:1] == [1]
    # Nor the public: the score list is published with the results only.
    assert client.get(f"{contest.url}scores.csv").status_code == 404


def test_after_the_stage_closes_the_jury_and_the_commission_see_all(
    client, criteria, entries, jurors
):
    contest = entries[0].contest()
    anna, boris = jurors
    record_scores(contest, entries[0], anna, scores(criteria, 8, 4), now=NOW)
    record_scores(contest, entries[0], boris, scores(criteria, 6, 2), now=NOW)
    commission = staff("commission", roles.CONTEST)
    editor = staff("editor", roles.EDITORS)
    assert not sees_all_scores(editor, contest, AFTER_JURY)
    with time_machine.travel(AFTER_JURY, tick=False):
        for user in (anna, commission):
            assert sees_all_scores(user, contest)
            client.force_login(user)
            desk = client.get(reverse("contest_admin:jury_contest", args=[contest.pk]))
            assert desk.context["sees_all"] is True
            # 100 × (2 × 7/10 + 1 × 3/5) / 3 = 100 × 2.0 / 3 = 66.67
            assert str(desk.context["rows"][0].jury_score) == "66.67"
            assert [scores for _, scores in desk.context["table"][0][1]] == [[8, 4], [6, 2]]


# --- the desk's doors --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("group", "desk", "form"),
    [
        (roles.JURY, 200, 200),
        (roles.CONTEST, 200, 302),  # the commission follows; Wagtail sends it home from the form
        (roles.EDITORS, 302, 302),
    ],
)
def test_who_opens_the_desk(client, criteria, entries, group, desk, form, frozen):
    client.force_login(staff(f"user-{abs(hash(group))}", group))
    assert client.get(reverse("contest_admin:jury_index")).status_code == desk
    assert client.get(reverse("contest_admin:jury_score", args=[entries[0].pk])).status_code == (
        form
    )


@pytest.mark.parametrize("value", ["", "abc", "-1", "11", "1e3", "9" * 40, "7.5", "\x00"])
def test_bad_scores_get_a_russian_message_and_a_400(client, criteria, entries, jurors, value):
    client.force_login(jurors[0])
    url = reverse("contest_admin:jury_score", args=[entries[0].pk])
    with time_machine.travel(NOW, tick=False):
        response = client.post(url, {f"c{criteria[0].pk}": value, f"c{criteria[1].pk}": "3"})
    assert response.status_code == 400
    assert not JuryScore.objects.exists()
    errors = " ".join(response.context["form"].errors[f"c{criteria[0].pk}"])
    assert errors and any("а" <= ch <= "я" for ch in errors.lower())


def test_the_desk_saves_scores(client, criteria, entries, jurors, frozen):
    client.force_login(jurors[0])
    url = reverse("contest_admin:jury_score", args=[entries[0].pk])
    response = client.post(url, {f"c{criteria[0].pk}": "7", f"c{criteria[1].pk}": "3"})
    assert response.status_code == 302
    assert JuryScore.objects.filter(juror=jurors[0]).count() == 2


def test_the_desk_refuses_after_the_stage(client, criteria, entries, jurors):
    client.force_login(jurors[0])
    url = reverse("contest_admin:jury_score", args=[entries[0].pk])
    with time_machine.travel(AFTER_JURY, tick=False):
        response = client.post(url, {f"c{criteria[0].pk}": "7", f"c{criteria[1].pk}": "3"})
    assert response.status_code == 403
    assert "Оценка жюри завершена" in response.content.decode()
    assert not JuryScore.objects.exists()


# --- the contest's settings -------------------------------------------------------------------


def test_a_jury_rule_needs_the_stage_and_the_stage_fits_the_dates(contest):
    contest.result_rule = "weighted"
    with pytest.raises(ValidationError) as error:
        contest.full_clean()
    assert "jury_closes_at" in error.value.message_dict
    contest.jury_closes_at = OPENS - datetime.timedelta(hours=1)
    with pytest.raises(ValidationError):
        contest.full_clean()
    contest.jury_closes_at = datetime.datetime(2026, 12, 20, tzinfo=datetime.UTC)
    with pytest.raises(ValidationError):  # after results_on, 15 December
        contest.full_clean()
    contest.jury_closes_at = JURY_CLOSES
    contest.full_clean()


# --- the contest page editor ------------------------------------------------------------------


def editor_form(contest, admin_user, rule, criteria, initial=0):
    from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

    form_class = ContestPage.get_edit_handler().get_form_class()
    data = nested_form_data(
        {
            "title": contest.title,
            "slug": contest.slug,
            "intro": contest.intro,
            "rules": rich_text("<p>Правила</p>"),
            "nominations": "",
            "applications_open_on": "2026-09-01",
            "applications_close_on": "2026-10-15",
            "voting_opens_at": "2026-11-16 10:00",
            "voting_closes_at": "2026-12-10 20:00",
            "results_on": "2026-12-15",
            "counts_hidden_while_voting": "on",
            "jury_closes_at": "2026-12-12 20:00",
            "result_rule": rule,
            "jury_weight_percent": "60",
            "jury_criteria": inline_formset(criteria, initial=initial),
        }
    )
    return form_class(data, instance=contest, parent_page=contest.get_parent(), for_user=admin_user)


def test_the_editor_asks_for_criteria_for_a_jury_rule(contest, admin_user):
    assert "jury_closes_at" in ContestPage.get_edit_handler().get_form_class().base_fields
    form = editor_form(contest, admin_user, "weighted", [])
    assert not form.is_valid()
    assert "result_rule" in form.errors
    criterion = {"name": "Благоустройство", "description": "", "weight": "2", "scale_max": "10"}
    assert editor_form(contest, admin_user, "weighted", [criterion]).is_valid()
    assert editor_form(contest, admin_user, "vote", []).is_valid()


def test_a_scored_criterion_keeps_its_scale_and_stays(contest, entries, jurors, admin_user):
    (criterion,) = with_jury(contest, rule="weighted", criteria=[("Благоустройство", 2, 10)])
    record_scores(contest, entries[0], jurors[0], {criterion.pk: 7}, now=NOW)
    fields = {"id": criterion.pk, "name": criterion.name, "description": "", "weight": "2"}
    same = editor_form(contest, admin_user, "weighted", [{**fields, "scale_max": "10"}], 1)
    assert same.is_valid(), same.errors
    rescaled = editor_form(contest, admin_user, "weighted", [{**fields, "scale_max": "5"}], 1)
    assert not rescaled.is_valid()
    deleted = {**fields, "scale_max": "10", "DELETE": "on"}
    assert not editor_form(contest, admin_user, "vote", [deleted], 1).is_valid()
    assert JuryScore.objects.count() == 1


def test_after_publication_the_rule_stays(contest, entries, admin_user):
    with_jury(contest, rule="weighted", jury_weight=60)
    publish_results(contest, by=admin_user, now=AFTER_JURY)
    contest = ContestPage.objects.select_related("results").get(pk=contest.pk)
    contest.jury_weight_percent = 30
    with pytest.raises(ValidationError) as error:
        contest.full_clean()
    assert "jury_weight_percent" in error.value.message_dict
