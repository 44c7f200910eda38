from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "ogi.server.cases"
    label = "cases"
    verbose_name = "依申请公开 / applications"
