from django.apps import AppConfig


class OrgsConfig(AppConfig):
    name = "ogi.server.orgs"
    label = "orgs"
    verbose_name = "机关与人员 / agencies and people"
