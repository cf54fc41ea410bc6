"""The files of a GTFS feed (a .zip or a folder), opened as streamed CSV within size limits.

Nothing is extracted or read whole: each file is decoded (UTF-8, with or without BOM) and split
into rows while it is read, so a nationwide `stop_times.txt` of a gigabyte passes through in
buffer-sized pieces. Before a zip member is opened its directory entry is checked (uncompressed
size per file and in total, compression ratio: a zip bomb is refused without inflating it);
while reading, the bytes really delivered are counted against the same limits.
"""

from __future__ import annotations

import csv
import io
import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import IO

from srek_desk.importers.gtfs.errors import FeedRefused, refused

GB = 1024**3
MB = 1024**2
READ_BUFFER = MB
# What reading a damaged or mis-encoded file raises; `Table.translate` words each for people.
READ_ERRORS = (UnicodeDecodeError, csv.Error, zipfile.BadZipFile, zlib.error, EOFError)


@dataclass(frozen=True)
class FeedLimits:
    """How much a feed may unpack to; beyond these it is refused as damaged or malicious."""

    max_file_bytes: int = 3 * GB  # uncompressed, per file (nationwide stop_times.txt: ~1 GB)
    max_total_bytes: int = 8 * GB  # uncompressed, all files read together
    max_ratio: float = 200.0  # uncompressed / compressed size of one zip member (CSV: ~5–30)
    ratio_floor_bytes: int = MB  # members smaller than this are not ratio-checked


def _size_text(size: int) -> str:
    """1,5 GB / 12,0 MB / 4 KB / 512 Byte: true to the figure shown."""
    for unit, name in ((GB, "GB"), (MB, "MB")):
        if size >= unit:
            return f"{size / unit:.1f} {name}".replace(".", ",")
    return f"{size // 1024} KB" if size >= 1024 and size % 1024 == 0 else f"{size} Byte"


class _Budget:
    """Bytes delivered so far across all files of one feed."""

    def __init__(self, limits: FeedLimits, source_name: str) -> None:
        self.limits = limits
        self.source_name = source_name
        self.total = 0


class _CountedStream(io.RawIOBase):
    """Counts the bytes a file really delivers and stops at the limits."""

    def __init__(self, raw: IO[bytes], name: str, budget: _Budget) -> None:
        super().__init__()
        self._raw = raw
        self.name_in_feed = name
        self._budget = budget
        self.count = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        read = self._raw.readinto(buffer)  # type: ignore[attr-defined]
        self.count += read
        self._budget.total += read
        limits = self._budget.limits
        if self.count > limits.max_file_bytes:
            raise refused(
                self.name_in_feed,
                f"Die Datei ist entpackt größer als {_size_text(limits.max_file_bytes)} "
                "(Grenze für eine Datei); der Fahrplan wird nicht geladen.",
            )
        if self._budget.total > limits.max_total_bytes:
            raise refused(
                self._budget.source_name,
                f"Der Fahrplan ist entpackt größer als {_size_text(limits.max_total_bytes)}; "
                "er wird nicht geladen.",
            )
        return int(read)

    def close(self) -> None:
        self._raw.close()
        super().close()


class Table:
    """One CSV file of the feed: header, column positions, rows with their line numbers."""

    def __init__(
        self, name: str, stream: _CountedStream, size: int, reopen: Callable[[], IO[bytes]]
    ) -> None:
        self.name = name
        self.size = size  # uncompressed bytes (for progress)
        self._stream = stream
        self._reopen = reopen  # a fresh raw stream, to find the line of a bad byte
        self._text = io.TextIOWrapper(
            io.BufferedReader(stream, READ_BUFFER), encoding="utf-8-sig", newline=""
        )
        self.reader = csv.reader(self._text)
        self.header: list[str] = []
        try:
            first = next(self.reader, None)
        except READ_ERRORS as error:
            raise self.translate(error) from None
        if not first or not any(cell.strip() for cell in first):
            raise refused(name, "Die Datei ist leer (es fehlt die Kopfzeile).", line=1)
        self.header = [cell.strip() for cell in first]

    @property
    def bytes_read(self) -> int:
        return self._stream.count

    @property
    def line(self) -> int:
        return int(self.reader.line_num)

    def column(self, name: str) -> int:
        """The position of a required column; refused when it is missing."""
        position = self.optional(name)
        if position is None:
            raise refused(self.name, f"Die Pflichtspalte „{name}“ fehlt in der Kopfzeile.", line=1)
        return position

    def optional(self, name: str) -> int | None:
        try:
            return self.header.index(name)
        except ValueError:
            return None

    def rows(self) -> Iterator[list[str]]:
        """Non-empty rows; decoding and CSV errors become German refusals naming the line."""
        try:
            for row in self.reader:
                if row:
                    yield row
        except READ_ERRORS as error:
            raise self.translate(error) from None

    def translate(self, error: Exception) -> FeedRefused:
        """A decoding or CSV error as a German refusal naming the line."""
        if isinstance(error, UnicodeDecodeError):
            return self._encoding_refusal()
        if isinstance(error, csv.Error):
            return refused(
                self.name, f"Die CSV-Zeile ist fehlerhaft ({error}).", line=self.line + 1
            )
        return refused(
            self.name, "Die Datei lässt sich nicht entpacken: das Archiv ist beschädigt."
        )

    def _encoding_refusal(self) -> FeedRefused:
        """The text decoder reads ahead, so the bad byte's line is found in a second pass."""
        with self._reopen() as raw:
            for number, line in enumerate(raw, start=1):
                try:
                    line.decode("utf-8")
                except UnicodeDecodeError as error:
                    return refused(
                        self.name,
                        f"Die Datei ist nicht in UTF-8 kodiert (Byte 0x{line[error.start]:02X}); "
                        "GTFS verlangt UTF-8. Bitte die Datei als UTF-8 speichern.",
                        line=number,
                    )
        return refused(self.name, "Die Datei ist nicht in UTF-8 kodiert.")

    def close(self) -> None:
        self._text.close()


