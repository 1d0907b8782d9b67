"""The council's secret ballot, the decision and the certificates, through the pages a council uses."""

import re
import subprocess
import tempfile
from datetime import date

import pytest
from django.test import TestCase
from django.urls import reverse

from awards.models import (
    AwardDecision,
    BallotSeat,
    CouncilBallot,
    Initiative,
    Proposal,
    ProposalLine,
    RenderedFile,
    SecretVote,
)
from awards.selectors import ballot_title_thresholds
from awards.services import rendered_file_render
from campaigns.models import Campaign, Title
from organisation.models import Person
from tests.awards.test_awards import pdf_pages, pdf_text
from tests.conftest import recorded


def pdf_page_count(content):
    with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
        handle.write(content)
        handle.flush()
        info = subprocess.run(["pdfinfo", handle.name], capture_output=True, check=True, text=True).stdout
    return int(re.search(r"Pages:\s+(\d+)", info).group(1)), re.search(r"Page size:\s+(.*)", info).group(1)


def titles():
    return {title.code: title for title in Title.objects.all()}


def submitted(world, lines):
    """A 2020 unit proposal of unit A with these (title code, person) lines, sent to the council."""
    proposal = Proposal.objects.create(
        campaign=world["campaign"],
        kind="unit",
        proposer=world["unit_a"],
        council=world["council"],
        summary="Đề nghị khen thưởng năm 2020",
        number="12/TTr-SVH",
        dated=date(2021, 1, 20),
        place="Thử",
        status="submitted",
        created_by=world["admin"],
    )
    t = titles()
    ProposalLine.objects.bulk_create(
        ProposalLine(proposal=proposal, position=i, title=t[code], person=person)
        for i, (code, person) in enumerate(lines, start=1)
    )
    return proposal


def open_ballot(client, world, proposal, **figures):
    client.force_login(world["secretary"])
    # What the form on the proposal's page holds: each figure the council sets, filled with its default.
    data = {"held_on": "25/02/2021", "confirm": "1"}
    data |= {f"threshold_{item.title.pk}": item.percent for item in ballot_title_thresholds(proposal=proposal)}
    data |= {f"threshold_{titles()[code].pk}": value for code, value in figures.items()}
    response = client.post(reverse("awards:ballot_open", args=[proposal.pk]), data)
    assert response.status_code == 302 and CouncilBallot.objects.filter(proposal=proposal).exists(), response
    return CouncilBallot.objects.get(proposal=proposal)


def cast(client, user, proposal, votes, *, seat=None, present=True, expected=None):
    """Post one ballot page as `user` ({line: True/False}); with `seat`, the secretary records a paper ballot."""
    client.force_login(user)
    target = seat or BallotSeat.objects.get(ballot__proposal=proposal, user=user)
    data = {"version": target.version if expected is None else expected, "page": 1}
    data |= {f"line_{line.pk}": "agree" if agree else "disagree" for line, agree in votes.items()}
    if seat is not None:
        data |= {"seat": seat.pk, "present": "1" if present else "0"}
    return client.post(reverse("awards:ballot_cast", args=[proposal.pk]), data, follow=True)


def messages_of(response):
    return [str(message) for message in response.context["messages"]]


def committed():
    """Run what a request queues for after its commit (the papers' rendering), as a real commit would."""
    return TestCase.captureOnCommitCallbacks(execute=True)


def close(client, world, proposal):
    client.force_login(world["secretary"])
    with committed():
        return client.post(reverse("awards:ballot_close", args=[proposal.pk]), {"confirm": "1"}, follow=True)


def issue(client, proposal, data):
    with committed():
        return client.post(reverse("awards:decision", args=[proposal.pk]), data | {"confirm": "1"})


