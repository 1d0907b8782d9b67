"""An objection the page refuses comes back on its line, open, with what was typed and why."""

from django.urls import reverse

from scoring.models import Objection, ScoringPolicy
from tests.scoring.test_scoring import score_everyone, url


def test_an_objection_over_the_limit_is_kept_and_called_too_long(login, sw):
    ScoringPolicy.objects.create(campaign=sw["campaign"], objection_days=5)
    score_everyone(login, sw)
    login(sw["leader"]).post(url(sw, "ranking_finalise"))
    login(sw["leader"]).post(url(sw, "ranking_publish"), {"confirm": "1"})
    line = sw["criteria"][0]
    member = login(sw["clerk_b"])
    text = "Đơn vị đã giải ngân đủ, có minh chứng kèm theo. " * 50
    response = member.post(url(sw, "objection_send", sw["unit_b"].pk), {"criterion": line.pk, "text": text})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Kiến nghị quá dài: tối đa 2000 ký tự" in page
    assert "Hãy ghi nội dung kiến nghị" not in page
    assert text.strip() in page and "<details open>" in page
    assert not Objection.objects.exists()
    # An empty one is asked for, on its line too.
    empty = member.post(url(sw, "objection_send", sw["unit_b"].pk), {"criterion": line.pk, "text": " "})
    assert empty.status_code == 400 and "Hãy ghi nội dung kiến nghị." in empty.content.decode()
    # Within the limit, it goes.
    sent = member.post(url(sw, "objection_send", sw["unit_b"].pk), {"criterion": line.pk, "text": text[:1900]})
    assert sent.status_code == 302 and sent["Location"] == reverse("scoring:results", args=[sw["campaign"].pk])
    assert Objection.objects.count() == 1
    # The compiler's answer over the limit is kept too, and called too long.
    objection = Objection.objects.get()
    answer = "Giữ nguyên điểm vì minh chứng chưa đủ. " * 60
    refused = login(sw["leader"]).post(
        url(sw, "objection_answer", objection.pk), {"answer": answer, "action": "answer"}
    )
    assert refused.status_code == 400
    page = refused.content.decode()
    assert "Câu trả lời quá dài: tối đa 2000 ký tự" in page and answer.strip() in page
    assert Objection.objects.get().status == "open"
