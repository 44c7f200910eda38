"""The public pages' cache: whole responses, keyed by the page, the reader's display choices and
the portal generation (bumped in the transaction of every change the pages show, see
`publish.services.bump_generation`), so a cached page never outlives what it shows."""

from __future__ import annotations

import functools
import hashlib

from django.core.cache import cache
from django.http import HttpResponse
from django.utils.translation import get_language

from .models import Generation

CACHE_SECONDS = 300
LARGE_COOKIE = "ogi_large"


def generation() -> int:
    return Generation.objects.filter(pk=1).values_list("value", flat=True).first() or 0


def large_text(request) -> bool:
    return request.COOKIES.get(LARGE_COOKIE) == "1"


def cached(view):
    """Serve a GET page from the cache; only 200 answers are kept. The page must not depend on
    the session (public pages never do: no login, no CSRF token)."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method != "GET":
            return view(request, *args, **kwargs)
        raw = f"{request.path}?{request.META.get('QUERY_STRING', '')}|{get_language()}|{int(large_text(request))}"
        key = f"portal:{generation()}:{hashlib.sha256(raw.encode()).hexdigest()}"
        hit = cache.get(key)
        if hit is not None:
            body, ctype, headers = hit
            resp = HttpResponse(body, content_type=ctype)
            for k, v in headers.items():
                resp[k] = v
            resp["X-Cache"] = "hit"
            return resp
        resp = view(request, *args, **kwargs)
        if resp.status_code == 200 and not getattr(resp, "streaming", False):
            headers = {k: v for k, v in resp.items() if k in ("Content-Disposition", "Content-Language")}
            cache.set(key, (resp.content, resp["Content-Type"], headers), CACHE_SECONDS)
            resp["X-Cache"] = "miss"
        resp["Cache-Control"] = "public, max-age=60"
        resp["Vary"] = "Cookie"
        return resp

    return wrapper
