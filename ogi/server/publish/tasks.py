"""Background work of the publication desk (run by `ogi worker`)."""

from __future__ import annotations

from django_tasks import task


@task()
def render_report_pdf(publication_id: int) -> str:
    """The published annual report as PDF through LibreOffice (`ogi.render.pdf`)."""
    from ogi.render.errors import RenderError
    from ogi.render.pdf import docx_to_pdf

    from .models import ReportPublication

    row = ReportPublication.objects.filter(pk=publication_id).first()
    if row is None:
        return "gone"
    try:
        pdf = docx_to_pdf([bytes(row.docx)])[0]
    except RenderError:
        ReportPublication.objects.filter(pk=publication_id).update(pdf_state="failed")
        return "failed"
    ReportPublication.objects.filter(pk=publication_id).update(pdf=pdf, pdf_state="done")
    return "done"
