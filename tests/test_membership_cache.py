"""Memberships are remembered (every request needs its caller's), yet a change counts at once:
a profile given another role, a space made, changed or deleted, a profile dropped, through this
server's store, by a unit of work or a bulk statement; a rolled-back change changes nothing; a
read that raced with a change is not remembered; a change made elsewhere (another server of a
shared store) counts once the entry is old enough to be read again."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from sqlalchemy import delete, event, select, update

from jupyterlab_mlstudio.domains import membership as module
from jupyterlab_mlstudio.domains.membership import Memberships, Unknown
from jupyterlab_mlstudio.domains.orm import SpaceRecord, UserProfileRecord
from jupyterlab_mlstudio.store import Database

DOMAIN = "d-team"


@pytest.fixture
def db(tmp_path: Any) -> Any:
    database = Database(f"sqlite:///{tmp_path / 'store.db'}")
    database.upgrade()
    yield database
    database.dispose()


def _profile(name: str, role: str = "member") -> UserProfileRecord:
    return UserProfileRecord(
        domain=DOMAIN,
        space=f"{name}-private",
        owner="admin",
        name=name,
        role=role,
        status="InService",
        user_settings={},
        creation_time=1,
        last_modified_time=1,
    )


def _space(name: str, members: list[str], sharing: str = "Shared") -> SpaceRecord:
    return SpaceRecord(
        domain=DOMAIN,
        space=name,
        owner="admin",
        name=name,
        display_name=None,
        status="InService",
        sharing_type=sharing,
        owner_profile=members[0] if members else "admin",
        members=members,
        space_settings={},
        creation_time=1,
        last_modified_time=1,
    )


@pytest.fixture
def team(db: Database) -> Memberships:
    """mia and ola, members with their private spaces; a shared space ``lab`` of mia's."""
    with db.session() as session:
        for name in ("mia", "ola"):
            session.add(_profile(name))
            session.add(_space(f"{name}-private", [name], sharing="Private"))
        session.add(_space("lab", ["mia"]))
    return Memberships(db, seconds=3600.0)


def _reads(db: Database) -> list[str]:
    """Every SELECT the store runs from now on."""
    seen: list[str] = []
    event.listen(
        db.engine,
        "before_cursor_execute",
        lambda _c, _cur, statement, *_: (
            seen.append(statement) if statement.lstrip().upper().startswith("SELECT") else None
        ),
    )
    return seen


def test_a_membership_is_read_once_then_remembered(db: Database, team: Memberships) -> None:
    # Given mia's membership, never asked for: only the store knows it
    assert isinstance(team.known(DOMAIN, "mia"), Unknown)
    reads = _reads(db)
    # When it is asked for twice
    first = team.get(DOMAIN, "mia")
    second = team.get(DOMAIN, "mia")
    # Then the store was read for the first only, and the second is the same answer
    assert first is not None and first.role == "member"
    assert first.spaces == ("lab", "mia-private")
    assert second == first and len(reads) == 2
    # And it is known without the store (what a handler asks on the event loop)
    assert team.known(DOMAIN, "mia") == first
    # And a user with no profile is remembered as such
    assert team.get(DOMAIN, "nobody") is None and team.known(DOMAIN, "nobody") is None


def test_a_new_role_counts_at_once(db: Database, team: Memberships) -> None:
    assert team.get(DOMAIN, "ola").role == "member"  # type: ignore[union-attr]
    # When ola is made a viewer (a unit of work)
    with db.session() as session:
        record = session.scalar(select(UserProfileRecord).where(UserProfileRecord.name == "ola"))
        assert record is not None
        record.role = "viewer"
    # Then her next request is a viewer's
    assert team.get(DOMAIN, "ola").role == "viewer"  # type: ignore[union-attr]
    # And so after a bulk statement
    with db.session() as session:
        session.execute(
            update(UserProfileRecord).where(UserProfileRecord.name == "ola").values(role="admin")
        )
    assert team.get(DOMAIN, "ola").role == "admin"  # type: ignore[union-attr]