class FeedSource:
    """A GTFS feed on disk: a .zip file or a folder of .txt files."""

    def __init__(self, path: Path, limits: FeedLimits) -> None:
        self.path = path
        self.limits = limits
        self.budget = _Budget(limits, path.name)
        self._zip: zipfile.ZipFile | None = None
        self._members: dict[str, str] = {}  # file name (lower case) → member or path
        if path.is_dir():
            for file in path.iterdir():
                if file.is_file():
                    self._members.setdefault(file.name.lower(), str(file))
        elif path.is_file():
            self._open_zip()
        else:
            raise refused(path.name, "Die Datei bzw. der Ordner ist nicht vorhanden.")

    def _open_zip(self) -> None:
        try:
            self._zip = zipfile.ZipFile(self.path)
        except (zipfile.BadZipFile, OSError):
            raise refused(
                self.path.name,
                "Die Datei ist kein GTFS-Fahrplan (weder ein ZIP-Archiv noch ein Ordner).",
            ) from None
        root: dict[str, str] = {}
        nested: dict[str, str] = {}
        for info in self._zip.infolist():
            name = info.filename
            parts = PurePosixPath(name.replace("\\", "/")).parts
            if name.startswith(("/", "\\")) or ".." in parts or (len(name) > 1 and name[1] == ":"):
                raise refused(
                    self.path.name,
                    f"Das Archiv enthält den unzulässigen Pfad „{name}“; es wird nicht geöffnet.",
                )
            if info.is_dir():
                continue
            if len(parts) == 1:
                root.setdefault(parts[0].lower(), name)
            elif len(parts) == 2:  # a feed zipped together with its folder
                nested.setdefault(parts[1].lower(), name)
        self._members = {**nested, **root}

    def has(self, name: str) -> bool:
        return name in self._members

    def check_sizes(self, names: list[str]) -> None:
        """The zip directory checked before anything is inflated (sizes, compression ratio)."""
        if self._zip is None:
            sizes = {n: Path(self._members[n]).stat().st_size for n in names if self.has(n)}
        else:
            sizes = {}
            for name in names:
                if not self.has(name):
                    continue
                info = self._zip.getinfo(self._members[name])
                sizes[name] = info.file_size
                ratio = info.file_size / max(info.compress_size, 1)
                if (
                    info.file_size >= self.limits.ratio_floor_bytes
                    and ratio > self.limits.max_ratio
                ):
                    raise refused(
                        name,
                        f"Die Datei ist {ratio:.0f}-fach gepackt (erlaubt höchstens "
                        f"{self.limits.max_ratio:.0f}-fach): das Archiv ist beschädigt oder eine "
                        "ZIP-Bombe und wird nicht entpackt.",
                    )
        for name, size in sizes.items():
            if size > self.limits.max_file_bytes:
                raise refused(
                    name,
                    f"Die Datei ist entpackt {_size_text(size)} groß; erlaubt sind höchstens "
                    f"{_size_text(self.limits.max_file_bytes)}. Der Fahrplan wird nicht geladen.",
                )
        total = sum(sizes.values())
        if total > self.limits.max_total_bytes:
            raise refused(
                self.path.name,
                f"Der Fahrplan ist entpackt {_size_text(total)} groß; erlaubt sind höchstens "
                f"{_size_text(self.limits.max_total_bytes)}.",
            )

    def size(self, name: str) -> int:
        if self._zip is None:
            return Path(self._members[name]).stat().st_size
        return self._zip.getinfo(self._members[name]).file_size

    def _raw(self, name: str) -> IO[bytes]:
        if self._zip is None:
            return open(self._members[name], "rb")
        return self._zip.open(self._members[name])

    def open(self, name: str) -> Table:
        """The table `name` (e.g. "stops.txt"), which the caller closes."""
        stream = _CountedStream(self._raw(name), name, self.budget)
        try:
            return Table(name, stream, self.size(name), lambda: self._raw(name))
        except BaseException:
            stream.close()
            raise

    def close(self) -> None:
        if self._zip is not None:
            self._zip.close()
