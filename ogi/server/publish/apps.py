from django.apps import AppConfig


class PublishConfig(AppConfig):
    name = "ogi.server.publish"
    label = "publish"
    verbose_name = "主动公开 / proactive disclosure"
