"""Staff accounts: argon2id hashes, lockout, rehash, roles, and who sees which client."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from argon2 import PasswordHasher
from sqlalchemy import select

from srek_desk.db.models import AuditEvent, UserAccount
from srek_desk.errors import UserError
from srek_desk.services.clients.service import ClientService
from srek_desk.services.core.access import ADMIN, BERATER, TEAMLEITUNG, AccessDenied
from srek_desk.services.core.listing import ListingService
from srek_desk.services.protection.accounts import AccountService, LoginError
from tests.db.privacy_fixtures import PASSWORD, fast_hasher, person


@pytest.fixture
def accounts(database):  # type: ignore[no-untyped-def]
    return AccountService(database, hasher=fast_hasher(), max_failed=3, lockout_minutes=15)


def test_first_admin_once_and_password_stored_as_argon2id(accounts, database) -> None:  # type: ignore[no-untyped-def]
    assert accounts.needs_first_admin()
    admin = accounts.create_first_admin("Chef", "Anna Admin", PASSWORD, (BERATER,))
    assert admin.roles == {ADMIN, BERATER} and admin.username == "chef"
    assert not accounts.needs_first_admin()
    with pytest.raises(UserError):
        accounts.create_first_admin("zweite", "Zweite", PASSWORD)
    with database.session() as session:
        stored = session.execute(select(UserAccount.password_hash)).scalar_one()
    assert stored.startswith("$argon2id$") and PASSWORD not in stored


def test_wrong_passwords_lock_the_account_and_are_logged(accounts, database) -> None:  # type: ignore[no-untyped-def]
    accounts.create_first_admin("chef", "Anna", PASSWORD)
    for _ in range(2):
        with pytest.raises(LoginError, match="falsch"):
            accounts.authenticate("chef", "falsch-falsch")
    with pytest.raises(LoginError, match="gesperrt"):
        accounts.authenticate("chef", "noch-falscher")
    # even the right password is refused while locked …
    with pytest.raises(LoginError, match="gesperrt bis"):
        accounts.authenticate("chef", PASSWORD)
    # … and accepted once the lock has run out
    later = datetime.now(UTC) + timedelta(minutes=16)
    assert accounts.authenticate("chef", PASSWORD, now=later).username == "chef"
    with database.session() as session:
        actions = session.execute(select(AuditEvent.action).order_by(AuditEvent.id)).scalars().all()
        texts = " ".join(
            session.execute(
                select(AuditEvent.fields + AuditEvent.detail + AuditEvent.user_name)
            ).scalars()
        )
    assert actions.count("login_failed") == 3 and "locked" in actions and actions[-1] == "login"
    assert "falsch" not in texts  # a mistyped password never lands in the log


def test_unknown_user_gets_the_same_message(accounts) -> None:  # type: ignore[no-untyped-def]
    accounts.create_first_admin("chef", "Anna", PASSWORD)
    with pytest.raises(LoginError) as unknown:
        accounts.authenticate("niemand", PASSWORD)
    with pytest.raises(LoginError) as wrong:
        accounts.authenticate("chef", "falsches-passwort")
    assert unknown.value.message == wrong.value.message


def test_hash_is_renewed_when_parameters_change(database) -> None:  # type: ignore[no-untyped-def]
    old = AccountService(database, hasher=fast_hasher())
    old.create_first_admin("chef", "Anna", PASSWORD)
    stronger = PasswordHasher(time_cost=2, memory_cost=128, parallelism=1)
    AccountService(database, hasher=stronger).authenticate("chef", PASSWORD)
    with database.session() as session:
        stored = session.execute(select(UserAccount.password_hash)).scalar_one()
    assert "m=128,t=2" in stored
    assert AccountService(database, hasher=stronger).authenticate("chef", PASSWORD)


def test_weak_passwords_and_bad_names_are_refused(accounts) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(UserError, match="mindestens 10"):
        accounts.create_first_admin("chef", "Anna", "kurz")
    with pytest.raises(UserError, match="Benutzernamen nicht"):
        accounts.create_first_admin("chef", "Anna", "chef-1234567")
    with pytest.raises(UserError, match="Benutzername"):
        accounts.create_first_admin("Anna Müller", "Anna", PASSWORD)


def test_only_admins_manage_users_and_one_admin_stays(accounts) -> None:  # type: ignore[no-untyped-def]
    admin = accounts.create_first_admin("chef", "Anna", PASSWORD)
    berater_id = accounts.create_user(admin, "ben", "Ben Berater", {BERATER}, PASSWORD)
    ben = accounts.authenticate("ben", PASSWORD)
    with pytest.raises(AccessDenied):
        accounts.create_user(ben, "eve", "Eve", {ADMIN}, PASSWORD)
    with pytest.raises(UserError, match="mindestens ein aktives Administrationskonto"):
        accounts.update_user(
            admin, admin.user_id, display_name="Anna", roles={BERATER}, active=True
        )
    accounts.update_user(admin, berater_id, display_name="Ben", roles={BERATER}, active=False)
    with pytest.raises(LoginError):
        accounts.authenticate("ben", PASSWORD)


def test_reset_password_forces_a_change(accounts) -> None:  # type: ignore[no-untyped-def]
    admin = accounts.create_first_admin("chef", "Anna", PASSWORD)
    ben_id = accounts.create_user(admin, "ben", "Ben", {BERATER}, PASSWORD)
    accounts.reset_password(admin, ben_id, "Vorläufig-12345")
    ben = accounts.authenticate("ben", "Vorläufig-12345")
    assert accounts.must_change_password(ben)
    with pytest.raises(LoginError):
        accounts.change_own_password(ben, "falsch-falsch", "Neues-Passwort-1")
    accounts.change_own_password(ben, "Vorläufig-12345", "Neues-Passwort-1")
    assert not accounts.must_change_password(ben)
    assert accounts.authenticate("ben", "Neues-Passwort-1")


def test_counsellors_see_their_own_shared_and_unassigned_clients(  # type: ignore[no-untyped-def]
    accounts, database, reference
) -> None:
    admin = accounts.create_first_admin("chef", "Anna", PASSWORD)
    accounts.create_user(admin, "ben", "Ben", {BERATER}, PASSWORD)
    accounts.create_user(admin, "clara", "Clara", {BERATER}, PASSWORD)
    accounts.create_user(admin, "lea", "Lea", {TEAMLEITUNG}, PASSWORD)
    ben, clara, lea = (accounts.authenticate(n, PASSWORD) for n in ("ben", "clara", "lea"))
    unassigned = ClientService(database).create(person("Ute", "Ohnebetreuung", "K-0"), reference)
    bens = ClientService(database, ben).create(person("Bert", "Bensklient", "K-1"), reference)
    claras = ClientService(database, clara).create(
        person("Cora", "Clarasklientin", "K-2"), reference
    )

    def visible(actor) -> set[int]:  # type: ignore[no-untyped-def]
        listing = ListingService(database, "clients", actor=actor)
        return {row[0] for row in listing.page()}

    assert visible(ben) == {unassigned, bens}
    assert visible(lea) == {unassigned, bens, claras}
    assert visible(admin) == set()  # admin alone is IT, not counselling
    with pytest.raises(AccessDenied):
        ClientService(database, ben).detail(claras)
    with pytest.raises(AccessDenied):
        ClientService(database, ben).add_note(claras, "Versuch")
    assert ClientService(database, lea).detail(claras) is not None
    assert [c.id for c in ClientService(database, ben).recent_clients()] == [bens, unassigned]
