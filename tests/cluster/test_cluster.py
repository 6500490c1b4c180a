"""Two app nodes behind nginx share everything a visitor's next request may need.

Each test drives the cluster over HTTP as a browser would: through the proxy, or straight at one
node (with the headers nginx adds) where it matters which node answers. What the database holds is
read with SQL, the way a support engineer would check it.
"""

import io
import re
import threading
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import pytest
from PIL import Image

from portal.renditions import SPECS
from tests.accounts.staff import totp_code
from tests.cluster.harness import BUCKET, Visitor

pytestmark = pytest.mark.cluster

LOCKOUT_FAILURES = 5  # AXES_FAILURE_LIMIT


@pytest.fixture(scope="module")
def staff(cluster):
    """The superuser, signed in (password and TOTP code) through node A."""
    seeded, node_a = cluster.seeded, cluster.node(0)
    admin = Visitor()
    signed = admin.submit(
        node_a, "/admin/login/", {"login": seeded["admin"], "password": seeded["password"]}
    )
    assert signed.status == 302 and signed.headers["Location"] == "/accounts/2fa/authenticate/"
    confirmed = admin.submit(
        node_a, "/accounts/2fa/authenticate/", {"code": totp_code(seeded["totp_secret"])}
    )
    assert confirmed.status == 302, confirmed.text[:500]
    return admin


def wait_for(check, what, seconds=30):
    deadline = time.monotonic() + seconds
    while not check():
        assert time.monotonic() < deadline, what
        time.sleep(0.3)


def test_a_session_started_on_one_node_is_valid_on_the_other(cluster):
    citizen = Visitor()
    seeded = cluster.seeded
    signed = citizen.submit(
        cluster.node(0),
        "/accounts/login/",
        {"login": seeded["citizen_email"], "password": seeded["password"]},
    )
    assert signed.status == 302, signed.text[:500]
    profile = citizen.get(cluster.node(1), "/accounts/profile/")
    assert profile.status == 200
    assert seeded["citizen_email"] in profile.text
    # Signing out on B ends the session on A too.
    assert citizen.submit(cluster.node(1), "/accounts/logout/").status == 302
    assert citizen.get(cluster.node(0), "/accounts/profile/").status == 302


def test_a_vote_cast_on_one_node_is_refused_on_the_other(cluster):
    seeded = cluster.seeded
    voter = Visitor()
    voter.submit(
        cluster.node(0),
        "/accounts/login/",
        {"login": seeded["citizen_email"], "password": seeded["password"]},
    )
    entry = seeded["entries"][0]
    page = f"{seeded['vote_path']}?entry={entry}"
    # The confirmation page, open in two tabs: one served by A, the other by B.
    form = {"entry": entry, "csrfmiddlewaretoken": voter.get(cluster.node(0), page).form_token()}
    assert voter.get(cluster.node(1), page).status == 200
    first = voter.post(cluster.node(0), seeded["vote_path"], form)
    assert first.status == 302 and "/receipt/" in first.headers["Location"]
    second = voter.post(cluster.node(1), seeded["vote_path"], form)
    assert second.status == 409
    assert "Вы уже проголосовали" in second.text
    assert voter.get(cluster.node(1), page).status == 409
    votes = cluster.sql(
        "SELECT count(*) FROM contest_vote v JOIN auth_user u ON u.id = v.voter_id "
        "WHERE u.email = %s",
        seeded["citizen_email"],
    )
    assert votes == [(1,)]


def test_a_lockout_earned_on_one_node_holds_on_the_other(cluster):
    seeded = cluster.seeded
    intruder = Visitor(address="203.0.113.7")
    for _ in range(LOCKOUT_FAILURES):
        wrong = intruder.submit(
            cluster.node(0), "/admin/login/", {"login": seeded["editor"], "password": "не тот"}
        )
        assert wrong.status in (200, 429)
    assert wrong.status == 429
    # The right password, from another address, on the other node: the account stays locked.
    owner = Visitor(address="198.51.100.20")
    refused = owner.submit(
        cluster.node(1),
        "/admin/login/",
        {"login": seeded["editor"], "password": seeded["password"]},
    )
    assert refused.status == 429
    assert "Вход временно заблокирован" in refused.text


