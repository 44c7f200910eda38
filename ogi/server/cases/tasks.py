"""Background work of the desk on Django's task interface (run by `ogi worker`)."""

from __future__ import annotations

import datetime as dt

from django_tasks import task


@task()
def render_notice_pdf(notice_id: int) -> str:
    """DOCX → PDF through LibreOffice (`ogi.render.pdf`), stored beside the DOCX; then, when the
    applicant chose e-mail, the notice is sent (`services.notice_email_auto`)."""
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
        state = "failed"
    else:
        Notice.objects.filter(pk=notice_id).update(pdf=pdf, pdf_state=Notice.PDF_DONE, pdf_error="")
        state = "done"
    return f"{state}; {_email_if_chosen(notice_id)}"


def _email_if_chosen(notice_id: int) -> str:
    """The applicant who chose e-mail gets the notice now that its PDF is settled."""
    import logging

    from .services import notice_email_auto

    try:
        return notice_email_auto(notice_id)
    except OSError as err:
        logging.getLogger(__name__).warning("notice %s: e-mail failed: %s", notice_id, err)
        return f"e-mail failed: {err}"


@task()
def send_due_lists(today: str) -> int:
    """Each officer's daily list of what falls due (see `selectors.due_list`), by e-mail."""
    from .mail import send_due_lists as send

    return send(dt.date.fromisoformat(today))
