"""Notices and the daily due list through Django's mail, into a local SMTP sink (aiosmtpd)."""

from __future__ import annotations

import datetime as dt
import email
import socket

import pytest
from aiosmtpd.controller import Controller
from django.test import Client, override_settings

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