def test_council_ballot_threshold_counts_all_members(client, council):
    people = [Person.objects.create(unit=council["unit_a_sub"], full_name=f"Chiến sĩ {i}") for i in range(2)]
    for person in people:  # three years in a row "Chiến sĩ thi đua cơ sở", as the provincial title needs
        for year in (2018, 2019, 2020):
            recorded("cstdcs", year=year, person=person)
    proposal = submitted(council, [("cstd-tinh", people[0]), ("cstd-tinh", people[1])])
    first, second = proposal.lines.order_by("position")
    ballot = open_ballot(client, council, proposal)
    assert ballot.member_count == 10 and ballot.thresholds.get().percent == 90  # Decree 91/2017 art. 45(8)

    response = close(client, council, proposal)
    assert "Chưa đủ số thành viên dự họp để kiểm phiếu: có mặt 0/10" in " ".join(messages_of(response))
    assert CouncilBallot.objects.get(pk=ballot.pk).is_open  # nothing counted without a quorum

    at_meeting = [council["secretary"], council["chair"], *council["members"][:6]]  # 8 of 10
    for user in at_meeting:
        cast(client, user, proposal, {first: True, second: True})
    absent_writer = BallotSeat.objects.get(ballot=ballot, user=council["members"][6])
    response = cast(
        client, council["secretary"], proposal, {first: False, second: True}, seat=absent_writer, present=False
    )
    assert "Đã ghi phiếu" in " ".join(messages_of(response))

    close(client, council, proposal)
    first.refresh_from_db(), second.refresh_from_db()
    # Every one of the 8 members present agreed to the first line: 8 of 10 members is 80%, short of 90%.
    assert first.decision == "rejected" and first.reason.startswith("Không đạt: 8/10 thành viên đồng ý (80%")
    # The absent member's written vote brings the second to 9 of 10: 90%.
    assert second.decision == "approved"
    assert Proposal.objects.get(pk=proposal.pk).status == "approved"
    seats = {seat.user_id: seat for seat in BallotSeat.objects.filter(ballot=ballot)}
    assert sum(seat.present for seat in seats.values()) == 8 and seats[council["members"][6].pk].in_writing

    client.force_login(council["clerk_a"])  # the proposer sees the tallies once counted
    page = client.get(reverse("awards:ballot", args=[proposal.pk])).content.decode()
    assert "8/10" in page and "9/10" in page
    minutes = pdf_text(_file(client, proposal, "ballot_minutes"))
    for text in [
        "BIÊN BẢN",
        "bỏ phiếu kín",
        "10 thành viên",
        "có mặt 8 thành viên",
        "gửi phiếu bằng văn bản",
        "Chiến sĩ 0",
        "8/10",
        "80,00%",
        "Không đạt",
        "Chiến sĩ 1",
        "9/10",
        "90,00%",
        "Đạt",
        "Điều 45 khoản 8",
        "Lê Văn Hòa (chủ tịch hội đồng)",
    ]:
        assert text in minutes, text


def _file(client, proposal, kind):
    """A kept paper, rendered by its task when the request that asked for it committed."""
    url = reverse("awards:file", args=[proposal.pk, kind])
    with committed():
        response = client.get(url)
    assert response["Content-Type"] == "application/pdf", response.content[:300]
    return b"".join(response.streaming_content)


def test_a_line_that_fails_its_rules_or_a_quota_is_not_approved_whatever_the_vote(client, council):
    staff = [Person.objects.create(unit=council["unit_a_sub"], full_name=f"Cán bộ {i:02d}") for i in range(10)]
    for person in staff[:2]:
        Initiative.objects.create(person=person, year=2020, name="SK", status="recognised", created_by=council["admin"])
    outsider = Person.objects.create(unit=council["unit_a_sub"], full_name="Không tiên tiến")
    lines = [("ldtt", person) for person in staff] + [("cstdcs", staff[0]), ("cstdcs", staff[1]), ("cstdcs", outsider)]
    proposal = submitted(council, lines)
    open_ballot(client, council, proposal, cstdcs="66.67")
    cstdcs = list(proposal.lines.filter(title__code="cstdcs").order_by("position"))
    everyone = [council["secretary"], council["chair"], *council["members"]]
    for index, user in enumerate(everyone):
        votes = {line: True for line in proposal.lines.all()}
        votes[cstdcs[1]] = index < 7  # 7 of 10: passes 2/3, but has fewer votes than the first
        cast(client, user, proposal, votes)
    close(client, council, proposal)
    decided = {line.pk: line for line in ProposalLine.objects.filter(proposal=proposal)}
    assert all(decided[line.pk].decision == "approved" for line in proposal.lines.filter(title__code="ldtt"))
    # 15% of the 10 “Lao động tiên tiến” allows one “Chiến sĩ thi đua cơ sở”: the one with more votes.
    assert decided[cstdcs[0].pk].decision == "approved"
    assert decided[cstdcs[1].pk].decision == "rejected" and "15%" in decided[cstdcs[1].pk].reason
    assert decided[cstdcs[2].pk].decision == "rejected" and "Lao động tiên tiến" in decided[cstdcs[2].pk].reason


