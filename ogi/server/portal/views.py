"""The public 政府信息公开 column of each agency: no login, no JavaScript needed, cached.

Pages show only what was reviewed and published (`publish.Public`), the agencies' own facts and
their published annual reports. An applicant reaches their application by its query code only;
their personal data is never shown here.
"""

from __future__ import annotations

import datetime as dt
from urllib.parse import quote

from django import forms
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.text import capfirst
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ogi.ledger import LedgerError, lifecycle

from ..audit.services import record_view
from ..cases.models import APPLICANT_CHOICES, DELIVERY_CHOICES, FORM_CHOICES, Notice
from ..cases.services import DeskError
from ..orgs.models import Agency, Region
from ..publish.models import ART20, GENRES, SYSTEM, TOPICS, Attachment, Category, Public, ReportPublication
from . import selectors, services
from .cache import LARGE_COOKIE, cached, large_text
from .models import Complaint, Rating

SITEMAP_CHUNK = 10_000


def today():
    return timezone.localdate()


def now():
    return timezone.now()


def _ctx(request, **kw):
    kw.setdefault("large", large_text(request))
    return kw


def _page(request) -> int:
    raw = request.GET.get("page", "1")
    if not raw.isdecimal() or not 1 <= int(raw) <= 10_000:
        raise Http404
    return int(raw)


def _agency(agency_id: int) -> Agency:
    if agency_id > 2**62:
        raise Http404
    return get_object_or_404(Agency.objects.select_related("region"), pk=agency_id)


def _region(region_id: int) -> Region:
    if region_id > 2**62:
        raise Http404
    return get_object_or_404(Region, pk=region_id)


