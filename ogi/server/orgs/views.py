"""Login (with lockout), agencies and their office facts, people and roles, API tokens."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from .. import permissions
from . import selectors, services
from .models import Agency, Membership, Region


@require_http_methods(["GET", "POST"])
def login_view(request):
    form = AuthenticationForm(request, data=request.POST or None)
    status = 200
    if request.method == "POST":
        username = (request.POST.get("username") or "")[:150]
        if services.locked_out(username):
            form = AuthenticationForm(request)
            messages.error(request, _("该账户连续登录失败 %(n)s 次，已锁定 %(m)s 分钟，请稍后再试或请管理员重设密码。")
                           % {"n": settings.LOCKOUT_ATTEMPTS, "m": settings.LOCKOUT_MINUTES})
            return render(request, "registration/login.html", {"form": form}, status=429)
        if form.is_valid():
            services.login_succeeded(username)
            login(request, form.get_user())
            nxt = request.GET.get("next", "")
            return redirect(nxt if nxt.startswith("/") and not nxt.startswith("//") else "cases:worklist")
        services.login_failed(username)
        status = 400
    return render(request, "registration/login.html", {"form": form}, status=status)


@require_POST
def logout_view(request):
    logout(request)
    return redirect("login")


@require_GET
@login_required
def agencies(request):
    if not permissions.can(request.user, "agency.view"):
        raise PermissionDenied
    return render(request, "orgs/agencies.html", {"agencies": selectors.agencies_visible_to(request.user)})


class OfficeForm(forms.ModelForm):
    class Meta:
        model = Agency
        fields = list(services.OFFICE_FIELDS)


class MemberForm(forms.Form):
    username = forms.RegexField(r"^[\w.@+-]+$", max_length=150, label=_("用户名"))
    full_name = forms.CharField(max_length=150, required=False, label=_("姓名"))
    email = forms.EmailField(required=False, label=_("电子邮箱"))
    role = forms.ChoiceField(choices=[c for c in Membership.ROLES if c[0] in Membership.AGENCY_ROLES],
                             label=_("角色"))
    password = forms.CharField(widget=forms.PasswordInput, required=False, label=_("初始密码（新用户）"))


@require_http_methods(["GET", "POST"])
@login_required
def agency(request, pk):
    agency = get_object_or_404(selectors.agencies_visible_to(request.user), pk=pk)
    can_edit = permissions.can(request.user, "agency.edit", agency)
    can_people = permissions.can(request.user, "people.manage", agency)
    office = OfficeForm(instance=agency)
    member = MemberForm()
    status = 200
    if request.method == "POST":
        which = request.POST.get("form")
        if which == "office":
            if not can_edit:
                raise PermissionDenied
            office = OfficeForm(request.POST, instance=Agency.objects.get(pk=agency.pk))
            if office.is_valid():
                services.agency_update(request.user, agency, office.cleaned_data)
                messages.success(request, _("已保存"))
                return redirect("orgs:agency", pk=agency.pk)
            status = 400
        elif which == "member":
            if not can_people:
                raise PermissionDenied
            member = MemberForm(request.POST)
            if member.is_valid():
                d = member.cleaned_data
                try:
                    services.membership_add(request.user, agency, d["username"], d["role"], d["full_name"],
                                            d["email"], d["password"])
                except ValidationError as err:
                    member.add_error(None, "; ".join(err.messages))
                    status = 400
                else:
                    messages.success(request, _("已添加"))
                    return redirect("orgs:agency", pk=agency.pk)
            else:
                status = 400
        elif which == "remove":
            if not can_people:
                raise PermissionDenied
            m = get_object_or_404(Membership, pk=request.POST.get("membership") or 0, agency=agency)
            services.membership_remove(request.user, m)
            messages.success(request, _("已移除"))
            return redirect("orgs:agency", pk=agency.pk)
        else:
            status = 400
    return render(request, "orgs/agency.html", {
        "agency": agency, "office": office, "member": member, "can_edit": can_edit, "can_people": can_people,
        "members": selectors.memberships_of(agency)}, status=status)


@require_GET
@login_required
def people(request):
    if not permissions.can(request.user, "agency.view"):
        raise PermissionDenied
    users = selectors.people_visible_to(request.user).prefetch_related("memberships__agency", "memberships__region")
    return render(request, "orgs/people.html", {"users": users[:500]})


@require_http_methods(["GET", "POST"])
@login_required
def tokens(request):
    new_key = None
    if request.method == "POST":
        new_key = services.token_create(request.user, (request.POST.get("name") or "API")[:100])
    return render(request, "orgs/tokens.html", {"tokens": request.user.api_tokens.all(), "new_key": new_key})


class RegionForm(forms.ModelForm):
    class Meta:
        model = Region
        fields = ["name", "level", "parent"]


class NewAgencyForm(forms.ModelForm):
    class Meta:
        model = Agency
        fields = ["region", "name", "kind", "doc_prefix"]


@require_http_methods(["GET", "POST"])
@login_required
def setup(request):
    """Regions (省/市/县区/乡镇街道) and agencies, for the 系统管理员."""
    if not permissions.can(request.user, "region.manage"):
        raise PermissionDenied
    region_form, agency_form = RegionForm(prefix="r"), NewAgencyForm(prefix="a")
    status = 200
    if request.method == "POST":
        try:
            if request.POST.get("form") == "region":
                region_form = RegionForm(request.POST, prefix="r")
                if region_form.is_valid():
                    d = region_form.cleaned_data
                    services.region_create(request.user, d["name"], d["level"], d["parent"])
                    messages.success(request, _("已添加"))
                    return redirect("orgs:setup")
            elif request.POST.get("form") == "agency":
                agency_form = NewAgencyForm(request.POST, prefix="a")
                if agency_form.is_valid():
                    a = services.agency_create(request.user, agency_form.cleaned_data)
                    messages.success(request, _("已添加"))
                    return redirect("orgs:agency", pk=a.pk)
        except ValidationError as err:
            messages.error(request, "；".join(err.messages))
        status = 400
    return render(request, "orgs/setup.html", {"region_form": region_form, "agency_form": agency_form,
                                               "regions": Region.objects.select_related("parent")}, status=status)


class PasswordResetForm(forms.Form):
    new = forms.CharField(widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}), label=_("新密码"),
                          max_length=128)
    again = forms.CharField(widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}), label=_("再次输入新密码"),
                            max_length=128)

    def clean(self):
        data = super().clean() or {}
        if data.get("new") and data.get("new") != data.get("again"):
            raise ValidationError(_("两次输入的新密码不一致"))
        return data


class PasswordChangeForm(PasswordResetForm):
    """One's own password: the new one twice, confirmed by the current one."""

    old = forms.CharField(widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}), label=_("原密码"))
    field_order = ["old", "new", "again"]