def test_ballot_is_secret_to_other_members(client, council):
    person = Person.objects.create(unit=council["unit_a_sub"], full_name="Nguyễn Văn Bí Mật")
    proposal = submitted(council, [("cstd-tinh", person)])
    line = proposal.lines.get()
    ballot = open_ballot(client, council, proposal)
    voter, other = council["members"][0], council["members"][1]
    cast(client, voter, proposal, {line: False})

    client.force_login(voter)  # the voter sees their own ballot
    own = client.get(reverse("awards:ballot", args=[proposal.pk])).content.decode()
    assert re.search(r'value="disagree"[^>]*checked', own)
    client.force_login(other)  # another member sees a blank ballot and no tally
    page = client.get(reverse("awards:ballot", args=[proposal.pk])).content.decode()
    assert not re.search(r"checked", page) and 'id="tallies"' not in page
    voter_seat = BallotSeat.objects.get(ballot=ballot, user=voter)
    assert client.get(reverse("awards:ballot", args=[proposal.pk]) + f"?seat={voter_seat.pk}").status_code == 403
    client.force_login(council["secretary"])  # the secretary sees who has voted, not how
    page = client.get(reverse("awards:ballot", args=[proposal.pk]) + f"?seat={voter_seat.pk}").content.decode()
    assert not re.search(r"checked", page.split('id="seats"')[0])
    response = cast(client, council["secretary"], proposal, {line: True}, seat=voter_seat)
    assert SecretVote.objects.get(seat=voter_seat).agree is False  # nobody overwrites a ballot cast in person
    assert any("đã tự bỏ phiếu; không ai khác được ghi phiếu thay" in m for m in messages_of(response))
    detail = client.get(reverse("awards:detail", args=[proposal.pk])).content.decode()
    assert 'class="tally' not in detail  # no running count anywhere while the ballot is open

    everyone = [council["secretary"], council["chair"], *council["members"][1:]]
    for user in everyone:
        cast(client, user, proposal, {line: True})
    close(client, council, proposal)
    for user in [voter, other, council["clerk_a"]]:
        client.force_login(user)
        page = client.get(reverse("awards:ballot", args=[proposal.pk])).content.decode()
        assert "9/10" in page  # the tally, for everyone
        assert 'name="line_' not in page and "checked" not in page  # and no ballot of anyone
    response = cast(client, voter, proposal, {line: True}, expected=BallotSeat.objects.get(pk=voter_seat.pk).version)
    assert "Đã kiểm phiếu: không thể thay đổi phiếu nữa." in messages_of(response)
    assert SecretVote.objects.get(seat=voter_seat).agree is False  # nothing changes after the count


def test_a_ballot_sent_twice_at_once_is_taken_once(client, council):
    person = Person.objects.create(unit=council["unit_a_sub"], full_name="Hai Lần")
    proposal = submitted(council, [("cstd-tinh", person)])
    line = proposal.lines.get()
    open_ballot(client, council, proposal)
    voter = council["members"][0]
    seat = BallotSeat.objects.get(ballot__proposal=proposal, user=voter)
    version = seat.version
    cast(client, voter, proposal, {line: True}, expected=version)
    response = cast(client, voter, proposal, {line: False}, expected=version)  # the same form, sent again
    assert any("Phiếu này vừa được ghi từ một cửa sổ khác" in m for m in messages_of(response))
    assert SecretVote.objects.get(seat=seat).agree is True and BallotSeat.objects.get(pk=seat.pk).version == version + 1


