"""Forms of the desk: they translate HTTP into the arguments of `services`, nothing more."""

from __future__ import annotations

from collections.abc import Callable

from django import forms
from django.utils.translation import gettext_lazy as _

from ogi.ledger import deadlines, fees, outcomes
from ogi.ledger import events as ev

from ..orgs.models import Agency
from .models import APPLICANT_CHOICES, CHANNEL_CHOICES, DELIVERY_CHOICES, FORM_CHOICES, STATE_CHOICES, Appeal

DATE = forms.DateInput(attrs={"type": "date"})
CHANNEL_HELP = "；".join(f"{v[0]}：{v[3]}（{v[2]}）" for v in deadlines.CHANNELS.values())


class RegisterForm(forms.Form):
    agency: forms.ModelChoiceField[Agency] = forms.ModelChoiceField(queryset=None, label=_("受理机关"), empty_label=None)
    channel = forms.ChoiceField(choices=CHANNEL_CHOICES, label=_("申请渠道"))
    submitted = forms.DateField(label=_("收到申请之日"), widget=DATE, help_text=CHANNEL_HELP)
    applicant_type = forms.ChoiceField(choices=APPLICANT_CHOICES, label=_("申请人类型"))
    applicant_name = forms.CharField(max_length=200, label=_("申请人姓名或名称"))
    applicant_id = forms.CharField(max_length=100, required=False, label=_("身份证明"),
                                   help_text=_("身份证件号码或统一社会信用代码"))
    applicant_phone = forms.CharField(max_length=50, required=False, label=_("联系电话"))
    applicant_email = forms.EmailField(required=False, label=_("电子邮箱"))
    applicant_address = forms.CharField(max_length=300, required=False, label=_("通信地址"))
    content = forms.CharField(max_length=5000, widget=forms.Textarea(attrs={"rows": 4}),
                              label=_("所需政府信息的名称、文号或特征性描述"))
    form = forms.ChoiceField(choices=FORM_CHOICES, label=_("信息形式"))
    delivery = forms.ChoiceField(choices=DELIVERY_CHOICES, label=_("获取方式"))

    def __init__(self, *args, agencies=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies  # type: ignore[attr-defined]  # a ModelChoiceField


def _date_field():
    return forms.DateField(label=_("日期"), widget=DATE)


PARTY_CHOICES = [(k, f"{v[0]}（{v[2]}）") for k, v in ev.PARTIES.items()]
METHOD_CHOICES = [(k, v[0]) for k, v in fees.METHODS.items()]
CATEGORY_CHOICES = [(c, outcomes.label(c)) for c in outcomes.DECIDABLE]

STEP_FIELDS: dict[str, Callable[[], dict[str, forms.Field]]] = {
    ev.CORRECTION_SENT: lambda: {
        "items": forms.CharField(label=_("需补正的事项（一次性告知）"), widget=forms.Textarea(attrs={"rows": 3}),
                                 max_length=2000),
        "answer_by": forms.DateField(label=_("补正期限"), widget=DATE, required=False)},
    ev.CONSULTATION_STARTED: lambda: {
        "party": forms.ChoiceField(choices=PARTY_CHOICES, label=_("征求意见对象")),
        "name": forms.CharField(label=_("名称"), max_length=200)},
    ev.CONSULTATION_ANSWERED: lambda: {
        "party": forms.ChoiceField(choices=PARTY_CHOICES, label=_("征求意见对象")),
        "name": forms.CharField(label=_("名称"), max_length=200, required=False),
        "opinion": forms.CharField(label=_("意见"), max_length=2000, required=False,
                                   widget=forms.Textarea(attrs={"rows": 2}))},
    ev.EXTENDED: lambda: {
        "days": forms.IntegerField(label=_("延长工作日数"), min_value=1, max_value=deadlines.MAX_EXTENSION_DAYS,
                                   initial=deadlines.MAX_EXTENSION_DAYS),
        "reason": forms.CharField(label=_("延期理由"), max_length=2000)},
    ev.FEE_NOTICE: lambda: {
        "method": forms.ChoiceField(choices=METHOD_CHOICES, label=_("计收方式")),
        "units": forms.IntegerField(label=_("件数或页数"), min_value=1, max_value=100000),
        "already": forms.IntegerField(label=_("本月已申请件数（按件计收）"), min_value=0, max_value=100000,
                                      initial=0, required=False)},
    ev.DECIDED: lambda: {
        "category": forms.ChoiceField(choices=CATEGORY_CHOICES, label=_("办理结果（表三）")),
        "basis": forms.CharField(label=_("理由和依据"), max_length=4000, required=False,
                                 widget=forms.Textarea(attrs={"rows": 3}),
                                 help_text=_("不予公开的须说明理由（第三十六条第（三）项）"))},
    ev.DELIVERED: lambda: {
        "method": forms.ChoiceField(choices=DELIVERY_CHOICES, label=_("送达方式")),
        "receiver": forms.CharField(label=_("签收人"), max_length=200, required=False),
        "note": forms.CharField(label=_("备注"), max_length=500, required=False)},
    ev.REASONS_REQUESTED: lambda: {
        "items": forms.CharField(label=_("需说明的事项"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2}),
                                 help_text=_("申请数量、频次明显超过合理范围的，可以要求申请人说明理由（第三十五条）"))},
    ev.REASONS_GIVEN: lambda: {
        "note": forms.CharField(label=_("理由摘要"), max_length=500, required=False)},
    ev.DEFERRED: lambda: {
        "until": forms.DateField(label=_("延迟后的答复日期"), widget=DATE),
        "reason": forms.CharField(label=_("理由"), max_length=2000,
                                  help_text=_("申请理由合理，但无法在第三十三条规定的期限内答复（第三十五条）"))},
    ev.WITHDRAWN: lambda: {
        "basis": forms.CharField(label=_("撤回说明"), max_length=2000, required=False)},
}


def step_form(kind: str, data=None, today=None) -> forms.Form:
    fields = {"date": _date_field(), **STEP_FIELDS.get(kind, dict)()}
    form = type(f"StepForm_{kind}", (forms.Form,), fields)(data, prefix=kind, initial={"date": today})
    return form


class AppealForm(forms.Form):
    kind = forms.ChoiceField(choices=Appeal.KINDS, label=_("类别"))
    filed = forms.DateField(label=_("立案日期"), widget=DATE)


class AppealConcludeForm(forms.Form):
    outcome = forms.ChoiceField(choices=Appeal.OUTCOMES, label=_("结果"))
    concluded = forms.DateField(label=_("审结日期"), widget=DATE)


class SearchForm(forms.Form):
    q = forms.CharField(required=False, max_length=200, label=_("关键词"))
    state = forms.ChoiceField(required=False, label=_("状态"), choices=[("", "全部"), *STATE_CHOICES])
    year = forms.IntegerField(required=False, min_value=2008, max_value=2100, label=_("年度"))