def test_a_photo_uploaded_through_one_node_is_served_by_the_other(cluster, staff):
    picture = io.BytesIO()
    Image.new("RGB", (900, 600), (30, 120, 200)).save(picture, "JPEG")
    uploaded = staff.submit(
        cluster.node(0),
        "/admin/images/add/",
        {"title": "Кот, загруженный через узел А"},
        files={"file": ("cluster-cat.jpg", picture.getvalue(), "image/jpeg")},
    )
    assert uploaded.status == 302, uploaded.text[:500]
    ((image_id, original),) = cluster.sql(
        "SELECT id, file FROM wagtailimages_image WHERE title = %s", "Кот, загруженный через узел А"
    )
    # Node B reads the original from the object store to make the admin's preview.
    edit = staff.get(cluster.node(1), f"/admin/images/{image_id}/")
    assert edit.status == 200
    (preview,) = re.findall(r'<img[^>]+src="([^"]*cluster-cat[^"]*)"', edit.text)
    assert preview.startswith(cluster.s3_url + "/"), preview
    with urllib.request.urlopen(preview, timeout=10) as answer:  # noqa: S310 (the test's moto)
        assert answer.status == 200
        assert Image.open(io.BytesIO(answer.read())).size == (800, 533)
    # The original stays private: no address without a signature opens it.
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(f"{cluster.s3_url}/{BUCKET}/{original}", timeout=10)  # noqa: S310
    assert refused.value.code == 403
    # The task worker, a third process, made every public rendition from the same original.
    wait_for(
        lambda: (
            cluster.sql(
                "SELECT count(*) FROM wagtailimages_rendition WHERE image_id = %s", image_id
            )[0][0]
            >= len(SPECS)
        ),
        "the worker made no renditions",
    )
    # Nothing of it on either node's disk.
    for index in range(len(cluster.nodes)):
        assert not any(cluster.media_root(index).rglob("*")), f"node {index} kept files"


def test_a_page_cached_on_both_nodes_is_fresh_on_both_right_after_publishing(cluster, staff):
    seeded, anonymous = cluster.seeded, Visitor()
    news, title = seeded["news_path"], seeded["draft"]["title"]
    for node in cluster.nodes:
        anonymous.get(node, news)
        cached = anonymous.get(node, news)
        assert cached.headers["X-Page-Cache"] == "hit"
        assert title not in cached.text
    publish = f"/admin/bulk/wagtailcore/page/publish/?id={seeded['draft']['id']}"
    assert staff.submit(cluster.node(0), publish).status == 302
    for node in reversed(cluster.nodes):
        fresh = anonymous.get(node, news)
        assert fresh.status == 200
        assert title in fresh.text


VOTES_PER_RUN = 10  # two runs and the vote test stay under the per-address limit (30 an hour)
UNAVAILABLE = "Портал на минуту недоступен"  # deploy/proxy/unavailable.html