def _decided(client, council, count):
    """A proposal of `count` lines for the province's certificate of merit, all passed by the council."""
    people = [
        Person.objects.create(unit=council["unit_a_sub"], full_name=f"Trần Thị Khen {i:03d}", position="Chuyên viên")
        for i in range(count)
    ]
    proposal = submitted(council, [("bang-khen-tinh-ca-nhan", person) for person in people])
    open_ballot(client, council, proposal)
    lines = {line: True for line in proposal.lines.all()}
    rejected = proposal.lines.order_by("position").last()
    for user in [council["secretary"], council["chair"], *council["members"]]:
        cast(client, user, proposal, lines | {rejected: False})
    close(client, council, proposal)
    return proposal, rejected


def decision_data(**extra):
    return {
        "version": 0,
        "number": "345/QĐ-UBND",
        "place": "Thử",
        "dated": "15/03/2021",
        "parent_body": "",
        "issuing_body": "Ủy ban nhân dân tỉnh Thử",
        "grantor": "Chủ tịch Ủy ban nhân dân tỉnh Thử",
        "summary": "Về việc khen thưởng thành tích trong phong trào thi đua năm 2020",
        "bases": "Căn cứ Luật Thi đua, khen thưởng ngày 26 tháng 11 năm 2003;",
        "achievement": "đã có thành tích xuất sắc trong phong trào thi đua năm 2020",
        "article_2": "Tiền thưởng kèm theo được chi từ Quỹ thi đua, khen thưởng của tỉnh.",
        "article_3": "Chánh Văn phòng và các cá nhân có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này./.",
        "recipients": "- Như Điều 3;\n- Lưu: VT.",
        "signing_authority": "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH",
        "signer_name": "Lê Văn Hòa",
    } | extra


def test_decision_pdf_lists_every_awarded_line(client, council):
    proposal, rejected = _decided(client, council, 40)
    client.force_login(council["secretary"])
    form = client.get(reverse("awards:decision", args=[proposal.pk]))
    assert form.status_code == 200 and "Căn cứ Nghị định số 91/2017/NĐ-CP" in form.content.decode()
    response = issue(client, proposal, decision_data())
    assert response.status_code == 302
    decision = pdf_text(_file(client, proposal, "decision"))
    for text in [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "ỦY BAN NHÂN DÂN TỈNH THỬ",
        "Số: 345/QĐ-UBND",
        "Thử, ngày 15 tháng 03 năm 2021",
        "QUYẾT ĐỊNH",
        "Về việc khen thưởng thành tích",
        "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH THỬ",
        "Căn cứ Luật Thi đua, khen thưởng",
        "QUYẾT ĐỊNH:",
        "Điều 1. Tặng Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh cho 39 cá nhân (danh sách kèm theo)",
        "Điều 2.",
        "Điều 3.",
        "Nơi nhận:",
        "PHÓ CHỦ TỊCH",
        "Lê Văn Hòa",
    ]:
        assert text in decision, text
    assert "tập thể" not in decision.split("Điều 1.")[1].split("Điều 2.")[0]  # a zero part is left out
    listing = pdf_pages(_file(client, proposal, "decision_list"))
    text = " ".join(listing)
    assert "DANH SÁCH" in text and "Kèm theo Quyết định số 345/QĐ-UBND" in text
    awarded = ProposalLine.objects.filter(proposal=proposal, decision="approved").select_related("person")
    assert awarded.count() == 39
    for line in awarded:
        assert line.person.full_name in text
    assert rejected.person.full_name not in text