@require_http_methods(["GET", "POST"])
@login_required
def password_change(request):
    """One's own password, confirmed by the current one; the session stays logged in."""
    from django.contrib.auth import update_session_auth_hash

    form = PasswordChangeForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.password_change(request.user, form.cleaned_data["old"], form.cleaned_data["new"])
            except ValidationError as err:
                form.add_error("old" if getattr(err, "code", "") == "old" else "new", "；".join(err.messages))
            else:
                update_session_auth_hash(request, request.user)
                messages.success(request, _("密码已修改"))
                return redirect("password_change")
        status = 400
    return render(request, "orgs/password.html", {"form": form, "title": _("修改密码")}, status=status)


@require_http_methods(["GET", "POST"])
@login_required
def password_reset(request, uid):
    """An administrator sets a new password for a person of an agency they manage."""
    target = get_object_or_404(selectors.people_visible_to(request.user), pk=uid)
    if not services.may_reset_password(request.user, target):
        raise PermissionDenied
    form = PasswordResetForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.password_reset(request.user, target, form.cleaned_data["new"])
            except ValidationError as err:
                form.add_error("new", "；".join(err.messages))
            else:
                messages.success(request, _("已为 %(name)s 重设密码") % {"name": target.username})
                return redirect("orgs:people")
        status = 400
    return render(request, "orgs/password.html", {"form": form, "target": target, "title": _("重设密码")},
                  status=status)


class AgencyEditForm(forms.ModelForm):
    class Meta:
        model = Agency
        fields = list(services.AGENCY_FIELDS)


@require_http_methods(["GET", "POST"])
@login_required
def agency_edit(request, pk):
    """The agency itself (region, name, kind, 文号代字), and its deletion while it holds nothing."""
    if not permissions.can(request.user, "region.manage"):
        raise PermissionDenied
    agency = get_object_or_404(Agency, pk=pk)
    form = AgencyEditForm(request.POST or None, instance=Agency.objects.get(pk=pk))
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.agency_edit(request.user, agency, form.cleaned_data)
            except ValidationError as err:
                form.add_error(None, "；".join(err.messages))
            else:
                messages.success(request, _("已保存"))
                return redirect("orgs:agency", pk=agency.pk)
        status = 400
    return render(request, "orgs/agency_edit.html", {"agency": agency, "form": form}, status=status)


@require_POST
@login_required
def agency_delete(request, pk):
    if not permissions.can(request.user, "region.manage"):
        raise PermissionDenied
    agency = get_object_or_404(Agency, pk=pk)
    try:
        services.agency_delete(request.user, agency)
    except ValidationError as err:
        messages.error(request, "；".join(err.messages))
        form = AgencyEditForm(instance=agency)
        return render(request, "orgs/agency_edit.html", {"agency": agency, "form": form}, status=409)
    messages.success(request, _("已删除：%(name)s") % {"name": agency.name})
    return redirect("orgs:agencies")
