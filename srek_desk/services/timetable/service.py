"""Loading a GTFS feed into the database, saying what is loaded, and handing it to the search.

`import_feed` reads the feed clipped to the office's region (setting `timetable.region_km`
around the centre of `office.postcode`; 0 keeps the whole feed), then replaces the stored
timetable in one transaction: the new feed row and its blob pieces go in, the old ones out, with
an audit entry; if anything fails, the old timetable stays. `load()` returns the arrays, cached
until another feed is stored (by this desk or another one on the same database).
"""

from __future__ import annotations

import threading
import time
import zipfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import delete, insert, select

from srek_desk.config import Config
from srek_desk.db.models_timetable import BLOB_CHUNK_BYTES, TimetableBlob, TimetableFeed
from srek_desk.errors import UserError
from srek_desk.geo.transit.timetable import FeedInfo, Timetable
from srek_desk.importers.gtfs import FeedCancelled, FeedLimits, FeedRead, FeedRefused, read_feed
from srek_desk.reference.gazetteer import Gazetteer
from srek_desk.services.core import audit
from srek_desk.services.core.access import SYSTEM, Actor
from srek_desk.services.core.database import Database
from srek_desk.services.timetable.status import TimetableImportResult, TimetableStatus
from srek_desk.settings_schema import setting

# Whoever may import offers may load the timetable (all three roles; the command line too).
PERMISSION = "offers.edit"
_INFO_COLUMNS = (
    "publisher",
    "publisher_url",
    "version",
    "valid_from",
    "valid_to",
    "source_name",
    "attribution",
    "imported_at",
    "stops",
    "routes",
    "trips",
    "stop_times",
)


class TimetableCancelled(FeedCancelled):
    """Loading was cancelled; the timetable loaded before stays."""


@dataclass(frozen=True)
class LoadedTimetable:
    timetable: Timetable
    info: FeedInfo
    feed_id: int  # grows with every import: a new id means a new timetable