def _download(body: bytes, ctype: str, filename: str) -> HttpResponse:
    resp = HttpResponse(body, content_type=ctype)
    resp["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"  # never raw markup
    resp["X-Content-Type-Options"] = "nosniff"
    return resp


def _limited(request, message: str):
    return render(request, "portal/message.html", _ctx(request, title=_("提交过于频繁"), message=message), status=429)


def _both(zh: str, en: str) -> str:
    """A message given in both languages (a refusal of a service or of the ledger, an application's
    state): the reader's."""
    return capfirst(en) if get_language() == "en" else zh


def _translated(choices):
    """Choices whose Chinese labels live outside the scanned code (the items of Art. 20, the subject
    classes, the applicant kinds of the annual report), shown in the reader's language;
    tests/server/test_portal_i18n.py checks each has an English entry."""
    return [(value, gettext_lazy(label)) for value, label in choices]


ART20_WORDS = _translated(ART20)
TOPIC_WORDS = _translated(TOPICS)


def _next(request) -> str:
    """Where a display switch returns: a path on this site, else the column's front page."""
    nxt = request.GET.get("next") or reverse("portal:index")
    if not url_has_allowed_host_and_scheme(nxt, allowed_hosts={request.get_host()}) or not nxt.startswith("/"):
        nxt = reverse("portal:index")
    return nxt


@require_GET
@cached
def index(request):
    return render(request, "portal/index.html", _ctx(request, agencies=selectors.agencies(),
                                                     regions=selectors.regions(),
                                                     latest=selectors.catalogue()[:10]))


@require_GET
def textsize(request):
    """Large-text mode for older readers: a cookie, set by a plain link (works without JavaScript)."""
    resp = HttpResponseRedirect(_next(request))
    if request.GET.get("large") == "1":
        resp.set_cookie(LARGE_COOKIE, "1", max_age=365 * 86400, samesite="Lax")
    else:
        resp.delete_cookie(LARGE_COOKIE)
    return resp


@require_GET
def language(request):
    """中文 or English: Django's language cookie (the one the workbench's switch sets), set by a plain
    link. The workbench switches by a POST form with a CSRF token, which a page cached whole for
    everyone cannot carry; the cache keys pages by language (`cache.cached`)."""
    resp = HttpResponseRedirect(_next(request))
    code = request.GET.get("language", "")
    if code in dict(settings.LANGUAGES):
        resp.set_cookie(settings.LANGUAGE_COOKIE_NAME, code, max_age=settings.LANGUAGE_COOKIE_AGE,
                        path=settings.LANGUAGE_COOKIE_PATH, domain=settings.LANGUAGE_COOKIE_DOMAIN,
                        secure=settings.LANGUAGE_COOKIE_SECURE, httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
                        samesite=settings.LANGUAGE_COOKIE_SAMESITE)
    return resp


@require_GET
@cached
def region(request, region_id):
    """A region's column: its sub-regions and agencies, the newest items of every agency in it,
    and the annual reports its agencies published, by year (how many of them have published)."""
    r = _region(region_id)
    page = _page(request)
    rows, has_next = selectors.page_of(selectors.catalogue(region=r).select_related("agency"), page)
    reports = list(selectors.region_reports(r))
    n_agencies = len(selectors.region_ids(r))
    years: dict[int, list] = {}
    for rep in reports:
        years.setdefault(rep.year, []).append(rep)
    return render(request, "portal/region.html", _ctx(
        request, region=r, ancestors=selectors.ancestors(r), children=r.children.order_by("name"),
        agencies=selectors.region_agencies(r), n_agencies=n_agencies, rows=rows, has_next=has_next, page=page,
        years=sorted(years.items(), reverse=True), query=_query(request)))


@require_GET
@cached
def agency(request, agency_id):
    a = _agency(agency_id)
    return render(request, "portal/agency.html", _ctx(request, agency=a, latest=selectors.catalogue(a)[:10],
                                                      reports=selectors.reports(a)))


@require_GET
@cached
def guide(request, agency_id):
    """政府信息公开指南 (《政府信息公开条例》 Art. 12): the categories, how the catalogue is arranged,
    how to obtain information, the office's name, address, hours, phone, fax and e-mail."""
    a = _agency(agency_id)
    cats = Category.objects.filter(agency=a).select_related("parent")
    return render(request, "portal/guide.html", _ctx(request, agency=a, categories=cats, art20=ART20_WORDS))


@require_GET
@cached
def system(request, agency_id):
    """政府信息公开制度: the agency's published work rules (体裁「工作制度」)."""
    a = _agency(agency_id)
    return render(request, "portal/system.html", _ctx(request, agency=a,
                                                      rows=list(selectors.catalogue(a, genre=SYSTEM)[:100])))


class BrowseForm(forms.Form):
    category = forms.IntegerField(required=False, min_value=1)
    topic = forms.ChoiceField(required=False, choices=[("", gettext_lazy("全部"))] + TOPIC_WORDS)
    art20 = forms.ChoiceField(required=False, choices=[("", gettext_lazy("全部"))] + ART20_WORDS)
    genre = forms.ChoiceField(required=False, choices=[("", gettext_lazy("全部"))] + _translated(GENRES))
    year = forms.IntegerField(required=False, min_value=2000, max_value=2100)


@require_GET
@cached
def catalogue(request, agency_id):
    """法定主动公开内容: browse by category, topic, Art. 20 item and date."""
    a = _agency(agency_id)
    form = BrowseForm(request.GET)
    if not form.is_valid():
        return render(request, "portal/message.html", _ctx(request, title=_("查询条件无效"),
                                                                message=_("请检查分类、年份等条件。")),
                      status=400)
    d = form.cleaned_data
    category = None
    if d["category"]:
        category = Category.objects.filter(agency=a, pk=d["category"]).first()
        if category is None:
            raise Http404
    page = _page(request)
    rows, has_next = selectors.page_of(selectors.catalogue(a, category, d["topic"], d["year"], d["art20"], d["genre"]),
                                       page)
    cats = Category.objects.filter(agency=a).select_related("parent")
    return render(request, "portal/catalogue.html", _ctx(
        request, agency=a, rows=rows, has_next=has_next, page=page, form=form, categories=cats, category=category,
        topics=TOPIC_WORDS, art20=ART20_WORDS, query=_query(request)))


def _query(request) -> str:
    q = request.GET.copy()
    q.pop("page", None)
    return q.urlencode()


@require_GET
@cached
def search(request):
    """Full-text search of everything published (or one agency's, or one region's), shown as text."""
    q = (request.GET.get("q") or "").replace("\x00", "")[:100]
    agency_id = request.GET.get("agency") or ""
    region_id = request.GET.get("region") or ""
    if (agency_id and not agency_id.isdecimal()) or (region_id and not region_id.isdecimal()):
        raise Http404
    a = _agency(int(agency_id)) if agency_id else None
    r = _region(int(region_id)) if region_id and a is None else None
    page = _page(request)
    rows, has_next = selectors.search_page(q, a, page, region=r) if q.strip() else ([], False)
    return render(request, "portal/search.html", _ctx(request, q=q, agency=a, region=r, rows=rows,
                                                      has_next=has_next, page=page, query=_query(request)))


@require_GET
@cached
def item(request, pk):
    p = get_object_or_404(Public.objects.select_related("agency", "category", "interprets__public"), item_id=pk)
    interpretations = Public.objects.filter(interprets_id=pk).only("item_id", "title")
    return render(request, "portal/item.html", _ctx(request, p=p, agency=p.agency, interpretations=interpretations,
                                                    scores=Rating.SCORES))


@require_GET
def item_file(request, pk, aid):
    """An attachment of the published version (only those listed at publication)."""
    p = get_object_or_404(Public.objects.only("attachments"), item_id=pk)
    if aid not in {a["id"] for a in p.attachments}:
        raise Http404
    att = get_object_or_404(Attachment, pk=aid, item_id=pk)
    return _download(bytes(att.data), Attachment.KINDS[att.kind], att.name)


# Ratings are anonymous and rate-limited; there is no session to protect, so no CSRF token is
# needed and the item page around the form stays cacheable.
@csrf_exempt
@require_POST
def item_rate(request, pk):
    p = get_object_or_404(Public.objects.select_related("agency"), item_id=pk)
    try:
        services.rate_check(request, "rate", now())
        services.rate(p.agency, _score(request), request.POST.get("comment", ""), item=p.item)
    except services.RateLimited:
        return _limited(request, _("评价过于频繁，请稍后再试。"))
    except DeskError as err:
        return render(request, "portal/message.html", _ctx(request, title=_("评价未提交"), message=_both(err.zh, err.en)),
                      status=400)
    return render(request, "portal/message.html", _ctx(request, title=_("感谢您的评价"), message=_("您的评价已记录。"),
                                                       back=reverse("portal:item", args=[pk])))


def _score(request) -> int:
    raw = request.POST.get("score", "")
    return int(raw) if raw.isdecimal() else 0


@require_GET
@cached
def reports(request, agency_id):
    a = _agency(agency_id)
    return render(request, "portal/reports.html", _ctx(request, agency=a, reports=selectors.reports(a)))


@require_GET
@cached
def report(request, agency_id, year):
    """政府信息公开工作年度报告 as an HTML page in the official layout (ogi.render)."""
    from ogi.model import AnnualReport
    from ogi.render import render as render_report

    a = _agency(agency_id)
    row = get_object_or_404(ReportPublication.objects.defer("docx", "pdf"), agency=a, year=year)
    html = render_report([AnnualReport.from_json(row.report)], "html-fragment").decode()
    return render(request, "portal/report.html", _ctx(request, agency=a, row=row, html=html))


@require_GET
def report_file(request, agency_id, year, fmt):
    row = get_object_or_404(ReportPublication, agency_id=agency_id, year=year)
    if fmt == "docx":
        body, ctype = bytes(row.docx), "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    elif fmt == "pdf":
        if not row.pdf:
            return HttpResponse("PDF 正在生成，请稍后再试 / the PDF is being made", status=409,
                                content_type="text/plain; charset=utf-8")
        body, ctype = bytes(row.pdf), "application/pdf"
    else:
        raise Http404
    return _download(body, ctype, f"{row.agency.name}{year}.{fmt}")


class ApplyForm(forms.Form):
    """《政府信息公开条例》 Art. 29: who applies (name, identity document, contact), what is asked
    for (name, 文号 or a description), and the form and way of receiving it."""

    applicant_type = forms.ChoiceField(choices=_translated(APPLICANT_CHOICES), label=gettext_lazy("申请人类型"))
    applicant_name = forms.CharField(max_length=200, label=gettext_lazy("姓名或名称"))
    applicant_id = forms.CharField(max_length=100, label=gettext_lazy("身份证件号码或统一社会信用代码"))
    applicant_phone = forms.CharField(max_length=50, label=gettext_lazy("联系电话"))
    applicant_email = forms.EmailField(required=False, label=gettext_lazy("电子邮箱"))
    applicant_address = forms.CharField(max_length=300, required=False, label=gettext_lazy("通信地址"))
    content = forms.CharField(max_length=5000, widget=forms.Textarea(attrs={"rows": 5}),
                              label=gettext_lazy("所需政府信息的名称、文号或者便于查询的其他特征性描述"))
    form = forms.ChoiceField(choices=FORM_CHOICES, label=gettext_lazy("信息的形式要求"))
    delivery = forms.ChoiceField(choices=DELIVERY_CHOICES, initial="online", label=gettext_lazy("获取信息的方式"))


@require_http_methods(["GET", "POST"])
def apply(request, agency_id):
    a = _agency(agency_id)
    form = ApplyForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.rate_check(request, "apply", now())
            except services.RateLimited:
                return _limited(request, _("同一来源一小时内提交申请过多，请稍后再试。"))
            try:
                app, code = services.apply_online(a, form.cleaned_data, today())
            except DeskError as err:
                form.add_error(err.field if err.field in form.fields else None, _both(err.zh, err.en))
            else:
                return render(request, "portal/receipt.html", _ctx(request, agency=a, app=app, code=code))
        status = 400
    return render(request, "portal/apply.html", _ctx(request, agency=a, form=form), status=status)


class CodeForm(forms.Form):
    code = forms.CharField(max_length=40, label=gettext_lazy("查询码"))


def _unlocked(request) -> list[int]:
    return list(request.session.get("portal_apps", []))[-20:]


@require_http_methods(["GET", "POST"])
def lookup(request):
    """Status of an online application by its query code; the notices to download."""
    form = CodeForm(request.POST or None)
    app = None
    status = 200
    if request.method == "POST":
        try:
            services.rate_check(request, "lookup", now())
        except services.RateLimited:
            return _limited(request, _("查询过于频繁，请稍后再试。"))
        valid = form.is_valid()
        if valid:
            app = services.application_by_code(form.cleaned_data["code"])
            if app is None:
                form.add_error("code", _("查询码不正确"))
            else:
                request.session["portal_apps"] = _unlocked(request) + [app.pk]
        if app is None:
            status = 404 if valid else 400
    elif request.GET.get("app", "").isdecimal() and int(request.GET["app"]) in _unlocked(request):
        from ..cases.models import Application

        app = Application.objects.select_related("agency").filter(pk=int(request.GET["app"])).first()
    ctx = _ctx(request, form=form, app=app)
    if app is not None:
        ctx.update(masked=services.mask_name(app.applicant_name),
                   state=_both(*lifecycle.STATE_WORDS.get(app.state, (app.state, app.state))),
                   notices=app.notices.defer("docx", "pdf") if app.channel == "online" else [],
                   scores=Rating.SCORES, rated=app.ratings.exists())
    return render(request, "portal/lookup.html", ctx, status=status)


@require_GET
def lookup_notice(request, app_id, nid, fmt):
    if app_id not in _unlocked(request):
        raise Http404
    notice = get_object_or_404(Notice.objects.select_related("application"), pk=nid, application_id=app_id,
                               application__channel="online")
    if fmt == "docx":
        body, ctype = bytes(notice.docx), "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    elif fmt == "pdf" and notice.pdf:
        body, ctype = bytes(notice.pdf), "application/pdf"
    else:
        raise Http404
    return _download(body, ctype, f"{notice.number}.{fmt}")


@require_POST
def lookup_rate(request, app_id):
    if app_id not in _unlocked(request):
        raise Http404
    from ..cases.models import Application

    app = get_object_or_404(Application, pk=app_id, closed__isnull=False)
    try:
        services.rate_check(request, "rate", now())
        services.rate(app.agency, _score(request), request.POST.get("comment", ""), application=app)
    except services.RateLimited:
        return _limited(request, _("评价过于频繁，请稍后再试。"))
    except DeskError as err:
        return render(request, "portal/message.html", _ctx(request, title=_("评价未提交"), message=_both(err.zh, err.en)),
                      status=400)
    return redirect(f"{reverse('portal:lookup')}?app={app.pk}")


class ComplaintForm(forms.Form):
    kind = forms.ChoiceField(choices=Complaint.KINDS, label=gettext_lazy("类别"))
    name = forms.CharField(max_length=100, required=False, label=gettext_lazy("姓名（可不填）"))
    contact = forms.CharField(max_length=100, required=False, label=gettext_lazy("联系方式（可不填）"))
    content = forms.CharField(max_length=5000, widget=forms.Textarea(attrs={"rows": 5}),
                              label=gettext_lazy("投诉举报内容"))


@require_http_methods(["GET", "POST"])
def complain(request, agency_id):
    """投诉举报 (《政府信息公开条例》 Art. 47), routed to the 政务公开办 of the agency's region."""
    a = _agency(agency_id)
    form = ComplaintForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.rate_check(request, "complain", now())
            except services.RateLimited:
                return _limited(request, _("同一来源一小时内提交过多，请稍后再试。"))
            try:
                c, code = services.complaint_submit(a, form.cleaned_data, today())
            except (DeskError, LedgerError) as err:
                form.add_error(None, _both(err.zh, err.en))
            else:
                return render(request, "portal/complaint_receipt.html", _ctx(request, agency=a, c=c, code=code))
        status = 400
    return render(request, "portal/complain.html", _ctx(request, agency=a, form=form), status=status)


@require_http_methods(["GET", "POST"])
def complaint_lookup(request):
    form = CodeForm(request.POST or None)
    c = None
    status = 200
    if request.method == "POST":
        try:
            services.rate_check(request, "lookup", now())
        except services.RateLimited:
            return _limited(request, _("查询过于频繁，请稍后再试。"))
        if form.is_valid():
            c = services.complaint_by_code(form.cleaned_data["code"])
            if c is None:
                form.add_error("code", _("查询码不正确"))
                status = 404
        else:
            status = 400
    return render(request, "portal/complaint_lookup.html", _ctx(request, form=form, c=c), status=status)


@require_GET
@cached
def feed(request):
    """Atom feed of newly published items (all agencies, or ?agency=ID)."""
    agency_id = request.GET.get("agency", "")
    a = _agency(int(agency_id)) if agency_id.isdecimal() else None
    title = f"{a.name if a else ''}政府信息公开 · 最新信息"
    f = Atom1Feed(title=title, link=request.build_absolute_uri(reverse("portal:index")),
                  description="主动公开的政府信息", language="zh-CN")
    for p in selectors.catalogue(a)[:50]:
        f.add_item(title=p.title, link=request.build_absolute_uri(reverse("portal:item", args=[p.item_id])),
                   description=f"{p.index_no} {p.doc_number}".strip(), unique_id=f"ogi-item-{p.item_id}",
                   pubdate=dt.datetime.combine(p.published, dt.time(), tzinfo=dt.UTC))
    return HttpResponse(f.writeString("utf-8"), content_type="application/atom+xml; charset=utf-8")


@require_GET
@cached
def sitemap(request):
    """Sitemap index: the agencies' pages, then the items in chunks (sitemaps.org: ≤ 50,000 URLs each)."""
    last = Public.objects.order_by("-id").values_list("id", flat=True).first() or 0
    parts = [request.build_absolute_uri(reverse("portal:sitemap_part", args=[n]))
             for n in range(0, last // SITEMAP_CHUNK + 2)]
    body = render(request, "portal/sitemap_index.xml", {"parts": parts}).content
    return HttpResponse(body, content_type="application/xml; charset=utf-8")


@require_GET
@cached
def sitemap_part(request, n):
    if n == 0:
        urls = [request.build_absolute_uri(reverse("portal:index"))]
        for a in Agency.objects.only("id"):
            for name in ("agency", "guide", "system", "catalogue", "reports", "apply"):
                urls.append(request.build_absolute_uri(reverse(f"portal:{name}", args=[a.pk])))
    else:
        last = Public.objects.order_by("-id").values_list("id", flat=True).first() or 0
        if n > last // SITEMAP_CHUNK + 1:
            raise Http404
        lo, hi = (n - 1) * SITEMAP_CHUNK, n * SITEMAP_CHUNK
        ids = Public.objects.filter(id__gt=lo, id__lte=hi).values_list("item_id", flat=True)
        urls = [request.build_absolute_uri(reverse("portal:item", args=[i])) for i in ids]
    body = render(request, "portal/sitemap.xml", {"urls": urls}).content
    return HttpResponse(body, content_type="application/xml; charset=utf-8")


# -- the 政务公开办's desk for complaints ---------------------------------------------------

@require_GET
@login_required
def complaints(request):
    from .. import permissions

    if not permissions.can(request.user, "complaint.answer"):
        raise PermissionDenied
    rows = services.complaints_visible_to(request.user)[:200]
    offices = [m.region for m in permissions.memberships(request.user) if m.role == "region_office" and m.region]
    return render(request, "portal/complaints.html", {"rows": rows, "today": today(), "offices": offices,
                                                      "ratings": services.rating_summary_visible_to(request.user)})


@require_POST
@login_required
def complaint_period(request):
    """The 政务公开办 sets the working days it gives itself to answer complaints in its region."""
    from django.contrib import messages

    raw_region = request.POST.get("region") or ""
    if not raw_region.isdecimal():
        raise Http404
    region = _region(int(raw_region))
    raw = (request.POST.get("complaint_days") or "").strip()
    try:
        services.complaint_period_set(request.user, region, int(raw) if raw.isdecimal() and len(raw) <= 4 else -1)
    except DeskError as err:
        return render(request, "portal/message.html", {"title": "答复期限未保存", "message": err.zh}, status=400)
    messages.success(request, f"{region.name}投诉举报答复期限：{region.complaint_days}个工作日")
    return redirect("complaints:list")


class AnswerForm(forms.Form):
    answer = forms.CharField(max_length=5000, widget=forms.Textarea(attrs={"rows": 4}), label="答复意见")


@require_http_methods(["GET", "POST"])
@login_required
def complaint(request, pk):
    c = get_object_or_404(services.complaints_visible_to(request.user), pk=pk)
    record_view(request.user, c, c.agency)  # the complainant's name and contact are on the page
    form = AnswerForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.complaint_answer(request.user, c, form.cleaned_data["answer"], today())
            except DeskError as err:
                form.add_error("answer", err.zh)
            else:
                from django.contrib import messages

                messages.success(request, "已答复")
                return redirect("complaints:detail", pk=c.pk)
        status = 400
    return render(request, "portal/complaint.html", {"c": c, "form": form}, status=status)