def test_certificates_pdf_one_page_per_award(client, council):
    proposal, _rejected = _decided(client, council, 12)
    client.force_login(council["secretary"])
    issue(client, proposal, decision_data())
    content = _file(client, proposal, "certificates")
    pages, size = pdf_page_count(content)
    assert pages == 11 and size.startswith("841.89 x 595.2")  # A4 landscape
    texts = pdf_pages(content)
    names = list(
        ProposalLine.objects.filter(proposal=proposal, decision="approved")
        .order_by("position")
        .values_list("person__full_name", flat=True)
    )
    for name, page in zip(names, texts, strict=True):
        assert name in page and "BẰNG KHEN" in page and "Quyết định số 345/QĐ-UBND" in page
        assert "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH THỬ" in page and "Lê Văn Hòa" in page
    line = ProposalLine.objects.filter(proposal=proposal, decision="approved").first()
    client.force_login(council["clerk_a"])  # the proposer prints one certificate
    single = client.get(reverse("awards:certificate", args=[proposal.pk, line.pk]))
    assert single.status_code == 200 and pdf_page_count(single.content)[0] == 1


def test_bad_input_is_refused_with_a_message_and_changes_nothing(client, council):
    proposal, _rejected = _decided(client, council, 2)
    other, _ = _decided(client, council, 2)
    client.force_login(council["secretary"])
    assert issue(client, proposal, decision_data()).status_code == 302
    response = issue(client, other, decision_data(number="345/qđ-ubnd"))
    assert response.status_code == 400 and "345/qđ-ubnd" in response.content.decode()
    assert not AwardDecision.objects.filter(proposal=other).exists()
    next_year = decision_data(dated="05/01/2022")  # the same number the next year is another decision
    assert issue(client, other, next_year).status_code == 302

    person = Person.objects.create(unit=council["unit_a_sub"], full_name="Đang bỏ phiếu")
    voting = submitted(council, [("cstd-tinh", person)])
    open_ballot(client, council, voting)
    response = client.post(
        reverse("awards:decision", args=[voting.pk]), decision_data(number="1/QĐ-UBND") | {"confirm": "1"}
    )
    assert response.status_code == 400 and not AwardDecision.objects.filter(proposal=voting).exists()
    response = client.get(reverse("awards:decision", args=[voting.pk]), follow=True)
    assert "Hội đồng đang bỏ phiếu về tờ trình này: hãy kiểm phiếu trước khi ra quyết định." in messages_of(response)

    Campaign.objects.filter(pk=council["campaign"].pk).update(status="closed")
    response = cast(client, council["member"], voting, {voting.lines.get(): True})
    assert any("closed" in m or "đã kết thúc" in m or "đã đóng" in m for m in messages_of(response))
    assert not SecretVote.objects.filter(seat__ballot__proposal=voting).exists()


def test_proposal_and_ballot_pages_of_a_long_proposal_cost_a_fixed_number_of_queries(
    client, council, django_assert_max_num_queries
):
    person = Person.objects.create(unit=council["unit_a_sub"], full_name="Một")
    proposal = submitted(council, [("ldtt", person)])
    open_ballot(client, council, proposal)
    client.force_login(council["member"])
    urls = [reverse("awards:detail", args=[proposal.pk]), reverse("awards:ballot", args=[proposal.pk])]
    small = []
    for url in urls:
        with django_assert_max_num_queries(60) as counted:
            assert client.get(url).status_code == 200
        small.append(len(counted.captured_queries))
    t = titles()
    people = Person.objects.bulk_create(
        Person(unit=council["unit_a_sub"], full_name=f"Người {i:03d}", search_name=f"{i}", sort_name=f"{i:04d}")
        for i in range(120)
    )
    ProposalLine.objects.bulk_create(
        ProposalLine(proposal=proposal, position=10 + i, title=t["ldtt"], person=p) for i, p in enumerate(people)
    )
    for url, before in zip(urls, small, strict=True):
        with django_assert_max_num_queries(before):
            response = client.get(url)
        assert response.status_code == 200 and len(response.content) < 200_000


