"""An application is stored as its ledger events (`Event`); the other columns of `Application`
are a projection that `services` refreshes from `ogi.ledger` on every event, kept only so the
worklist and search are single indexed queries. No rule is computed here.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ogi.ledger import deadlines, lifecycle
from ogi.ledger import events as ev

APPLICANT_CHOICES = [(k, lifecycle.APPLICANT_WORDS[k]) for k in lifecycle.APPLICANT_TYPES]
CHANNEL_CHOICES = [(k, v[0]) for k, v in deadlines.CHANNELS.items()]
STATE_CHOICES = [(k, v[0]) for k, v in lifecycle.STATE_WORDS.items()]
EVENT_CHOICES = [(k, v[0]) for k, v in ev.WORDS.items()]
DELIVERY_CHOICES = [("post", _("邮寄")), ("in_person", _("当面领取")), ("email", _("电子邮件")),
                    ("online", _("网上获取"))]
FORM_CHOICES = [("paper", _("纸质")), ("electronic", _("电子文档")), ("either", _("不限"))]
OPEN_STATES = (lifecycle.PROCESSING, lifecycle.CORRECTING, lifecycle.CONSULTING, lifecycle.AWAITING_FEE,
               lifecycle.AWAITING_REASONS)


class Application(models.Model):
    agency = models.ForeignKey("orgs.Agency", on_delete=models.PROTECT, related_name="applications")
    number = models.CharField(_("申请编号"), max_length=40)
    channel = models.CharField(_("申请渠道"), max_length=20, choices=CHANNEL_CHOICES)
    # Art. 29 (1): name, identity document and contact of the applicant
    applicant_type = models.CharField(_("申请人类型"), max_length=20, choices=APPLICANT_CHOICES)
    applicant_name = models.CharField(_("申请人姓名或名称"), max_length=200)
    applicant_id = models.CharField(_("身份证明"), max_length=100, blank=True,
                                    help_text=_("身份证件号码或统一社会信用代码"))
    applicant_phone = models.CharField(_("联系电话"), max_length=50, blank=True)
    applicant_email = models.EmailField(_("电子邮箱"), blank=True)
    applicant_address = models.CharField(_("通信地址"), max_length=300, blank=True)
    # Art. 29 (2): the information asked for; (3): the form and the way to receive it
    content = models.TextField(_("所需政府信息的名称、文号或特征性描述"))
    form = models.CharField(_("信息形式"), max_length=12, choices=FORM_CHOICES, default="either")
    delivery = models.CharField(_("获取方式"), max_length=12, choices=DELIVERY_CHOICES, default="post")
    submitted = models.DateField(_("提交日期"))
    # -- projection from ogi.ledger, refreshed by services.project() ----------------------------
    received = models.DateField(_("收到申请日期"), db_index=True)
    state = models.CharField(_("状态"), max_length=20, choices=STATE_CHOICES, db_index=True)
    due = models.DateField(_("答复期限"), null=True, db_index=True)
    waiting = models.CharField(max_length=20, blank=True)
    fee_payment_due = models.DateField(null=True)
    category = models.CharField(_("办理结果"), max_length=40, blank=True)
    closed = models.DateField(_("办结日期"), null=True)
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-received", "-id"]
        constraints = [models.UniqueConstraint(fields=["agency", "number"], name="application_number_per_agency")]
        # (agency, state, due): an agency's open work (the worklist); (agency, received, id): an
        # agency's applications newest first (search, keyset pages) without sorting them all.
        indexes = [models.Index(fields=["agency", "state", "due"]), models.Index(fields=["state", "due"]),
                   models.Index(fields=["agency", "received", "id"], name="application_agency_newest")]

    def __str__(self) -> str:
        return f"{self.number} {self.applicant_name}"

    @property
    def category_label(self) -> str:
        from ogi.ledger import outcomes

        return outcomes.label(self.category) if self.category in outcomes.BASIS else self.category


DATA_WORDS = {"items": _("补正事项"), "answer_by": _("补正期限"), "party": _("对象"), "name": _("名称"),
              "opinion": _("意见"), "days": _("延长工作日"), "reason": _("理由"), "approver": _("批准人"),
              "method": _("方式"), "units": _("数量"), "amount": _("金额（元）"), "pay_by": _("缴费期限"),
              "category": _("办理结果"), "basis": _("理由和依据"), "provision": _("条例条款"),
              "receiver": _("签收人"), "note": _("备注"), "until": _("答复日期")}


class Event(models.Model):
    """One `ogi.ledger.Event` of an application, in order; never changed once written."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="events")
    seq = models.PositiveIntegerField()
    kind = models.CharField(_("事件"), max_length=30, choices=EVENT_CHOICES)
    date = models.DateField(_("日期"))
    data = models.JSONField(default=dict, blank=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["application", "seq"]
        constraints = [models.UniqueConstraint(fields=["application", "seq"], name="event_order")]

    @property
    def by(self) -> str:
        """Who recorded the event (empty for imported events)."""
        return (self.user.get_full_name() or self.user.username) if self.user else ""

    def details(self) -> list[tuple[str, str]]:
        """The event's data as (label, value) lines for people to read."""
        from ogi.ledger import outcomes

        out = []
        for key, value in self.data.items():
            if key not in DATA_WORDS:
                continue
            if key == "category":
                value = outcomes.label(value) if value in outcomes.BASIS else value
            elif key == "party":
                value = ev.PARTIES.get(value, (value,))[0]
            out.append((str(DATA_WORDS[key]), str(value)))
        return out


class Counter(models.Model):
    """The last number used per agency, year and series (application numbers, 文号)."""

    agency = models.ForeignKey("orgs.Agency", on_delete=models.CASCADE, related_name="+")
    year = models.PositiveIntegerField()
    series = models.CharField(max_length=30)
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["agency", "year", "series"], name="one_counter")]


