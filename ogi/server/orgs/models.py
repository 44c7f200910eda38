"""Regions (省/市/县区/乡镇街道), agencies and their 政府信息公开工作机构, people's roles."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ogi.model import DEPARTMENT, GOVERNMENT

DEFAULT_COMPLAINT_DAYS = 15  # working days, where no region has set its own
COMPLAINT_DAYS_RANGE = (1, 60)


class Region(models.Model):
    PROVINCE, CITY, COUNTY, TOWN = "province", "city", "county", "town"
    LEVELS = [(PROVINCE, _("省")), (CITY, _("市")), (COUNTY, _("县区")), (TOWN, _("乡镇街道"))]

    name = models.CharField(_("名称"), max_length=100)
    level = models.CharField(_("层级"), max_length=10, choices=LEVELS)
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="children",
                               verbose_name=_("上级"))
    # Materialised path "/1/4/9/": a region's subtree is one indexed prefix query.
    path = models.CharField(max_length=255, db_index=True, editable=False, default="")
    # The time this region's 政务公开办 gives itself to answer a 投诉举报 (Art. 47 leaves it to the
    # office), in working days; empty: the region above decides (at the top, DEFAULT_COMPLAINT_DAYS).
    complaint_days = models.PositiveSmallIntegerField(_("投诉举报答复期限（工作日）"), null=True, blank=True)

    class Meta:
        ordering = ["path"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        path = f"{self.parent.path if self.parent else '/'}{self.pk}/"
        if path != self.path:
            self.path = path
            type(self).objects.filter(pk=self.pk).update(path=path)

    def path_ids(self) -> list[int]:
        """The ids from the top region down to this one, read off the materialised path."""
        return [int(x) for x in self.path.strip("/").split("/") if x]

    def complaint_period(self) -> int:
        """Working days to answer a complaint routed here: this region's own rule or the nearest
        region above that has one (one query over the path)."""
        if self.complaint_days:
            return self.complaint_days
        rules: dict[int, int] = {pk: days for pk, days in Region.objects.filter(
            pk__in=self.path_ids(), complaint_days__isnull=False).values_list("pk", "complaint_days") if days}
        return next((rules[i] for i in reversed(self.path_ids()) if i in rules), DEFAULT_COMPLAINT_DAYS)

    def full_name(self) -> str:
        names: list[str] = []
        node: Region | None = self
        while node is not None:
            names.append(node.name)
            node = node.parent
        return "".join(reversed(names))


class Agency(models.Model):
    # The kind sets the annual report's deadline (Art. 49): 人民政府 31 March, 部门 31 January.
    KINDS = [(GOVERNMENT, _("人民政府")), (DEPARTMENT, _("部门"))]

    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="agencies", verbose_name=_("地区"))
    name = models.CharField(_("机关名称"), max_length=100, unique=True)
    kind = models.CharField(_("机关类别"), max_length=12, choices=KINDS, default=DEPARTMENT)
    # 文号 of the agency's notices: 〔代字〕〔年份〕序号, e.g. 某应急依复〔2026〕3号.
    doc_prefix = models.CharField(_("文号代字"), max_length=20, help_text=_("如：某应急依申"))
    # The 政府信息公开工作机构 (Art. 4) and the facts its 指南 publishes (Art. 12).
    office_name = models.CharField(_("政府信息公开工作机构"), max_length=100, blank=True)
    office_address = models.CharField(_("办公地址"), max_length=200, blank=True)
    office_hours = models.CharField(_("办公时间"), max_length=100, blank=True)
    office_phone = models.CharField(_("联系电话"), max_length=50, blank=True)
    office_fax = models.CharField(_("传真"), max_length=50, blank=True)
    office_email = models.CharField(_("电子邮箱"), max_length=100, blank=True)
    office_postcode = models.CharField(_("邮政编码"), max_length=10, blank=True)

    class Meta:
        ordering = ["region__path", "-kind", "name"]

    def __str__(self) -> str:
        return self.name


class Membership(models.Model):
    """One role of one person: per agency (经办人…机关管理员), per region (政务公开办), or global."""

    CLERK, APPROVER, SECRECY, AGENCY_ADMIN = "clerk", "approver", "secrecy", "agency_admin"
    REGION_OFFICE, SYSADMIN = "region_office", "sysadmin"
    ROLES = [(CLERK, _("经办人")), (APPROVER, _("审核人")), (SECRECY, _("保密审查员")),
             (AGENCY_ADMIN, _("机关管理员")), (REGION_OFFICE, _("政务公开办")), (SYSADMIN, _("系统管理员"))]
    AGENCY_ROLES = (CLERK, APPROVER, SECRECY, AGENCY_ADMIN)

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("角色"), max_length=20, choices=ROLES)
    agency = models.ForeignKey(Agency, null=True, blank=True, on_delete=models.CASCADE, related_name="memberships")
    region = models.ForeignKey(Region, null=True, blank=True, on_delete=models.CASCADE, related_name="memberships")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "role", "agency", "region"], name="one_role_once"),
            models.CheckConstraint(name="role_scope", condition=(
                models.Q(role__in=["clerk", "approver", "secrecy", "agency_admin"], agency__isnull=False,
                         region__isnull=True)
                | models.Q(role="region_office", region__isnull=False, agency__isnull=True)
                | models.Q(role="sysadmin", agency__isnull=True, region__isnull=True))),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_role_display()} · {self.scope_name}"

    @property
    def scope_name(self) -> str:
        return str(self.agency or self.region or _("全局"))


class LoginFailure(models.Model):
    """Failed logins, counted per user name for the lockout (OGI_LOCKOUT_ATTEMPTS)."""

    username = models.CharField(max_length=150, db_index=True)
    at = models.DateTimeField(auto_now_add=True)


class ApiToken(models.Model):
    """A bearer token of the API; only its SHA-256 is stored."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("用途"), max_length=100)
    digest = models.CharField(max_length=64, unique=True)
    created = models.DateTimeField(auto_now_add=True)
