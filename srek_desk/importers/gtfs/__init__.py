"""GTFS feeds (a .zip or a folder) read into timetable arrays, clipped to a region; no database.

`read_feed(source, centre=…, radius_km=…)` returns a `FeedRead` (the `Timetable`, its
`FeedInfo`, counts, dropped stops, warnings); bad input raises `FeedRefused` (an ImportRefused
with a German message naming file, line and column), cancelling raises `FeedCancelled`.
"""

from srek_desk.importers.gtfs.errors import FeedCancelled, FeedRefused
from srek_desk.importers.gtfs.files import FeedLimits
from srek_desk.importers.gtfs.reader import FeedRead, read_feed

__all__ = ["FeedCancelled", "FeedLimits", "FeedRead", "FeedRefused", "read_feed"]