class Notice(models.Model):
    """A notice the desk issued (登记回执, 补正告知书…), with its 文号 and its files."""

    KINDS = [
        ("receipt", _("登记回执")), ("correction", _("补正告知书")), ("consultation", _("征求意见函")),
        ("extension", _("延期答复告知书")), ("fee", _("收费通知书")), ("reply", _("政府信息公开申请答复书")),
        ("service", _("送达回证")), ("reasons", _("说明理由通知书")), ("deferral", _("延迟答复告知书")),
    ]
    PDF_NONE, PDF_PENDING, PDF_DONE, PDF_FAILED = "", "pending", "done", "failed"

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="notices")
    event = models.ForeignKey(Event, null=True, on_delete=models.SET_NULL, related_name="notices")
    kind = models.CharField(_("文书"), max_length=20, choices=KINDS)
    number = models.CharField(_("文号"), max_length=60)
    date = models.DateField(_("日期"))
    docx = models.BinaryField()
    pdf = models.BinaryField(null=True)
    pdf_state = models.CharField(max_length=10, blank=True, default="")
    pdf_error = models.CharField(max_length=300, blank=True)
    emailed = models.DateTimeField(null=True)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["application", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.number}"


class Appeal(models.Model):
    """A review or lawsuit about a decision (Art. 51), counted in table 4 (`ogi.ledger.records.Case`)."""

    KINDS = [("review", _("行政复议")), ("suit_direct", _("未经复议直接起诉")), ("suit_after_review", _("复议后起诉"))]
    OUTCOMES = [("upheld", _("维持")), ("corrected", _("纠正")), ("other", _("其他结果"))]

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="appeals")
    kind = models.CharField(_("类别"), max_length=20, choices=KINDS)
    filed = models.DateField(_("立案日期"))
    outcome = models.CharField(_("结果"), max_length=20, choices=OUTCOMES, blank=True)
    concluded = models.DateField(_("审结日期"), null=True, blank=True)


class HolidayNotice(models.Model):
    """A year's State Council holiday notice an administrator entered: it replaces what
    `chinesecalendar` knows of that year (`ogi.ledger.calendar`), and is needed for a year the
    package does not know yet (the notice usually comes out in November)."""

    year = models.PositiveIntegerField(_("年度"), unique=True)
    notice = models.CharField(_("通知文号"), max_length=100)
    holidays = models.JSONField(_("放假日期"), default=dict)  # {"2027-01-01": "元旦"}
    working_days = models.JSONField(_("调休上班日期"), default=dict)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["year"]

    def __str__(self) -> str:
        return f"{self.year} {self.notice}"

    def to_ledger(self):
        from ogi.ledger.io import notice_from

        return notice_from({"year": self.year, "notice": self.notice, "holidays": self.holidays,
                            "working_days": self.working_days})
