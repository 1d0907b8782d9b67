"""The emulation office's pages (units, blocs, councils, accounts), a unit's own page with its staff list, and the Excel imports."""

from .accounts import (  # noqa: F401
    InvitationAcceptView,
    account_invite,
    account_resend,
    account_set_active,
    accounts,
    accounts_import,
    accounts_import_confirm,
    accounts_template,
)
from .blocs import (  # noqa: F401
    bloc_detail,
    bloc_edit,
    bloc_list,
    bloc_member_remove,
    bloc_member_set,
    bloc_members_add,
    bloc_new,
    bloc_year_copy,
)
from .common import (  # noqa: F401
    XLSX,
)
from .councils import (  # noqa: F401
    council_detail,
    council_edit,
    council_member_add,
    council_member_remove,
    council_members_add,
    council_members_import,
    council_members_import_confirm,
    council_members_template,
    council_new,
    councils,
)
from .imports import (  # noqa: F401
    import_confirm,
    import_page,
    import_report,
    staff_import,
    staff_import_confirm,
    staff_template,
    tree_import,
    tree_import_confirm,
)
from .units import tree_export, unit_detail, unit_edit, unit_new, unit_set_active, units  # noqa: F401
