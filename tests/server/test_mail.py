"""Notices and the daily due list through Django's mail, into a local SMTP sink (aiosmtpd)."""

from __future__ import annotations

import datetime as dt
import email
import socket

import pytest
from aiosmtpd.controller import Controller
from django.test import Client, override_settings

from ogi.server.cases import services
from ogi.server.cases.mail import send_due_lists

from .conftest import PASSWORD, TODAY, register


class Sink:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append((envelope.rcpt_tos, email.message_from_bytes(envelope.content)))
        return "250 OK"


@pytest.fixture
def smtp():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    sink = Sink()
    controller = Controller(sink, hostname="127.0.0.1", port=port)
    controller.start()
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend", EMAIL_HOST="127.0.0.1",
                           EMAIL_PORT=port, EMAIL_USE_TLS=False, EMAIL_HOST_USER="", EMAIL_HOST_PASSWORD=""):
        yield sink
    controller.stop()


def test_notice_emailed_with_its_docx(world, today, smtp):
    app = register(world["users"]["clerk"], world["a"])
    notice = app.notices.get()
    c = Client()
    c.login(username="clerk", password=PASSWORD)
    resp = c.post(f"/cases/{app.pk}/notice/{notice.pk}/email/")
    assert resp.status_code == 302
    (to, msg), = smtp.messages
    assert to == ["zhangsan@example.invalid"]
    assert "登记回执" in str(email.header.make_header(email.header.decode_header(msg["Subject"])))
    names = [p.get_filename() for p in msg.walk() if p.get_filename()]
    assert names == ["青应急依申〔2026〕1号.docx"]
    notice.refresh_from_db()
    assert notice.emailed is not None


def test_daily_due_list(world, smtp):
    register(world["users"]["clerk"], world["a"])  # due 2026-03-16: within three working days of 2026-03-11
    register(world["users"]["clerk"], world["a"], submitted=dt.date(2026, 3, 10))  # not yet
    assert send_due_lists(TODAY) == 2  # the 经办人 and the 审核人 of agency A
    rcpts = sorted(to[0] for to, _ in smtp.messages)
    assert rcpts == ["approver@example.invalid", "clerk@example.invalid"]
    body = smtp.messages[0][1].get_payload(decode=True).decode()
    assert "2026-0001" in body and "2026-0002" not in body and "2026-03-16" in body


def test_notices_reach_an_applicant_who_chose_email_by_themselves(world, today, smtp):
    """获取方式：电子邮件 → each notice is e-mailed by the worker once its PDF is settled (made by
    LibreOffice, or failed: the DOCX goes either way), once only."""
    from ogi.server.audit.models import Entry
    from ogi.server.cases.tasks import render_notice_pdf

    app = register(world["users"]["clerk"], world["a"], delivery="email")
    notice = app.notices.get()
    result = render_notice_pdf.call(notice.pk)
    assert result in ("done; sent", "failed; sent")
    (to, msg), = smtp.messages
    assert to == ["zhangsan@example.invalid"]
    files = [p.get_filename() for p in msg.walk() if p.get_filename()]
    assert files == ["青应急依申〔2026〕1号.docx"] + (["青应急依申〔2026〕1号.pdf"] if result.startswith("done") else [])
    notice.refresh_from_db()
    assert notice.emailed is not None
    assert Entry.objects.get(action="notice.email").after == {"to": "zhangsan@example.invalid", "auto": True}
    assert services.notice_email_auto(notice.pk) == "already sent" and len(smtp.messages) == 1


def test_notices_for_post_are_not_emailed(world, today, smtp):
    app = register(world["users"]["clerk"], world["a"], delivery="post")
    assert services.notice_email_auto(app.notices.get().pk) == "not by e-mail"
    no_address = register(world["users"]["clerk"], world["a"], delivery="email", applicant_email="")
    assert services.notice_email_auto(no_address.notices.get().pk) == "not by e-mail"
    assert services.notice_email_auto(999999) == "gone"
    assert smtp.messages == []


def test_a_refusing_mail_server_leaves_the_notice_unsent(world, today):
    from ogi.server.cases.tasks import _email_if_chosen

    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    app = register(world["users"]["clerk"], world["a"], delivery="email")
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend", EMAIL_HOST="127.0.0.1",
                           EMAIL_PORT=port, EMAIL_TIMEOUT=3):
        result = _email_if_chosen(app.notices.get().pk)
    assert result.startswith("e-mail failed")
    assert app.notices.get().emailed is None
