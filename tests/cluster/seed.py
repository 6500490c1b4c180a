"""What the cluster tests need beyond the demo content; run by harness.Cluster in the cluster's
environment (`python -m tests.cluster.seed VOTERS`), prints what it made as JSON.

- a superuser with a password and a TOTP authenticator whose secret the tests know;
- a staff editor (the lockout test earns their lockout) and a citizen who signs in over HTTP;
- VOTERS verified citizens, each with a signed-in session written to the session store (signing
  in over HTTP would spend the tests' time on password hashing);
- a contest open for voting now, with accepted entries;
- the home page, the news section and the contest section, unless the demo content made them;
- a news item saved as a draft, for the admin to publish through one node.
"""

import json
import sys

import django

PASSWORD = "Klaster-2026-Sochi!"  # noqa: S105


def main(voters):
    django.setup()
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from contest.demo.seeding import (
        add_open_contest,
        bulk_add_entries,
        bulk_add_voters,
        signed_in_session,
    )
    from contest.models import ContestIndexPage
    from home.demo.loader import ensure_home
    from news.models import NewsIndexPage, NewsPage
    from portal.roles import EDITORS, ensure_roles

    users = get_user_model().objects
    admin = users.create_superuser("cluster-admin", "cluster-admin@sochi.example", PASSWORD)
    secret = generate_totp_secret()
    TOTP.activate(admin, secret)
    ensure_roles()
    editor = users.create_user(
        "cluster-editor", "cluster-editor@sochi.example", PASSWORD, is_staff=True
    )
    editor.groups.add(Group.objects.get(name=EDITORS))
    TOTP.activate(editor, generate_totp_secret())
    citizen = bulk_add_voters(
        1, prefix="cluster-citizen", password=PASSWORD, first_phone=79100000000
    )

    # Without the demo content (the tests start faster): the home page and the two sections.
    home = ensure_home(lambda text: None)
    index_page = ContestIndexPage.objects.first() or home.add_child(
        instance=ContestIndexPage(title="Лучший орган ТОС", slug="tos")
    )
    news_index = NewsIndexPage.objects.first() or home.add_child(
        instance=NewsIndexPage(title="Новости", slug="news")
    )
    contest = add_open_contest(index_page, title="Конкурс узлов", slug="cluster-contest")
    entries = bulk_add_entries(contest, 3, prefix="cluster")

    voters = bulk_add_voters(voters, prefix="cluster-voter")
    sessions = {signed_in_session(user): user.pk for user in voters}

    draft = news_index.add_child(
        instance=NewsPage(
            title="Узлы портала публикуют вместе",
            slug="cluster-draft",
            lead="Новость, опубликованная через один узел, видна на всех.",
            live=False,
        )
    )
    draft.save_revision(user=admin)

    print(
        json.dumps(
            {
                "password": PASSWORD,
                "admin": admin.username,
                "totp_secret": secret,
                "editor": editor.username,
                "citizen_email": citizen[0].email,
                "voter_sessions": list(sessions),
                "voter_ids": sessions,
                "vote_path": contest.url + contest.reverse_subpage("vote"),
                "entries": [entry.pk for entry in entries],
                "contest": contest.pk,
                "news_path": news_index.url,
                "draft": {"id": draft.pk, "title": draft.title},
            }
        )
    )


if __name__ == "__main__":
    main(int(sys.argv[1]))
