"""The public pages' cache: whole responses, keyed by the page, the reader's display choices and
the portal generation (bumped in the transaction of every change the pages show, see
`publish.services.bump_generation`), so a cached page never outlives what it shows."""

from __future__ import annotations

import functools
import hashlib

from django.core.cache import cache
from django.http import HttpResponse, HttpResponseNotModified
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
        etag = f'"{hashlib.sha256(key.encode()).hexdigest()[:24]}"'
        resp: HttpResponse
        if request.headers.get("If-None-Match") == etag:
            resp = HttpResponseNotModified()
        else:
            hit = cache.get(key)
            if hit is not None:
                body, ctype, headers = hit
                resp = HttpResponse(body, content_type=ctype)
                for k, v in headers.items():
                    resp[k] = v
                resp["X-Cache"] = "hit"
            else:
                resp = view(request, *args, **kwargs)
                if resp.status_code != 200 or getattr(resp, "streaming", False):
                    return resp
                headers = {k: v for k, v in resp.items() if k in ("Content-Disposition", "Content-Language")}
                cache.set(key, (resp.content, resp["Content-Type"], headers), CACHE_SECONDS)
                resp["X-Cache"] = "miss"
        # Browsers and proxies keep the page but ask again each time (a 304 when nothing changed):
        # a publication or a withdrawal shows at once.
        resp["Cache-Control"] = "public, no-cache"
        resp["ETag"] = etag
        resp["Vary"] = "Cookie"
        return resp

    return wrapper