class TimetableService:
    def __init__(
        self,
        database: Database,
        config: Config | Mapping[str, Any] | None = None,
        *,
        gazetteer: Gazetteer | None = None,
        actor: Actor = SYSTEM,
        limits: FeedLimits | None = None,
    ) -> None:
        self.database = database
        self.config = config if config is not None else {}
        self._gazetteer = gazetteer
        self.actor = actor
        self.limits = limits or FeedLimits()
        self._cache: LoadedTimetable | None = None
        self._lock = threading.Lock()

    def _setting(self, key: str) -> Any:
        try:
            return self.config[key]
        except KeyError:
            return setting(key).default

    @property
    def gazetteer(self) -> Gazetteer:
        if self._gazetteer is None:
            self._gazetteer = Gazetteer.load()
        return self._gazetteer

    # -- import ------------------------------------------------------------------------------

    def region(self) -> tuple[tuple[float, float] | None, float | None, str]:
        """(centre, radius in km, office postcode); None, None: the whole feed is kept."""
        radius = float(self._setting("timetable.region_km"))
        postcode = str(self._setting("office.postcode")).strip()
        if radius <= 0:
            return None, None, postcode
        centre = self.gazetteer.coordinates(postcode)
        if centre is None:
            raise UserError(
                f"Die Postleitzahl der Beratungsstelle „{postcode}“ (Einstellung office.postcode) "
                "ist unbekannt; ohne sie lässt sich der Fahrplan nicht auf die Region zuschneiden. "
                "Bitte die Postleitzahl berichtigen oder timetable.region_km auf 0 setzen."
            )
        return centre, radius, postcode

    def import_feed(
        self,
        source: str | Path,
        *,
        progress: Callable[[int, int], None] | None = None,
        cancel: Callable[[], bool] | None = None,
        actor: Actor | None = None,
    ) -> TimetableImportResult:
        """Read the feed and store it in place of the old one; refusals leave the old one."""
        actor = actor or self.actor
        actor.require(PERMISSION)
        started = time.perf_counter()
        source = Path(source)
        centre, radius, postcode = self.region()
        try:
            feed = read_feed(
                source,
                centre=centre,
                radius_km=radius,
                limits=self.limits,
                progress=progress,
                cancel=cancel,
            )
            data = feed.timetable.to_bytes()
            if cancel is not None and cancel():
                raise FeedCancelled
        except FeedCancelled:
            message = self._keeps("Das Laden des Fahrplans wurde abgebrochen.")
            raise TimetableCancelled(message) from None
        except FeedRefused as refusal:
            raise FeedRefused(
                self._keeps(refusal.message),
                file=refusal.file,
                line=refusal.line,
                column=refusal.column,
            ) from None
        feed_id = self._store(feed, data, radius, postcode, actor)
        with self._lock:
            self._cache = LoadedTimetable(feed.timetable, feed.info, feed_id)
        return TimetableImportResult(
            **feed.counts,
            valid_from=feed.info.valid_from,
            valid_to=feed.info.valid_to,
            seconds=time.perf_counter() - started,
            publisher=feed.info.publisher,
            source_name=feed.info.source_name,
            dropped_stops=feed.dropped_stops,
            warnings=feed.warnings,
            stored_bytes=len(data),
            region_km=radius,
        )

    def _keeps(self, message: str) -> str:
        """The message, saying that a timetable loaded before stays in use."""
        if self._current_id() is None:
            return f"{message} Es wurde kein Fahrplan geladen."
        return f"{message} Der bisher geladene Fahrplan bleibt in Gebrauch."

    def _store(
        self, feed: FeedRead, data: bytes, radius: float | None, postcode: str, actor: Actor
    ) -> int:
        """One transaction: the new feed in, then every older one out (ids keep growing)."""
        info = feed.info
        row = TimetableFeed(
            publisher=info.publisher[:200],
            publisher_url=info.publisher_url[:500],
            version=info.version[:100],
            valid_from=info.valid_from,
            valid_to=info.valid_to,
            source_name=info.source_name[:255],
            attribution=info.attribution,
            imported_by=actor.username[:60],
            region_km=radius,
            centre_postcode=postcode[:5] if radius else "",
            **feed.counts,
        )
        with self.database.session() as session:
            session.add(row)
            session.flush()
            feed_id = int(row.id or 0)
            pieces = [
                {"feed_id": feed_id, "seq": seq, "data": data[offset : offset + BLOB_CHUNK_BYTES]}
                for seq, offset in enumerate(range(0, max(len(data), 1), BLOB_CHUNK_BYTES))
            ]
            for piece in pieces:  # one statement per piece: at most 16 MB in flight
                session.execute(insert(TimetableBlob).values(**piece))
            session.execute(delete(TimetableBlob).where(TimetableBlob.feed_id != feed_id))  # type: ignore[arg-type]
            session.execute(delete(TimetableFeed).where(TimetableFeed.id != feed_id))  # type: ignore[arg-type]
            audit.record(
                session,
                actor,
                "import",
                "timetable",
                entity_id=feed_id,
                detail=f"{info.source_name}: {feed.counts['stops']} Haltestellen, "
                f"{feed.counts['trips']} Fahrten"[:200],
            )
            session.commit()
        return feed_id

    # -- what is loaded ------------------------------------------------------------------------

    def _current_id(self) -> int | None:
        with self.database.session() as session:
            return session.execute(
                select(TimetableFeed.id).order_by(TimetableFeed.id.desc()).limit(1)  # type: ignore[union-attr]
            ).scalar_one_or_none()

    def status(self, today: date | None = None) -> TimetableStatus:
        columns = [getattr(TimetableFeed, name) for name in _INFO_COLUMNS]
        with self.database.session() as session:
            row = session.execute(
                select(*columns).order_by(TimetableFeed.id.desc()).limit(1)  # type: ignore[union-attr]
            ).first()
        if row is None:
            return TimetableStatus(loaded=False)
        values = dict(zip(_INFO_COLUMNS, row, strict=True))
        return TimetableStatus.of(values, today or date.today())

    def load(self) -> LoadedTimetable | None:
        """The stored timetable (None when none is loaded), cached until a new one is stored."""
        with self._lock:
            with self.database.session() as session:
                feed = session.execute(
                    select(TimetableFeed).order_by(TimetableFeed.id.desc()).limit(1)  # type: ignore[union-attr]
                ).scalar_one_or_none()
                if feed is None:
                    self._cache = None
                    return None
                if self._cache is not None and self._cache.feed_id == feed.id:
                    return self._cache
                pieces = (
                    session.execute(
                        select(TimetableBlob.data)
                        .where(TimetableBlob.feed_id == feed.id)
                        .order_by(TimetableBlob.seq)  # type: ignore[arg-type]
                    )
                    .scalars()
                    .all()
                )
            try:
                timetable = Timetable.from_bytes(b"".join(pieces))
            except (ValueError, KeyError, TypeError, OSError, zipfile.BadZipFile) as error:
                raise UserError(
                    "Der gespeicherte Fahrplan ist beschädigt; bitte den Fahrplan neu laden."
                ) from error
            info = FeedInfo(
                publisher=feed.publisher,
                publisher_url=feed.publisher_url,
                version=feed.version,
                valid_from=feed.valid_from,
                valid_to=feed.valid_to,
                source_name=feed.source_name,
                attribution=feed.attribution,
            )
            self._cache = LoadedTimetable(timetable, info, int(feed.id or 0))
            return self._cache

    def clear(self, *, actor: Actor | None = None) -> bool:
        """Remove the stored timetable (for IT); False when none was loaded."""
        actor = actor or self.actor
        actor.require(PERMISSION)
        with self.database.session() as session:
            ids = session.execute(select(TimetableFeed.id)).scalars().all()
            if not ids:
                return False
            session.execute(delete(TimetableBlob))
            session.execute(delete(TimetableFeed))
            audit.record(session, actor, "erase", "timetable", entity_id=max(ids))  # type: ignore[type-var]
            session.commit()
        with self._lock:
            self._cache = None
        return True