def test_a_space_made_changed_or_deleted_counts_at_once(db: Database, team: Memberships) -> None:
    assert "lab" not in team.get(DOMAIN, "ola").spaces  # type: ignore[union-attr]
    # When ola joins lab
    with db.session() as session:
        lab = session.scalar(select(SpaceRecord).where(SpaceRecord.name == "lab"))
        assert lab is not None
        lab.members = ["mia", "ola"]
    assert "lab" in team.get(DOMAIN, "ola").spaces  # type: ignore[union-attr]
    # When a space listing her is made
    with db.session() as session:
        session.add(_space("review", ["ola"]))
    assert "review" in team.get(DOMAIN, "ola").spaces  # type: ignore[union-attr]
    # When lab is deleted (a bulk statement)
    with db.session() as session:
        session.execute(delete(SpaceRecord).where(SpaceRecord.name == "lab"))
    assert "lab" not in team.get(DOMAIN, "ola").spaces  # type: ignore[union-attr]
    # When her profile is deleted
    with db.session() as session:
        record = session.scalar(select(UserProfileRecord).where(UserProfileRecord.name == "ola"))
        session.delete(record)
    assert team.get(DOMAIN, "ola") is None


def test_a_rolled_back_change_forgets_nothing(db: Database, team: Memberships) -> None:
    remembered = team.get(DOMAIN, "mia")
    # When a change to mia's profile is rolled back
    with pytest.raises(RuntimeError), db.session() as session:
        record = session.scalar(select(UserProfileRecord).where(UserProfileRecord.name == "mia"))
        record.role = "viewer"  # type: ignore[union-attr]
        session.flush()
        raise RuntimeError("the change fails")
    # Then the remembered membership stands, and it is what the store holds
    assert team.known(DOMAIN, "mia") == remembered
    assert module.membership(db, DOMAIN, "mia") == remembered
    # And a change to another kind of record forgets nothing either
    with db.session() as session:
        session.add(_space("unrelated", []))
        session.flush()
        session.execute(delete(SpaceRecord).where(SpaceRecord.name == "unrelated"))
    assert "unrelated" not in team.get(DOMAIN, "mia").spaces  # type: ignore[union-attr]


def test_a_read_that_raced_with_a_change_is_not_remembered(
    db: Database, team: Memberships, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Given a read of mia's membership that has read the store but not yet returned
    read_store = module.membership
    read = threading.Event()
    go_on = threading.Event()

    def slow(database: Database, domain: str, profile: str) -> Any:
        found = read_store(database, domain, profile)
        read.set()
        assert go_on.wait(10)
        return found

    monkeypatch.setattr(module, "membership", slow)
    answers: list[Any] = []
    reader = threading.Thread(target=lambda: answers.append(team.get(DOMAIN, "mia")))
    reader.start()
    assert read.wait(10)
    # When mia is made a viewer meanwhile
    with db.session() as session:
        record = session.scalar(select(UserProfileRecord).where(UserProfileRecord.name == "mia"))
        record.role = "viewer"  # type: ignore[union-attr]
    go_on.set()
    reader.join(10)
    # Then the raced read answered what it read, but the next request reads the store
    assert answers[0].role == "member"
    assert isinstance(team.known(DOMAIN, "mia"), Unknown)
    monkeypatch.setattr(module, "membership", read_store)
    assert team.get(DOMAIN, "mia").role == "viewer"  # type: ignore[union-attr]


def test_a_change_made_elsewhere_counts_once_the_entry_is_old(
    db: Database, tmp_path: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    with db.session() as session:
        session.add(_profile("vic", role="member"))
    memberships = Memberships(db, seconds=5.0)
    moment = [1000.0]
    monkeypatch.setattr(module.time, "monotonic", lambda: moment[0])
    assert memberships.get(DOMAIN, "vic").role == "member"  # type: ignore[union-attr]
    # When another server of the domain (its own store object, same store) makes vic a viewer
    other = Database(db.url)
    try:
        with other.session() as session:
            session.execute(
                update(UserProfileRecord)
                .where(UserProfileRecord.name == "vic")
                .values(role="viewer")
            )
    finally:
        other.dispose()
    # Then this server answers what it remembers until the entry is old, then the change
    moment[0] += 4.0
    assert memberships.get(DOMAIN, "vic").role == "member"  # type: ignore[union-attr]
    moment[0] += 1.0
    assert isinstance(memberships.known(DOMAIN, "vic"), Unknown)
    assert memberships.get(DOMAIN, "vic").role == "viewer"  # type: ignore[union-attr]
