"""A Jobsuche API on a local pytest-httpserver: `GET /pc/v4/jobs` paged like the Jobbörse, with faults.

The fake answers as the public API does (bundesAPI/jobsuche-api, wunderfrucht's observed fields):
`stellenangebote`, `maxErgebnisse`, `page`, `size`, `facetten`; pages count from 1, `size` above
100 or page × size above 10,000 are refused with HTTP 400 (as the real service does). Faults are
queued per page: "429" (with Retry-After), "503", "drop" (the connection closes halfway through
the answer), "slow" (longer than the client's time-out), "malformed" (broken JSON).
"""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Iterator
from typing import Any

from werkzeug import Request, Response

PATH = "/pc/v4/jobs"


def listing(
    number: int,
    *,
    title: str = "Mechatroniker/in (m/w/d)",
    beruf: str = "Mechatroniker/in",
    postcode: str = "34117",
    place: str = "Kassel",
    coordinates: bool = True,
    berufsfeld: str = "",
    **extra: Any,
) -> dict[str, Any]:
    """One search listing as the API sends it (no type field: the type is the query's filter)."""
    item: dict[str, Any] = {
        "hashId": f"h{number}",
        "beruf": beruf,
        "titel": title,
        "refnr": f"10000-{number:010d}-S",
        "arbeitgeber": f"Muster {number % 7} GmbH",
        "aktuelleVeroeffentlichungsdatum": "2026-11-01",
        "eintrittsdatum": "2027-08-01",
        "arbeitsort": {
            "plz": postcode,
            "ort": place,
            "region": "Hessen",
            "land": "Deutschland",
            **({"koordinaten": {"lat": 51.3155, "lon": 9.4924}} if coordinates else {}),
        },
        "modifikationsTimestamp": "2026-11-01T10:00:00.000",
        **extra,
    }
    if berufsfeld:
        item["_berufsfeld"] = berufsfeld  # the fake's own filter field (the API keeps it inside)
    return item


def listings(start: int, count: int, **fields: Any) -> list[dict[str, Any]]:
    return [listing(n, **fields) for n in range(start, start + count)]


class FakeJobboerse:
    """Serves `offers`; `total` overrides maxErgebnisse (a search larger than what is served)."""

    def __init__(self, httpserver: Any, offers: list[dict[str, Any]] | None = None) -> None:
        self.server = httpserver
        self.offers: list[dict[str, Any]] = list(offers or [])
        self.total: int | None = None
        self.facets: dict[str, int] | None = None  # berufsfeld -> count, on every first page
        self.field_totals: dict[str, int] = {}  # berufsfeld -> maxErgebnisse of that part
        self.faults: dict[int, list[str]] = {}
        self.retry_after = "7"
        self.slow_seconds = 1.5
        self.status: int | None = None  # answer every request with this HTTP status
        self.requests: list[dict[str, str]] = []
        self.api_keys: list[str | None] = []
        self._awake = threading.Event()
        self._awake.set()
        httpserver.expect_request(PATH).respond_with_handler(self.handle)

    @property
    def base_url(self) -> str:
        return str(self.server.url_for("")).rstrip("/")

    def settle(self) -> None:
        """Wait until a slow answer is over (the server answers one request at a time)."""
        self._awake.wait(10)

    def handle(self, request: Request) -> Response:
        args = dict(request.args)
        self.requests.append(args)
        self.api_keys.append(request.headers.get("X-API-Key"))
        if self.status is not None:
            return _json({"message": "Zugriff verweigert"}, self.status)
        page, size = int(args.get("page", 1)), int(args.get("size", 25))
        if size > 100 or page * size > 10_000:
            return _json({"code": "EINGABEPARAMETER_FEHLERHAFT"}, 400)
        fault = self.faults.get(page, [None]).pop(0) if self.faults.get(page) else None
        if fault == "429":
            return _json({"message": "Too Many Requests"}, 429, {"Retry-After": self.retry_after})
        if fault == "503":
            return _json({"message": "Service Unavailable"}, 503)
        if fault == "slow":
            self._awake.clear()
            time.sleep(self.slow_seconds)
            self._awake.set()
        field = args.get("berufsfeld", "")
        chosen = [o for o in self.offers if not field or o.get("_berufsfeld") == field]
        total = self.field_totals.get(field, len(chosen)) if field else self.total
        body = {
            "stellenangebote": [
                {k: v for k, v in o.items() if k != "_berufsfeld"}
                for o in chosen[(page - 1) * size : page * size]
            ],
            "maxErgebnisse": len(chosen) if total is None else total,
            "page": page,
            "size": size,
            "facetten": {"berufsfeld": {"counts": self.facets or {}, "maxCount": 0}},
        }
        data = json.dumps(body).encode()
        if fault == "malformed":
            return Response(data[: len(data) // 2] + b"}}", content_type="application/json")
        if fault == "drop":
            return _dropped(request, data)
        return Response(data, content_type="application/json")


def _json(data: Any, status: int, headers: dict[str, str] | None = None) -> Response:
    return Response(
        json.dumps(data), status=status, headers=headers, content_type="application/json"
    )


def _dropped(request: Request, data: bytes) -> Response:
    """Headers and half the answer, then the connection is shut."""
    sock: socket.socket = request.environ["werkzeug.socket"]

    def body() -> Iterator[bytes]:
        yield data[: len(data) // 2]
        sock.shutdown(socket.SHUT_RDWR)

    return Response(
        body(), headers={"Content-Length": str(len(data))}, content_type="application/json"
    )
