"""The roles a person can hold in Diogel."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    """What a person does in the partnership; decides what they may see and do.

    ``PUBLIC`` is never stored on an account: it is the role of anyone not
    signed in.
    """

    PUBLIC = "public", _("Member of the public")
    PARTNER_MEMBER = "partner_member", _("Partner member")
    ANALYST = "analyst", _("Analyst")
    DATA_CONTROLLER = "data_controller", _("Data controller")
    BOARD_SECRETARIAT = "board_secretariat", _("Board secretariat")
    ADMINISTRATOR = "administrator", _("Administrator")


ACCOUNT_ROLES = [r for r in Role if r is not Role.PUBLIC]
