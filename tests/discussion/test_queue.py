"""The moderation queue in the admin: moderators (and the superuser) only; its filters."""

import re

import pytest

from discussion.models import Comment
from portal import roles
from tests.discussion.factories import approved, staff_in

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("group", [g for g in roles.STAFF_GROUPS if g != roles.MODERATORS])
def test_other_staff_groups_do_not_reach_the_queue(client, site_tree, group):
    client.force_login(staff_in(group, "someone"))
    response = client.get("/admin/discussion/")
    assert response.status_code in (302, 403)
    assert "/admin/discussion/" not in client.get("/admin/").content.decode()  # the menu


def test_moderators_see_the_queue_in_the_menu(client, staff):
    client.force_login(staff)
    assert client.get("/admin/discussion/").status_code == 200
    assert "/admin/discussion/" in client.get("/admin/").content.decode()  # the menu


def test_the_queue_shows_pending_first_and_reported_ones_on_request(
    client, news_item, staff, reader
):
    Comment.objects.create(page=news_item, display_name="Олег", text="Ждёт решения")
    reported = approved(news_item, text="С жалобой")
    approved(news_item, text="Давно опубликован")
    reported.report(by=reader, reason="Оскорбление")
    client.force_login(staff)
    pending = client.get("/admin/discussion/").content.decode()
    assert "Ждёт решения" in pending and "С жалобой" in pending
    assert "Давно опубликован" not in pending
    only_reported = client.get("/admin/discussion/?state=reported").content.decode()
    assert "С жалобой" in only_reported and "Ждёт решения" not in only_reported
    assert client.get("/admin/discussion/?state=nonsense").status_code == 200


def test_each_field_of_the_decision_page_has_its_own_id_and_label(client, news_item, staff):
    comment = approved(news_item, text="Вопрос о парке")
    client.force_login(staff)
    page = client.get(f"/admin/discussion/{comment.pk}/").content.decode()
    ids = re.findall(r'\sid="([^"]+)"', page)
    assert [i for i in set(ids) if ids.count(i) > 1] == []
    # The answer's label names the answer's own box, not the refusal's explanation.
    assert 'for="answer_text"' in page and 'id="answer_text"' in page
