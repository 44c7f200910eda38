"""Template context: what the navigation may offer the user (from the rule table)."""

from .. import permissions


def roles(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"can": {}}
    return {"can": {action.replace(".", "_"): permissions.can(user, action) for action in permissions.RULES},
            "my_roles": permissions.memberships(user)}
