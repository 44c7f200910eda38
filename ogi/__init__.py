"""OGI — Open Government Information (政府信息公开) workbench."""

__version__ = "0.1.0"
