"""Background work of the desk on Django's task interface (run by `ogi worker`)."""

from __future__ import annotations

import datetime as dt

from django_tasks import task


@task()
def render_notice_pdf(notice_id: int) -> str:
    """DOCX → PDF through LibreOffice (`ogi.render.pdf`), stored beside the DOCX."""
    from ogi.render.errors import RenderError
    from ogi.render.pdf import docx_to_pdf

    from .models import Notice

    notice = Notice.objects.filter(pk=notice_id).first()
    if notice is None:
        return "gone"
    try:
        pdf = docx_to_pdf([bytes(notice.docx)])[0]
    except RenderError as err:
        Notice.objects.filter(pk=notice_id).update(pdf_state=Notice.PDF_FAILED, pdf_error=str(err)[:300])
        return "failed"
    Notice.objects.filter(pk=notice_id).update(pdf=pdf, pdf_state=Notice.PDF_DONE, pdf_error="")
    return "done"


@task()
def send_due_lists(today: str) -> int:
    """Each officer's daily list of what falls due (see `selectors.due_list`), by e-mail."""
    from .mail import send_due_lists as send

    return send(dt.date.fromisoformat(today))
