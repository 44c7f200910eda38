"""Error pages, Chinese first; never a traceback."""

from django.shortcuts import render


def _page(request, status: int, zh: str, en: str):
    return render(request, "error.html", {"status": status, "zh": zh, "en": en}, status=status)


def bad_request(request, exception=None):
    return _page(request, 400, "请求无效", "bad request")


def forbidden(request, exception=None):
    return _page(request, 403, "您没有权限访问此页面", "you are not allowed to see this page")


def not_found(request, exception=None):
    return _page(request, 404, "页面不存在", "page not found")


def server_error(request):
    # No template, no database: this page must render whatever broke.
    from django.http import HttpResponseServerError

    return HttpResponseServerError(
        '<!doctype html><meta charset="utf-8"><title>500</title><h1>500 · 服务器内部错误，已记录</h1>'
        '<p>server error — the problem has been logged</p><p><a href="/">返回首页 / home</a></p>')


def csrf_failure(request, reason=""):
    return _page(request, 403, "表单已过期或来源无效，请刷新页面后重试（CSRF）", "the form expired or came from elsewhere (CSRF)")
