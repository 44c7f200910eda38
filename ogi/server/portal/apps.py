from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "ogi.server.portal"
    label = "portal"
    verbose_name = "政府信息公开专栏 / public site"
