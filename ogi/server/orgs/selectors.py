"""Reads of regions, agencies and people, each limited by `visible_to(user)`."""

from __future__ import annotations

from django.contrib.auth import get_user_model

from .. import permissions
from .models import Agency, Membership, Region


def agencies_visible_to(user):
    return permissions.agencies(user, "agency.view").select_related("region")


def people_visible_to(user):
    """People holding a role in an agency the user may see, or anyone for 系统管理员."""
    User = get_user_model()
    scope = permissions.agency_scope(user, "agency.view")
    if scope is None:
        return User.objects.none()
    if not scope:
        return User.objects.all().order_by("username")
    visible = Agency.objects.filter(scope).values("pk")
    return User.objects.filter(memberships__agency__in=visible).distinct().order_by("username")


def memberships_of(agency: Agency):
    return Membership.objects.filter(agency=agency).select_related("user").order_by("role", "user__username")


def regions_visible_to(user):
    scope = permissions.agency_scope(user, "agency.view")
    if scope is None:
        return Region.objects.none()
    if not scope:
        return Region.objects.all()
    return Region.objects.filter(agencies__in=Agency.objects.filter(scope).values("pk")).distinct()