def visitors_meanwhile(cluster, sessions, action):
    """Visitors read pages and vote through the proxy (four at a time, a vote after every eight
    reads) while `action()` runs a quarter of the way in. Returns the outcomes in order:
    ("read", path, status) and ("vote", session, status, Location)."""
    seeded, proxy, entry = cluster.seeded, cluster.proxy, cluster.seeded["entries"][1]
    reads = ["/", seeded["news_path"], seeded["vote_path"].rsplit("vote/", 1)[0], "/healthz"]
    jobs = []
    for session in sessions:
        jobs += [("read", reads[len(jobs) % len(reads)]) for _ in range(8)] + [("vote", session)]
    done, started_after = [], []

    def visit(job):
        kind, target = job
        if kind == "read":
            answer = Visitor().get(proxy, target)
            outcome = (kind, target, answer.status, answer.text)
        else:
            page = f"{seeded['vote_path']}?entry={entry}"
            answer = Visitor({"sessionid": target}).submit(
                proxy, seeded["vote_path"], {"entry": entry}, page=page
            )
            outcome = (kind, target, answer.status, answer.headers.get("Location") or answer.text)
        done.append(outcome)
        return outcome

    def act_a_quarter_in():
        wait_for(lambda: len(done) >= len(jobs) // 4, "the visitors never got going", 60)
        started_after.append(len(done))
        action()

    actor = threading.Thread(target=act_a_quarter_in)
    actor.start()
    try:
        with ThreadPoolExecutor(4) as pool:
            outcomes = list(pool.map(visit, jobs))
    finally:
        actor.join()
    assert started_after and started_after[0] < len(jobs) - 30, "it happened too late to matter"
    return outcomes


def test_a_node_stopped_mid_run_loses_no_read_and_no_vote(cluster):
    """Node B stops (SIGTERM, as systemd does) while visitors read and vote through the proxy.
    Every read is answered: nginx sends it on to node A. A vote is either recorded once and
    acknowledged with its receipt, or, when it sat in B's queue as B closed, answered with the
    proxy's page saying to send it again, and not recorded: sent again, it is taken."""
    sessions = cluster.seeded["voter_sessions"][:VOTES_PER_RUN]
    served_before = cluster.served_by(1)
    try:
        outcomes = visitors_meanwhile(cluster, sessions, lambda: cluster.stop_node(1))
        assert cluster.served_by(1) > served_before, "node B answered nothing before it stopped"
        b_address = f'upstream: "http://127.0.0.1:{cluster.node(1).port}'
        assert b_address in cluster.proxy_errors(), "the proxy never met the stopped node"
        reads = [outcome[:3] for outcome in outcomes if outcome[0] == "read"]
        assert [read for read in reads if read[2] != 200] == []
        votes = [outcome for outcome in outcomes if outcome[0] == "vote"]
        taken = [vote for vote in votes if vote[2] == 302 and "/receipt/" in vote[3]]
        refused = [vote for vote in votes if vote[2] == 502 and UNAVAILABLE in vote[3]]
        assert len(taken) + len(refused) == len(votes), votes
        for _, session, *_ in refused:  # the voter goes back and sends the form again
            again = Visitor({"sessionid": session}).submit(
                cluster.proxy,
                cluster.seeded["vote_path"],
                {"entry": cluster.seeded["entries"][1]},
                page=f"{cluster.seeded['vote_path']}?entry={cluster.seeded['entries'][1]}",
            )
            assert again.status == 302 and "/receipt/" in again.headers["Location"]
        assert cluster.votes_of(sessions) == {session: 1 for session in sessions}
    finally:
        cluster.start_node(1)


def test_a_node_taken_out_then_stopped_mid_run_fails_no_request(cluster):
    """The planned way (a deploy, scaling in): take node B out of the proxy, then stop it. No
    visitor notices: every read and every vote is answered by node A, each vote recorded once."""
    sessions = cluster.seeded["voter_sessions"][VOTES_PER_RUN : 2 * VOTES_PER_RUN]

    def take_out_and_stop():
        cluster.take_out(1)
        cluster.stop_node(1)

    try:
        outcomes = visitors_meanwhile(cluster, sessions, take_out_and_stop)
        reads = [outcome[:3] for outcome in outcomes if outcome[0] == "read"]
        assert [read for read in reads if read[2] != 200] == []
        votes = [outcome for outcome in outcomes if outcome[0] == "vote"]
        assert all(vote[2] == 302 and "/receipt/" in vote[3] for vote in votes), votes
        assert cluster.votes_of(sessions) == {session: 1 for session in sessions}
    finally:
        cluster.start_node(1)
        cluster.put_back(1)
