"""Changes to agencies, people and roles; each checks the rule table and writes the audit log."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from .. import permissions
from ..audit.services import record as audit
from .models import Agency, ApiToken, LoginFailure, Membership, Region

OFFICE_FIELDS = ("office_name", "office_address", "office_hours", "office_phone", "office_fax", "office_email",
                 "office_postcode", "doc_prefix")


def agency_update(actor, agency: Agency, data: dict) -> Agency:
    if not permissions.can(actor, "agency.edit", agency):
        raise PermissionDenied
    with transaction.atomic():
        before = {f: getattr(agency, f) for f in OFFICE_FIELDS}
        for f in OFFICE_FIELDS:
            if f in data:
                setattr(agency, f, str(data[f] or "").strip())
        agency.full_clean()
        agency.save()
        audit(actor, "agency.update", agency, before, {f: getattr(agency, f) for f in OFFICE_FIELDS}, agency)
    return agency


def membership_add(actor, agency: Agency, username: str, role: str, full_name: str = "", email: str = "",
                   password: str = "") -> Membership:
    """Give a person (created when new) a role in `agency`."""
    if not permissions.can(actor, "people.manage", agency):
        raise PermissionDenied
    if role not in Membership.AGENCY_ROLES:
        raise ValidationError("机关角色应为经办人、审核人、保密审查员或机关管理员 / not an agency role")
    User = get_user_model()
    with transaction.atomic():
        user = User.objects.filter(username=username).first()
        if user is None:
            if len(password) < 8:
                raise ValidationError("新用户的密码至少 8 位 / a new user's password needs 8 characters")
            user = User(username=username, email=email, first_name=full_name[:150])
            user.set_password(password)
            user.full_clean()
            user.save()
            audit(actor, "user.create", user, None, {"username": username, "name": full_name, "email": email}, agency)
        m, created = Membership.objects.get_or_create(user=user, role=role, agency=agency)
        if created:
            audit(actor, "membership.add", m, None, {"user": username, "role": role, "agency": agency.name}, agency)
    return m


def membership_remove(actor, membership: Membership) -> None:
    if membership.agency is None or not permissions.can(actor, "people.manage", membership.agency):
        raise PermissionDenied
    with transaction.atomic():
        audit(actor, "membership.remove", membership,
              {"user": membership.user.username, "role": membership.role, "agency": membership.agency.name}, None,
              membership.agency)
        membership.delete()


# -- login lockout ------------------------------------------------------------------------------

def locked_out(username: str, now: dt.datetime | None = None) -> bool:
    now = now or timezone.now()
    since = now - dt.timedelta(minutes=settings.LOCKOUT_MINUTES)
    return LoginFailure.objects.filter(username=username.lower(), at__gte=since).count() >= settings.LOCKOUT_ATTEMPTS


def login_failed(username: str) -> None:
    LoginFailure.objects.create(username=username.lower()[:150])


def login_succeeded(username: str) -> None:
    LoginFailure.objects.filter(username=username.lower()).delete()


# -- API tokens ---------------------------------------------------------------------------------

def token_digest(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def token_create(actor, name: str) -> str:
    """A new API token of `actor`, returned once in clear text."""
    key = "ogi_" + secrets.token_urlsafe(30)
    with transaction.atomic():
        token = ApiToken.objects.create(user=actor, name=name[:100] or "API", digest=token_digest(key))
        audit(actor, "token.create", token, None, {"name": token.name}, None)
    return key


def token_user(key: str):
    token = ApiToken.objects.select_related("user").filter(digest=token_digest(key)).first()
    if token is None or not token.user.is_active:
        return None
    return token.user


def admin_create(username: str, password: str, full_name: str = "") -> Membership:
    """The first 系统管理员 (from the command line, `ogi add-admin`): created, or its password reset."""
    User = get_user_model()
    with transaction.atomic():
        user, created = User.objects.get_or_create(username=username, defaults={"first_name": full_name[:150]})
        user.set_password(password)
        user.is_active = True
        user.save()
        m, _ = Membership.objects.get_or_create(user=user, role=Membership.SYSADMIN, agency=None, region=None)
        audit(None, "admin.create" if created else "admin.password", user, None, {"username": username}, None)
    return m


def region_create(actor, name: str, level: str, parent) -> Region:
    if not permissions.can(actor, "region.manage"):
        raise PermissionDenied
    with transaction.atomic():
        region = Region(name=name.strip(), level=level, parent=parent)
        region.full_clean()
        region.save()
        audit(actor, "region.create", region, None, {"name": region.name, "level": level,
                                                      "parent": parent.name if parent else None}, None)
    return region


def agency_create(actor, data: dict) -> Agency:
    if not permissions.can(actor, "region.manage"):
        raise PermissionDenied
    with transaction.atomic():
        agency = Agency(**{k: data[k] for k in ("region", "name", "kind", "doc_prefix")})
        agency.full_clean()
        agency.save()
        audit(actor, "agency.create", agency, None, {"name": agency.name, "kind": agency.kind,
                                                      "region": agency.region.name}, agency)
    return agency


AGENCY_FIELDS = ("region", "name", "kind", "doc_prefix")


def agency_edit(actor, agency: Agency, data: dict) -> Agency:
    """The agency itself (region, name, kind, 文号代字), by the 系统管理员 who sets up regions."""
    if not permissions.can(actor, "region.manage"):
        raise PermissionDenied
    with transaction.atomic():
        agency = Agency.objects.select_for_update().get(pk=agency.pk)
        before = {f: _shown(getattr(agency, f)) for f in AGENCY_FIELDS}
        for f in AGENCY_FIELDS:
            if f in data:
                setattr(agency, f, data[f].strip() if isinstance(data[f], str) else data[f])
        agency.full_clean()
        agency.save()
        audit(actor, "agency.edit", agency, before, {f: _shown(getattr(agency, f)) for f in AGENCY_FIELDS}, agency)
    return agency


def _shown(value):
    return value.name if isinstance(value, Region) else value


def agency_delete(actor, agency: Agency) -> None:
    """Delete an agency that holds nothing: refused (ValidationError, in Chinese first) while it has
    applications or people; its audit entries stay, with the agency's name."""
    from django.db.models import ProtectedError, RestrictedError

    if not permissions.can(actor, "region.manage"):
        raise PermissionDenied
    with transaction.atomic():
        agency = Agency.objects.select_for_update().get(pk=agency.pk)
        cases = agency.applications.count()
        people = agency.memberships.count()
        if cases or people:
            held = "、".join(x for x in (f"{cases} 件依申请公开申请" if cases else "",
                                         f"{people} 个人员角色" if people else "") if x)
            raise ValidationError(f"「{agency.name}」仍有{held}，不能删除；请先移除人员，申请记录须保留。"
                                  f" / the agency still has {cases} applications and {people} roles: not deleted")
        before = {"name": agency.name, "kind": agency.kind, "region": agency.region.name, "doc_prefix": agency.doc_prefix}
        audit(actor, "agency.delete", agency, before, None, None)
        try:
            agency.delete()
        except (ProtectedError, RestrictedError):
            raise ValidationError(f"「{agency.name}」仍有关联的记录，不能删除 / other records still refer to the agency") from None


