"""The daily due list by e-mail, one message per officer who has something falling due."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.core.mail import send_mail

from ..orgs.models import Membership
from .selectors import due_list


def due_list_text(rows) -> str:
    return "\n".join(f"{a.number}  {a.agency.name}  {a.applicant_name}  {s.zh}" for a, s in rows)


def send_due_lists(today: dt.date) -> int:
    sent = 0
    users = get_user_model().objects.filter(is_active=True, memberships__role__in=[Membership.CLERK,
                                                                                     Membership.APPROVER]).distinct()
    for user in users:
        if not user.email:
            continue
        rows = due_list(user, today)
        if not rows:
            continue
        send_mail(f"【政府信息公开】{today} 待办到期清单（{len(rows)}件）",
                  f"{user.get_full_name() or user.username}：\n\n以下依申请公开事项已逾期、今日到期或将在3个工作日内到期：\n\n"
                  f"{due_list_text(rows)}\n", None, [user.email])
        sent += 1
    return sent
