"""What the public site keeps of its own: the query codes of online applications, complaints
(投诉举报, Art. 47) and ratings (社会评议), the rate limit of its forms, and the cache generation.

Query codes are stored as SHA-256 digests only: the code is the applicant's key, shown once on
the receipt.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class OnlineApplication(models.Model):
    """An application made on the public site (it lands on the 依申请公开 desk as `Application`)."""

    application = models.OneToOneField("cases.Application", on_delete=models.CASCADE, related_name="online")
    code_digest = models.CharField(max_length=64, unique=True)
    created = models.DateTimeField(auto_now_add=True)


class Complaint(models.Model):
    """A 投诉举报 about an agency's disclosure work, routed to its region's 政务公开办 (Art. 47)."""

    RECEIVED, ANSWERED = "received", "answered"
    STATES = [(RECEIVED, _("待处理")), (ANSWERED, _("已答复"))]
    KINDS = [("complaint", _("投诉")), ("report", _("举报")), ("suggestion", _("意见建议"))]

    agency = models.ForeignKey("orgs.Agency", on_delete=models.PROTECT, related_name="complaints",
                               verbose_name=_("被投诉机关"))
    region = models.ForeignKey("orgs.Region", on_delete=models.PROTECT, related_name="complaints",
                               verbose_name=_("受理地区"))
    kind = models.CharField(_("类别"), max_length=12, choices=KINDS, default="complaint")
    name = models.CharField(_("姓名"), max_length=100, blank=True)
    contact = models.CharField(_("联系方式"), max_length=100, blank=True)
    content = models.TextField(_("投诉举报内容"))
    code_digest = models.CharField(max_length=64, unique=True)
    received = models.DateField(_("收到日期"))
    due = models.DateField(_("答复期限"))
    state = models.CharField(_("状态"), max_length=10, choices=STATES, default=RECEIVED, db_index=True)
    answer = models.TextField(_("答复意见"), blank=True)
    answered = models.DateField(_("答复日期"), null=True)
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["state", "due", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} #{self.pk} · {self.agency}"


class Rating(models.Model):
    """社会评议: a satisfaction rating of a published item or of an answered application."""

    SCORES = [(5, _("非常满意")), (4, _("满意")), (3, _("基本满意")), (2, _("不满意")), (1, _("非常不满意"))]

    agency = models.ForeignKey("orgs.Agency", on_delete=models.CASCADE, related_name="+")
    item = models.ForeignKey("publish.Item", null=True, on_delete=models.CASCADE, related_name="ratings")
    application = models.ForeignKey("cases.Application", null=True, on_delete=models.CASCADE, related_name="ratings")
    score = models.PositiveSmallIntegerField(_("评价"), choices=SCORES)
    comment = models.CharField(_("意见"), max_length=500, blank=True)
    at = models.DateTimeField(auto_now_add=True)


class Submission(models.Model):
    """One use of a public form, by a digest of the client's address: the forms' rate limit."""

    form = models.CharField(max_length=20)
    client = models.CharField(max_length=64)
    at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        indexes = [models.Index(fields=["form", "client", "at"])]


class Generation(models.Model):
    """A counter bumped in the transaction of every change the public pages show: it is part of
    every cache key, so a cached page never outlives what it shows."""

    value = models.PositiveBigIntegerField(default=0)
