"""Which pages and actions of the main window each role gets (pure rules), and that the rules'
page order is the window's."""

from __future__ import annotations

from srek_desk.services.core.access import ADMIN, BERATER, TEAMLEITUNG, Actor
from srek_desk.ui.permissions import PAGES, window_permissions

COUNSELLING = {"today", "clients", "matching"}
FOR_EVERYONE = {"offers", "employers", "imports"}


def _rules(*roles: str):  # type: ignore[no-untyped-def]
    return window_permissions(Actor(1, "someone", "Someone", frozenset(roles)).can)


def test_a_counsellor_counsels_but_neither_administers_nor_counts() -> None:
    rules = _rules(BERATER)
    assert rules.visible_pages == COUNSELLING | FOR_EVERYONE
    assert rules.walk_in and rules.print_sheet and rules.case_files and rules.demo_data


def test_a_team_lead_also_sees_statistics_and_the_audit_log() -> None:
    rules = _rules(TEAMLEITUNG)
    assert rules.visible_pages == COUNSELLING | FOR_EVERYONE | {"statistics", "admin"}
    assert not rules.shows("settings")
    assert rules.walk_in and rules.case_files


def test_an_it_admin_sets_up_but_does_not_counsel() -> None:
    rules = _rules(ADMIN)
    assert rules.visible_pages == FOR_EVERYONE | {"settings", "admin"}
    assert not (rules.walk_in or rules.print_sheet or rules.case_files)
    assert rules.demo_data  # filling an empty database belongs to setting it up


def test_an_admin_who_counsels_gets_everything_but_statistics() -> None:
    rules = _rules(ADMIN, BERATER)
    assert rules.visible_pages == set(PAGES) - {"statistics"}


def test_the_rules_name_the_pages_in_navigation_order(main_window) -> None:  # type: ignore[no-untyped-def]
    assert main_window.page_list == [getattr(main_window, f"{page}_page") for page in PAGES]
    assert main_window.navigation.count() == len(PAGES)
