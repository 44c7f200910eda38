from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "ogi.server.audit"
    label = "audit"
    verbose_name = "审计日志 / audit log"
