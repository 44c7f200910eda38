"""The REST API under /api/v1/ (django-ninja): bearer tokens, the same rules and services as the pages."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Literal

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Field, NinjaAPI, Path, Query, Schema, Status
from ninja.errors import AuthenticationError, ValidationError
from ninja.security import HttpBearer

from ogi.ledger import LedgerError, deadlines, lifecycle
from ogi.ledger import events as ev

from .. import permissions
from ..cases import selectors, services
from ..orgs.selectors import agencies_visible_to
from ..orgs.services import token_user


class Bearer(HttpBearer):
    def authenticate(self, request, token):
        if not token or len(token) > 200:
            return None
        user = token_user(token)
        if user is not None:
            request.user = user
        return user


api = NinjaAPI(title="OGI 政府信息公开工作台 API", version="1", urls_namespace="api", auth=Bearer(),
               description="依申请公开台账、机关与工作清单。令牌：Authorization: Bearer <token>（在“API 令牌”页面生成）。")


def _error(request, status: int, code: str, zh: str, en: str):
    return api.create_response(request, {"code": code, "zh": zh, "en": en}, status=status)


@api.exception_handler(services.DeskError)
def desk_error(request, exc):
    return _error(request, 400, exc.code, exc.zh, exc.en)


@api.exception_handler(LedgerError)
def ledger_error(request, exc):
    return _error(request, 400, exc.code, exc.zh, exc.en)


@api.exception_handler(PermissionDenied)
def denied(request, exc):
    return _error(request, 403, "auth.E403", "无权进行此操作", "not allowed")


@api.exception_handler(Http404)
def not_found(request, exc):
    return _error(request, 404, "api.E404", "未找到", "not found")


@api.exception_handler(AuthenticationError)
def unauthenticated(request, exc):
    return _error(request, 401, "auth.E401", "需要有效的 API 令牌", "a valid API token is required")


@api.exception_handler(ValidationError)
def invalid(request, exc):
    return api.create_response(request, {"code": "api.E422", "zh": "请求数据无效", "en": "invalid request",
                                         "detail": exc.errors}, status=422)


class Error(Schema):
    code: str
    zh: str
    en: str


class AgencyOut(Schema):
    id: int
    name: str
    kind: str
    region: str
    office_name: str
    office_phone: str


class ApplicationOut(Schema):
    id: int
    agency_id: int
    number: str
    channel: str
    applicant_type: str
    applicant_name: str
    content: str
    received: dt.date
    state: str
    due: dt.date | None
    category: str
    closed: dt.date | None


class EventOut(Schema):
    kind: str
    date: dt.date
    data: dict


class StepOut(Schema):
    article: str
    zh: str
    en: str
    due: dt.date | None


class ApplicationDetail(ApplicationOut):
    events: list[EventOut]
    deadline_steps: list[StepOut]


class WorkItem(Schema):
    bucket: str
    application: ApplicationOut
    explanation_zh: str
    explanation_en: str


if TYPE_CHECKING:  # the values come from ogi.ledger at run time; for mypy, a string
    Channel = str
else:
    Channel = Literal[tuple(deadlines.CHANNELS)]
if TYPE_CHECKING:  # the values come from ogi.ledger at run time; for mypy, a string
    Applicant = str
else:
    Applicant = Literal[tuple(lifecycle.APPLICANT_TYPES)]


class RegisterIn(Schema):
    agency_id: int = Field(..., ge=1, le=2**62)
    channel: Channel
    submitted: dt.date
    applicant_type: Applicant
    applicant_name: str = Field(..., min_length=1, max_length=200)
    applicant_phone: str = Field("", max_length=50)
    applicant_email: str = Field("", max_length=254)
    applicant_address: str = Field("", max_length=300)
    content: str = Field(..., min_length=1, max_length=5000)
    form: Literal["paper", "electronic", "either"] = "either"
    delivery: Literal["post", "in_person", "email", "online"] = "post"


if TYPE_CHECKING:  # the values come from ogi.ledger at run time; for mypy, a string
    EventKind = str
else:
    EventKind = Literal[tuple(k for k in ev.KINDS if k != ev.RECEIVED)]


class EventIn(Schema):
    kind: EventKind
    date: dt.date
    items: str = Field("", max_length=2000)
    party: Literal["third_party", "co_producer"] = "third_party"
    name: str = Field("", max_length=200)
    opinion: str = Field("", max_length=2000)
    days: int | None = Field(None, ge=1, le=deadlines.MAX_EXTENSION_DAYS)
    reason: str = Field("", max_length=2000)
    method: str = Field("", max_length=20)
    units: int | None = Field(None, ge=1, le=100000)
    already: int | None = Field(None, ge=0, le=100000)
    category: str = Field("", max_length=40)
    basis: str = Field("", max_length=4000)
    receiver: str = Field("", max_length=200)
    note: str = Field("", max_length=500)
    until: dt.date | None = None


def _today():
    return timezone.localdate()


def _out(a) -> dict:
    return {f: getattr(a, f) for f in ApplicationOut.model_fields}


@api.get("/agencies", response=list[AgencyOut], summary="可见的机关 / agencies visible to the token's user")
def list_agencies(request):
    return [{"id": a.pk, "name": a.name, "kind": a.kind, "region": a.region.name, "office_name": a.office_name,
             "office_phone": a.office_phone} for a in agencies_visible_to(request.user)[:1000]]


@api.get("/applications", response=list[ApplicationOut], summary="检索申请 / search applications",
         description="最新收到的在前。翻页：响应头 Link（rel=\"next\"）给出下一页地址，其游标 after 使每一页同样快；"
                     "offset 仍可用，但越往后越慢。 / Newest received first. Paging: the Link header (rel=\"next\") gives "
                     "the next page, whose cursor `after` makes every page as fast as the first; `offset` still works "
                     "but slows down with depth.")
def list_applications(request, response: HttpResponse, q: str = Query("", max_length=200),
                      state: str = Query("", max_length=20), offset: int = Query(0, ge=0, le=10**7),
                      limit: int = Query(50, ge=1, le=500), after: str = Query("", max_length=40)):
    if not permissions.can(request.user, "case.view"):
        raise PermissionDenied
    qs = selectors.search(request.user, q, state)
    if after:
        try:
            day, pk = selectors.parse_cursor(after) or (None, None)
        except ValueError:
            raise services.DeskError("api.E400", "翻页游标无效", "invalid paging cursor", "after") from None
        qs, offset = qs.filter(Q(received__lt=day) | Q(received=day, id__lt=pk)), 0
    rows = list(qs[offset:offset + limit + 1])
    if len(rows) > limit:  # there is a next page: its address, by the cursor of this page's last row
        rows = rows[:limit]
        params = request.GET.copy()
        params.pop("offset", None)
        params["after"] = selectors.cursor_of(rows[-1])
        response.headers["Link"] = f'<{request.path}?{params.urlencode()}>; rel="next"'
    return [_out(a) for a in rows]


@api.get("/applications/{app_id}", response=ApplicationDetail, summary="一件申请及其期限说明 / one application")
def get_application(request, app_id: int = Path(..., ge=1, le=2**62)):
    app = get_object_or_404(selectors.applications_visible_to(request.user), pk=app_id)
    dl = services.ledger_application(app).deadline(services.calendar())
    return {**_out(app), "events": [{"kind": e.kind, "date": e.date, "data": e.data} for e in app.events.all()],
            "deadline_steps": [{"article": s.article, "zh": s.zh, "en": s.en, "due": s.due} for s in dl.steps]}


@api.get("/worklist", response=list[WorkItem], summary="工作清单 / the worklist")
def get_worklist(request):
    if not permissions.can(request.user, "case.view"):
        raise PermissionDenied
    out = []
    for bucket, _words, _count, rows in selectors.worklist_for(request.user, _today()):
        out += [{"bucket": bucket, "application": _out(a), "explanation_zh": s.zh, "explanation_en": s.en}
                for a, s in rows]
    return out


@api.post("/applications", response={201: ApplicationOut, 400: Error, 403: Error},
          summary="登记申请 / register an application")
def register(request, payload: RegisterIn):
    agency = get_object_or_404(agencies_visible_to(request.user), pk=payload.agency_id)
    app = services.application_register(request.user, agency, payload.dict(), _today())
    return Status(201, _out(app))


@api.post("/applications/{app_id}/events", response={201: ApplicationOut, 400: Error, 403: Error},
          summary="记录办理步骤 / record a step")
def record(request, payload: EventIn, app_id: int = Path(..., ge=1, le=2**62)):
    app = get_object_or_404(selectors.applications_visible_to(request.user), pk=app_id)
    data = payload.dict()
    services.application_record(request.user, app, payload.kind, payload.date, data, _today())
    app.refresh_from_db()
    return Status(201, _out(app))


from ..publish.api import router as items_router  # noqa: E402  (the registry: /api/v1/items)

api.add_router("/items", items_router)
