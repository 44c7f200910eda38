"""The append-only audit log: every change, who made it, when, what it was before and after."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AppendOnly(Exception):
    pass


class Entry(models.Model):
    at = models.DateTimeField(_("时间"), auto_now_add=True, db_index=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    username = models.CharField(_("操作人"), max_length=150)  # kept when the account goes
    action = models.CharField(_("操作"), max_length=60)
    model = models.CharField(_("对象类型"), max_length=60)
    object_id = models.CharField(_("对象"), max_length=60)
    object_repr = models.CharField(_("对象名称"), max_length=200)
    agency = models.ForeignKey("orgs.Agency", null=True, on_delete=models.SET_NULL, related_name="+", db_index=True)
    before = models.JSONField(_("修改前"), null=True)
    after = models.JSONField(_("修改后"), null=True)

    class Meta:
        ordering = ["-at", "-id"]

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise AppendOnly("审计日志只能追加，不能修改 / the audit log is append-only")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnly("审计日志只能追加，不能删除 / the audit log is append-only")
