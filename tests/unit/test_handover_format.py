"""The handover file format: header layout, encryption, and every way a file can be refused."""

from __future__ import annotations

import struct
import unicodedata
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from srek_desk.errors import UserError
from srek_desk.services.handover import file_format as handover_format
from srek_desk.services.handover.file_format import (
    HEADER_BYTES,
    MAGIC,
    HandoverFileError,
    KdfParams,
    default_file_name,
    read_file,
    read_header,
    seal,
    unseal,
    write_file,
)

FAST = KdfParams(time_cost=1, memory_kib=1024, parallelism=1)
PASSWORD = "Fulda-Werra-2026"
BODY: dict[str, Any] = {
    "format": 1,
    "office": "Agentur Kassel",
    "clients": [{"pseudonym": "a1b2c3d4e5f6", "fields": {"first_name": "Lena"}}],
}


@pytest.fixture(scope="module")
def package() -> bytes:
    return seal(BODY, PASSWORD, FAST)


def test_round_trip_and_header_layout(package: bytes) -> None:
    assert unseal(package, PASSWORD) == BODY
    assert package[:7] == MAGIC == b"SREKHO1"
    header = read_header(package)
    assert header.version == 1
    assert header.kdf == FAST
    assert len(header.salt) == 16 and len(header.nonce) == 12
    assert HEADER_BYTES == 46
    time_cost, memory, lanes = struct.unpack_from(">IIB", package, 9)
    assert (time_cost, memory, lanes) == (1, 1024, 1)
    # the office name is not readable in the file: the body is encrypted
    assert b"Kassel" not in package and b"Lena" not in package


def test_every_package_has_its_own_salt_and_nonce() -> None:
    first, second = seal(BODY, PASSWORD, FAST), seal(BODY, PASSWORD, FAST)
    assert first[18:46] != second[18:46]
    assert first[HEADER_BYTES:] != second[HEADER_BYTES:]


def test_wrong_password_is_refused_with_a_german_message(package: bytes) -> None:
    with pytest.raises(HandoverFileError) as refused:
        unseal(package, PASSWORD + "x")
    assert "Passwort ist falsch" in refused.value.message
    assert "nichts übernommen" in refused.value.message


def _flip(data: bytes, offset: int) -> bytes:
    changed = bytearray(data)
    changed[offset] ^= 0x01
    return bytes(changed)


@pytest.mark.parametrize(
    ("what", "offset"),
    [
        ("salt", 20),
        ("nonce", 40),
        ("time cost", 12),
        ("memory cost", 16),
        ("first body byte", HEADER_BYTES),
        ("middle body byte", HEADER_BYTES + 20),
        ("tag", -1),
        ("tag start", -16),
    ],
)
def test_any_changed_byte_is_refused(package: bytes, what: str, offset: int) -> None:
    with pytest.raises(HandoverFileError) as refused:
        unseal(_flip(package, offset % len(package)), PASSWORD)
    assert "verändert" in refused.value.message or "beschädigt" in refused.value.message, what


def test_truncated_files_are_refused(package: bytes) -> None:
    for length in (len(package) - 1, HEADER_BYTES + 16, HEADER_BYTES + 3, 10):
        with pytest.raises(HandoverFileError) as refused:
            unseal(package[:length], PASSWORD)
        assert "nichts übernommen" in refused.value.message or "unvollständig" in str(refused.value)
    with pytest.raises(HandoverFileError, match="unvollständig"):
        unseal(package[: HEADER_BYTES + 3], PASSWORD)


def test_wrong_magic_and_newer_format_are_refused(package: bytes) -> None:
    with pytest.raises(HandoverFileError, match="keine Übergabedatei"):
        unseal(b"SREKHO2" + package[7:], PASSWORD)
    with pytest.raises(HandoverFileError, match="keine Übergabedatei"):
        unseal(b"%PDF-1.7 nothing to see", PASSWORD)
    newer = package[:7] + bytes([2]) + package[8:]
    with pytest.raises(HandoverFileError, match="neueren SREK-Desk-Version"):
        unseal(newer, PASSWORD)


def test_newer_body_format_is_refused() -> None:
    data = seal({**BODY, "format": 2}, PASSWORD, FAST)
    with pytest.raises(HandoverFileError, match="neueren"):
        unseal(data, PASSWORD)


def test_crafted_costs_are_refused_before_any_key_is_derived(
    package: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_derivation(*_args: object) -> bytes:
        raise AssertionError("key derived for a crafted header")

    monkeypatch.setattr(handover_format, "derive_key", no_derivation)
    greedy = package[:13] + struct.pack(">I", 4 * 1024 * 1024) + package[17:]  # 4 GiB
    with pytest.raises(HandoverFileError, match="Schlüsselparameter"):
        unseal(greedy, PASSWORD)
    endless = package[:9] + struct.pack(">I", 10_000) + package[13:]
    with pytest.raises(HandoverFileError, match="Schlüsselparameter"):
        unseal(endless, PASSWORD)


def test_short_password_is_refused() -> None:
    with pytest.raises(UserError, match="mindestens 10 Zeichen"):
        seal(BODY, "kurz-12", FAST)


def test_password_spelling_of_umlauts_does_not_matter() -> None:
    composed = unicodedata.normalize("NFC", "Göttingen-Süd-2026")
    decomposed = unicodedata.normalize("NFD", composed)
    assert composed != decomposed
    assert unseal(seal(BODY, composed, FAST), decomposed) == BODY


def test_oversized_files_are_refused_unread(tmp_path: Path) -> None:
    big = tmp_path / "gross.srekho"
    with open(big, "wb") as out:
        out.truncate(handover_format.MAX_FILE_BYTES + 1)
    with pytest.raises(HandoverFileError, match="höchstens 50 MB"):
        read_file(big)
    with pytest.raises(UserError, match="gibt es nicht"):
        read_file(tmp_path / "fehlt.srekho")


def test_a_body_that_unpacks_too_large_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    data = seal({**BODY, "padding": "x" * 5000}, PASSWORD, FAST)
    monkeypatch.setattr(handover_format, "MAX_BODY_BYTES", 1000)
    with pytest.raises(HandoverFileError, match="zu groß"):
        unseal(data, PASSWORD)


def test_write_is_atomic_and_names_say_when_not_who(tmp_path: Path, package: bytes) -> None:
    target = tmp_path / default_file_name(date(2026, 11, 12))
    assert target.name == "uebergabe-20261112.srekho"
    write_file(target, package)
    assert target.read_bytes() == package
    assert [p.name for p in tmp_path.iterdir()] == [target.name]  # no .partial left


def test_default_kdf_is_memory_hard() -> None:
    kdf = handover_format.DEFAULT_KDF
    assert kdf.memory_kib >= 64 * 1024 and kdf.time_cost >= 3
    kdf.check()
