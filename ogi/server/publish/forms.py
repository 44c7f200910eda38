"""Forms of the publication desk: HTTP into the arguments of `services`, nothing more."""

from __future__ import annotations

from typing import cast

from django import forms
from django.utils.translation import gettext_lazy as _

from ogi.ledger import publication as pub

from .models import (
    ART20,
    DOC_KIND_CHOICES,
    GENRES,
    OPENNESS_CHOICES,
    TOPICS,
    VALIDITY_CHOICES,
    Category,
    Item,
)

DATE = forms.DateInput(attrs={"type": "date"})


def _choices_of(form: forms.Form, name: str) -> forms.ModelChoiceField:
    """A form's model-choice field, to narrow its choices to what the user may pick."""
    return cast(forms.ModelChoiceField, form.fields[name])


class ItemForm(forms.Form):
    agency: forms.ModelChoiceField = forms.ModelChoiceField(queryset=None, label=_("机关"), empty_label=None)
    title = forms.CharField(max_length=300, label=_("标题"))
    doc_number = forms.CharField(max_length=100, required=False, label=_("文号"))
    publisher = forms.CharField(max_length=200, label=_("发布机构"))
    written = forms.DateField(label=_("成文日期"), widget=DATE)
    art20 = forms.ChoiceField(choices=ART20, label=_("法定主动公开内容（第二十条）"))
    category = forms.ModelChoiceField(queryset=Category.objects.none(), required=False, label=_("目录分类"))
    topic = forms.ChoiceField(choices=TOPICS, label=_("主题分类"))
    genre = forms.ChoiceField(choices=GENRES, label=_("体裁"))
    openness = forms.ChoiceField(choices=OPENNESS_CHOICES, label=_("公开方式（公文公开属性认定）"))
    ground = forms.CharField(max_length=500, required=False, label=_("依申请公开或不予公开的理由和依据"),
                             help_text=_("依申请公开、不予公开的须写明（第十四条至第十六条）"))
    doc_kind = forms.ChoiceField(choices=DOC_KIND_CHOICES, initial="other", label=_("文件类别（年报表二）"))
    validity = forms.ChoiceField(choices=VALIDITY_CHOICES, required=False, label=_("有效性"),
                                 help_text=_("规章、规范性文件必填"))
    effective = forms.DateField(required=False, label=_("施行日期"), widget=DATE)
    validity_changed = forms.DateField(required=False, label=_("修订、废止或失效日期"), widget=DATE)
    interprets = forms.ModelChoiceField(queryset=Item.objects.none(), required=False, label=_("所解读的政策文件"),
                                        help_text=_("本条是政策解读时选择"))
    needs_interpretation = forms.BooleanField(required=False, label=_("需要政策解读（须与解读同步发布）"))
    body = forms.CharField(required=False, max_length=200_000, label=_("正文"), widget=forms.Textarea(attrs={"rows": 10}))

    def __init__(self, *args, agencies=None, agency=None, **kwargs):
        super().__init__(*args, **kwargs)
        _choices_of(self, "agency").queryset = agencies
        if agency is not None:
            _choices_of(self, "category").queryset = Category.objects.filter(agency=agency)
            _choices_of(self, "interprets").queryset = Item.objects.filter(agency=agency, interprets__isnull=True) \
                .exclude(state=pub.WITHDRAWN).order_by("-id")
        else:
            ids = list(agencies.values_list("pk", flat=True)) if agencies is not None else []
            _choices_of(self, "category").queryset = Category.objects.filter(agency_id__in=ids)
            _choices_of(self, "interprets").queryset = Item.objects.filter(agency_id__in=ids, interprets__isnull=True) \
                .exclude(state=pub.WITHDRAWN).order_by("-id")


class ActForm(forms.Form):
    action = forms.ChoiceField(choices=[(k, v[0]) for k, v in pub.ACTION_WORDS.items()])
    opinion = forms.CharField(max_length=2000, required=False, label=_("意见"),
                              widget=forms.Textarea(attrs={"rows": 2}))


class AttachForm(forms.Form):
    file = forms.FileField(label=_("附件（PDF、DOCX、XLSX）"))


class CategoryForm(forms.Form):
    name = forms.CharField(max_length=100, label=_("分类名称"))
    code = forms.CharField(max_length=20, label=_("分类编码"))
    parent = forms.ModelChoiceField(queryset=Category.objects.none(), required=False, label=_("上级分类"))
    order = forms.IntegerField(min_value=0, max_value=9999, required=False, initial=0, label=_("排序"))


class ProfileForm(forms.Form):
    index_code = forms.CharField(max_length=40, label=_("机关代码（索引号前缀）"))
    index_pattern = forms.CharField(max_length=100, label=_("索引号规则"), initial=pub.DEFAULT_INDEX_PATTERN,
                                    help_text=_("可用 {code} 机关代码、{year} 年份、{category} 目录分类编码、{seq} 序号，如 {seq:05d}"))
    require_interpretation = forms.BooleanField(required=False, label=_("政策文件须与解读同步发布"))


class TallyForm(forms.Form):
    year = forms.IntegerField(min_value=2008, max_value=2100, label=_("年度"))
    kind = forms.ChoiceField(choices=[], label=_("类别"))
    decisions = forms.IntegerField(min_value=0, max_value=10**9, required=False, label=_("处理决定数量"))
    items = forms.IntegerField(min_value=0, max_value=10**9, required=False, label=_("事项（项目）数量"))
    amount = forms.DecimalField(min_value=0, max_digits=16, decimal_places=2, required=False, label=_("金额（元）"))


class UploadForm(forms.Form):
    file = forms.FileField(label=_("CSV 文件"))


class ReportForm(forms.Form):
    year = forms.IntegerField(min_value=2008, max_value=2100, label=_("年度"))


class SearchForm(forms.Form):
    q = forms.CharField(required=False, max_length=200, label=_("关键词"))
    state = forms.ChoiceField(required=False, label=_("状态"),
                              choices=[("", "全部")] + [(k, v[0]) for k, v in pub.STATE_WORDS.items()])