def test_demo_carries_khoi8_through_the_ballot_to_a_decision_and_certificates(client, demo):
    proposal = Proposal.objects.get(campaign__issuing_bloc__name="Khối 8", campaign__year=2020)
    ballot = proposal.ballot
    assert proposal.status == "approved" and not ballot.is_open and ballot.member_count == 7
    assert list(proposal.lines.values_list("decision", flat=True)) == ["approved"] * 3
    assert BallotSeat.objects.filter(ballot=ballot, in_writing=True).get().user.username == "hoidong.tinhdoan"
    decision = proposal.award_decision
    assert (decision.number, decision.dated, decision.signer_name) == (
        "512/QĐ-UBND",
        date(2021, 3, 15),
        "Trần Quốc Bình",
    )
    for file in RenderedFile.objects.filter(proposal=proposal, status="pending"):  # what a worker does
        rendered_file_render(file_id=file.pk)
    client.login(username="chutich.travinh", password="thidua2020")
    text = pdf_text(_file(client, proposal, "decision"))
    assert (
        "Tặng Cờ thi đua của Ủy ban nhân dân tỉnh và Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh cho 3 tập thể" in text
    )
    minutes = pdf_text(_file(client, proposal, "ballot_minutes"))
    assert "Sở Y tế" in minutes and "6/7" in minutes and "Đặng Minh Khoa (gửi phiếu bằng văn bản)" in minutes
    pages, _size = pdf_page_count(_file(client, proposal, "certificates"))
    assert pages == 3


@pytest.fixture
def thirty_four_tien_tien(council):
    """34 staff proposed for "Lao động tiên tiến", the first six of them also for "Chiến sĩ thi đua cơ sở" with a
    recognised initiative: 15% of 34 allows five."""
    staff = [Person.objects.create(unit=council["unit_a_sub"], full_name=f"Cán bộ {i:02d}") for i in range(34)]
    for person in staff[:6]:
        Initiative.objects.create(person=person, year=2020, name="SK", status="recognised", created_by=council["admin"])
    return staff


def vote_everything(client, council, proposal, against=()):
    """Every member present votes for every line, except against the lines given."""
    for user in [council["secretary"], council["chair"], *council["members"]]:
        cast(client, user, proposal, {line: line not in against for line in proposal.lines.all()})
    close(client, council, proposal)


def test_reapproving_rejected_line_checks_quota(client, council, thirty_four_tien_tien):
    """A line rejected for the quota stays out when it is proposed again: it is counted in its own quota."""
    staff = thirty_four_tien_tien
    first = submitted(council, [("ldtt", person) for person in staff] + [("cstdcs", p) for p in staff[:6]])
    open_ballot(client, council, first, cstdcs="66.67")
    vote_everything(client, council, first)
    approved = ProposalLine.objects.filter(title__code="cstdcs", decision="approved")
    assert approved.count() == 5
    (rejected,) = ProposalLine.objects.filter(proposal=first, title__code="cstdcs", decision="rejected")
    assert "15%" in rejected.reason
    # Proposed again in a new proposal, and voted for by everyone: still refused, still five.
    again = submitted(council, [("cstdcs", rejected.person)])
    open_ballot(client, council, again, cstdcs="66.67")
    vote_everything(client, council, again)
    line = ProposalLine.objects.get(proposal=again)
    assert line.decision == "rejected" and "15%" in line.reason
    assert approved.count() == 5


def test_a_title_whose_required_title_fails_the_vote_is_not_approved(client, council, thirty_four_tien_tien):
    """Rejecting someone's "Lao động tiên tiến" takes their "Chiến sĩ thi đua cơ sở" with it, saying why."""
    staff = thirty_four_tien_tien
    proposal = submitted(council, [("ldtt", person) for person in staff] + [("cstdcs", staff[0])])
    open_ballot(client, council, proposal, cstdcs="66.67")
    ldtt_of_first = ProposalLine.objects.get(proposal=proposal, title__code="ldtt", person=staff[0])
    vote_everything(client, council, proposal, against={ldtt_of_first})
    assert ProposalLine.objects.get(pk=ldtt_of_first.pk).decision == "rejected"
    cstdcs = ProposalLine.objects.get(proposal=proposal, title__code="cstdcs")
    assert cstdcs.decision == "rejected" and "Lao động tiên tiến" in cstdcs.reason