# -- passwords ----------------------------------------------------------------------------------

def password_change(actor, old: str, new: str) -> None:
    """A user's own password: the old one confirms it is them, the new one passes the validators."""
    from django.contrib.auth.password_validation import validate_password

    if not getattr(actor, "is_authenticated", False):
        raise PermissionDenied
    if not actor.check_password(old):
        raise ValidationError("原密码不正确 / the current password is wrong", code="old")
    if old == new:
        raise ValidationError("新密码不能与原密码相同 / the new password must differ", code="same")
    validate_password(new, actor)
    with transaction.atomic():
        actor.set_password(new)
        actor.save(update_fields=["password"])
        audit(actor, "user.password_change", actor, None, {"username": actor.username}, None)


def may_reset_password(actor, target) -> bool:
    """May `actor` set a new password for `target`? The 系统管理员 for anyone else; a 机关管理员
    only for people whose every role is in agencies they manage (never a 政务公开办 or
    系统管理员, nor someone who also works elsewhere)."""
    if target.pk == getattr(actor, "pk", None):
        return False  # one's own password: the change with the old password
    if not permissions.can(actor, "people.manage"):
        return False
    managed = permissions.agency_ids(actor, "people.manage")
    if managed is None:  # every agency: the 系统管理员
        return True
    roles = list(Membership.objects.filter(user=target).values_list("role", "agency_id"))
    ids = set(managed)
    return bool(roles) and all(role in Membership.AGENCY_ROLES and agency in ids for role, agency in roles)


def password_reset(actor, target, new: str) -> None:
    """An administrator sets a new password for someone who lost theirs (and lifts a lockout)."""
    from django.contrib.auth.password_validation import validate_password

    if not may_reset_password(actor, target):
        raise PermissionDenied
    validate_password(new, target)
    with transaction.atomic():
        target.set_password(new)
        target.is_active = True
        target.save(update_fields=["password", "is_active"])
        LoginFailure.objects.filter(username=target.username.lower()).delete()
        audit(actor, "user.password_reset", target, None, {"username": target.username}, None)
