"""Which pages and actions of the main window a signed-in role may use: pure rules, no Qt."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

# The window's pages in navigation order: row n of the navigation and Ctrl+(n+1) in the Go menu.
PAGES: tuple[str, ...] = (
    "today",
    "clients",
    "matching",
    "offers",
    "employers",
    "imports",
    "statistics",
    "settings",
    "admin",
)

# Any one of these opens the Verwaltung page (it then shows only the tabs the role may use).
ADMIN_PERMISSIONS: tuple[str, ...] = ("users.manage", "audit.view", "retention", "backups")


@dataclass(frozen=True, slots=True)
class WindowPermissions:
    """What the window offers one role; pages left out are hidden, actions left out disabled."""

    visible_pages: frozenset[str]
    walk_in: bool
    print_sheet: bool
    demo_data: bool
    case_files: bool  # laptop check-out and check-in, case handover export and import

    def shows(self, page: str) -> bool:
        return page in self.visible_pages


def window_permissions(can: Callable[[str], bool]) -> WindowPermissions:
    """The rules for whoever `can` answers for (an `Actor.can`: permission → allowed)."""
    counsels = can("clients.own")
    page_allowed = {
        "today": counsels,
        "clients": counsels,
        "matching": counsels,
        "statistics": can("statistics"),
        "settings": can("settings"),
        "admin": any(can(permission) for permission in ADMIN_PERMISSIONS),
    }
    return WindowPermissions(
        visible_pages=frozenset(page for page in PAGES if page_allowed.get(page, True)),
        walk_in=counsels,
        print_sheet=counsels,
        # demo data fills an empty database: for counsellors, or the admin setting one up
        demo_data=counsels or can("settings"),
        case_files=counsels,
    )
