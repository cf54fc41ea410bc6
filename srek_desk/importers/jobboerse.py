"""HTTP client of the BA Jobsuche (Jobbörse): all pages of a search as the records of a BA JSON file.

Pure: no database. `GET {base_url}/pc/v4/jobs` with the header X-API-Key, pages of at most 100 from
page 1. The Jobbörse serves at most page × size = 10,000 offers of one search: a larger search is
split by occupational field (`berufsfeld`, from the first page's facets), and whatever still cannot
be fetched is counted in the result, never silently dropped.

HTTP 429 and 5xx and dropped connections are retried with exponential backoff (a Retry-After of
the Jobbörse is honoured); a time-out is not retried (the user has waited long enough). Every
failure is a JobboerseError with a German message naming what failed. The system proxy is used:
urllib's opener reads it from the environment (HTTPS_PROXY, NO_PROXY), the Windows registry or
the macOS settings; certificates come from the system's store (ssl default context).
"""

from __future__ import annotations

import errno
import http.client
import json
import logging
import socket
import ssl
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

from srek_desk import __version__
from srek_desk.errors import UserError
from srek_desk.importers.jobboerse_pages import (
    MAX_PAGE_SIZE,
    MAX_WINDOW,
    Collector,
    FetchResult,
    JobboerseError,
    Page,
    SearchQuery,
    last_page,
)

log = logging.getLogger(__name__)

SEARCH_PATH = "/pc/v4/jobs"
MAX_PAGE_BYTES = 32 * 1024 * 1024  # a page of 100 listings is about 100 KB
Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]
Sleep = Callable[[float], None]


class FetchCancelled(UserError):
    """The user cancelled the fetch; nothing of it is stored."""


class _Retry(Exception):
    """A failure worth another attempt: HTTP 429 or 5xx (`status`), or a dropped connection (0)."""

    def __init__(self, status: int = 0, retry_after: float | None = None) -> None:
        super().__init__(status)
        self.status, self.retry_after = status, retry_after

    def what(self, number: int) -> str:
        if self.status == 429:
            return (
                f"Die Jobbörse nimmt gerade keine weiteren Anfragen an (HTTP 429 bei Seite {number}"
            )
        if self.status:
            return f"Die Jobbörse ist gestört (HTTP {self.status} bei Seite {number}"
        return f"Die Verbindung zur Jobbörse brach bei Seite {number} ab ("


def retry_after_seconds(value: str | None, now: datetime | None = None) -> float | None:
    """Retry-After as seconds: a number, or an HTTP date (RFC 9110); None if absent or unreadable."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


def _seconds(value: float) -> str:
    return f"{value:g}".replace(".", ",")


class JobboerseClient:
    """Fetches searches from the Jobsuche API; `sleep` and `backoff` are injectable for tests."""

    def __init__(
        self,
        base_url: str,
        api_key: str,
        *,
        timeout: float = 30.0,
        attempts: int = 5,
        backoff: float = 1.0,
        max_wait: float = 120.0,
        page_size: int = MAX_PAGE_SIZE,
        sleep: Sleep = time.sleep,
    ) -> None:
        parts = urllib.parse.urlsplit(base_url.strip())
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise UserError(
                f"Die Adresse der Jobbörse „{base_url}“ ist keine http(s)-Adresse; bitte die "
                "Einstellung jobboerse.base_url prüfen."
            )
        if not 1 <= page_size <= MAX_PAGE_SIZE:
            raise ValueError(f"page size {page_size} outside 1..{MAX_PAGE_SIZE}")
        self.base_url = base_url.strip().rstrip("/")
        self.host = parts.hostname or parts.netloc
        self.api_key = api_key
        self.timeout, self.attempts, self.backoff = timeout, max(1, attempts), backoff
        self.max_wait, self.page_size, self._sleep = max_wait, page_size, sleep
        self._opener = urllib.request.build_opener()  # with the system's proxies

    # -- a whole search --------------------------------------------------------------------
    def search(
        self,
        query: SearchQuery,
        *,
        progress: Progress | None = None,
        cancelled: Cancelled | None = None,
    ) -> FetchResult:
        """All pages of the search (split when over 10,000); JobboerseError when one fails."""
        query = query.checked()
        is_cancelled = cancelled or (lambda: False)
        collector = Collector(query)
        planned = [1]  # pages expected in all; grows as the totals become known

        def fetch(part: SearchQuery, number: int) -> Page:
            if is_cancelled():
                raise FetchCancelled("Abruf abgebrochen.")
            page = collector.add(self.page(part, number, is_cancelled), number, part)
            if progress is not None:
                progress(collector.result.pages, max(planned[0], collector.result.pages))
            return page

        def fetch_rest(part: SearchQuery, page: Page) -> int:
            """The pages after the first of one search (or part); its newest total."""
            total = page.max_results
            end = last_page(total, self.page_size)
            planned[0] += end - 1
            number = 1
            while number < end and page.items >= self.page_size:
                number += 1
                page = fetch(part, number)
                total = page.max_results
            if total > MAX_WINDOW:
                collector.result.capped[part.berufsfeld] = total - MAX_WINDOW
            return total

        first = fetch(query, 1)
        fields = first.facets.get("berufsfeld", {}) if first.max_results > MAX_WINDOW else {}
        if fields:
            collector.result.split = sorted(fields)
            planned[0] += len(fields)
            for name in collector.result.split:
                part = replace(query, berufsfeld=name)
                fetch_rest(part, fetch(part, 1))
            result = collector.finish(first.max_results)
        else:
            result = collector.finish(fetch_rest(query, first))
        log.info(
            "jobboerse fetch: %d pages, %d listings, %d of %d not fetched",
            result.pages,
            result.total,
            result.not_fetched,
            result.max_results,
        )
        return result

    # -- one page --------------------------------------------------------------------------
    def url(self, query: SearchQuery, number: int) -> str:
        params = urllib.parse.urlencode(query.params(number, self.page_size))
        return f"{self.base_url}{SEARCH_PATH}?{params}"

    def page(self, query: SearchQuery, number: int, cancelled: Cancelled) -> bytes:
        """The raw answer page, retried on 429, 5xx and dropped connections."""
        request = urllib.request.Request(
            self.url(query, number),
            headers={
                "X-API-Key": self.api_key,
                "Accept": "application/json",
                "User-Agent": f"SREK-Desk/{__version__}",
            },
        )
        waited = 0.0
        for attempt in range(1, self.attempts + 1):
            try:
                return self._get(request, number)
            except _Retry as retry:
                if attempt == self.attempts:
                    separator = "" if retry.status == 0 else "; "
                    raise JobboerseError(
                        f"{retry.what(number)}{separator}{attempt} Versuche in ca. "
                        f"{_seconds(round(waited, 1))} s). Bitte später erneut versuchen."
                    ) from None
                wait = retry.retry_after
                if wait is None:
                    wait = self.backoff * 2 ** (attempt - 1)
                if wait > self.max_wait:
                    raise JobboerseError(
                        f"Die Jobbörse ist ausgelastet (HTTP {retry.status} bei Seite {number}) "
                        f"und bittet, es in ca. {max(1, round(wait / 60))} Minuten erneut zu "
                        "versuchen."
                    ) from None
                log.info("jobboerse: status %d, retry %d in %.1f s", retry.status, attempt, wait)
                self._wait(wait, cancelled)
                waited += wait
        raise AssertionError("unreachable")  # pragma: no cover

    def _wait(self, seconds: float, cancelled: Cancelled) -> None:
        """Sleep in short slices, so that a cancel is noticed while waiting."""
        remaining = seconds
        while remaining > 0:
            if cancelled():
                raise FetchCancelled("Abruf abgebrochen.")
            step = min(remaining, 0.25)
            self._sleep(step)
            remaining -= step

    def _get(self, request: urllib.request.Request, number: int) -> bytes:
        started = time.monotonic()
        try:
            with self._opener.open(request, timeout=self.timeout) as response:
                return self._read(response, number, started)
        except urllib.error.HTTPError as error:
            status = error.code
            retry_after = retry_after_seconds(error.headers.get("Retry-After"))
            detail = _detail(error)
            error.close()
            if status == 429 or status >= 500:
                raise _Retry(status, retry_after) from None
            raise self._refused(status, detail) from None
        except urllib.error.URLError as error:
            reason = error.reason
            if isinstance(reason, TimeoutError):
                raise self._timed_out(number) from None
            if isinstance(reason, ConnectionError) and not isinstance(
                reason, ConnectionRefusedError
            ):
                raise _Retry() from None
            raise self._unreachable(reason) from None
        except TimeoutError:
            raise self._timed_out(number) from None
        except (ConnectionError, http.client.HTTPException):
            raise _Retry() from None

    def _read(self, response: http.client.HTTPResponse, number: int, started: float) -> bytes:
        chunks: list[bytes] = []
        size = 0
        while chunk := response.read(1 << 16):
            chunks.append(chunk)
            size += len(chunk)
            if size > MAX_PAGE_BYTES:
                raise JobboerseError(
                    f"Die Jobbörse hat auf Seite {number} mehr als "
                    f"{MAX_PAGE_BYTES // (1024 * 1024)} MB geschickt; das ist keine Suchantwort."
                )
            if time.monotonic() - started > self.timeout:
                raise self._timed_out(number)
        expected = response.headers.get("Content-Length", "")
        if expected.isdigit() and size < int(expected):
            raise _Retry()  # the connection closed before the announced length arrived
        return b"".join(chunks)

    # -- messages --------------------------------------------------------------------------
    def _timed_out(self, number: int) -> JobboerseError:
        return JobboerseError(
            f"Die Jobbörse antwortet nicht (Zeitüberschreitung nach {_seconds(self.timeout)} s "
            f"bei Seite {number}). Bitte später erneut versuchen oder die Netzwerkverbindung "
            "prüfen."
        )

    def _unreachable(self, reason: object) -> JobboerseError:
        if isinstance(reason, socket.gaierror):
            why = "der Servername ist unbekannt"
        elif isinstance(reason, ConnectionRefusedError):
            why = "die Verbindung wird abgelehnt"
        elif isinstance(reason, ssl.SSLError):
            why = f"die sichere Verbindung (TLS) scheitert ({getattr(reason, 'reason', reason)})"
        elif getattr(reason, "errno", None) in (errno.ENETUNREACH, errno.EHOSTUNREACH):
            why = "kein Netzwerkweg dorthin (Netzwerk getrennt?)"
        else:
            why = f"die Verbindung scheitert ({reason})"
        return JobboerseError(
            f"Die Jobbörse ({self.host}) ist nicht erreichbar: {why}. Bitte Netzwerk, Proxy und "
            "die Einstellung jobboerse.base_url prüfen."
        )

    def _refused(self, status: int, detail: str) -> JobboerseError:
        said = f": {detail}" if detail else ""
        if status in (401, 403):
            return JobboerseError(
                f"Die Jobbörse verweigert den Zugriff (HTTP {status}{said}); der API-Schlüssel "
                "(Einstellung jobboerse.api_key) wird nicht angenommen."
            )
        if status == 404:
            return JobboerseError(
                f"Die Jobbörse kennt die Adresse {self.base_url}{SEARCH_PATH} nicht (HTTP 404); "
                "bitte die Einstellung jobboerse.base_url prüfen."
            )
        if status == 400:
            return JobboerseError(
                f"Die Jobbörse lehnt die Suche ab (HTTP 400{said}); bitte Was, Wo, Umkreis und "
                "Angebotsart prüfen."
            )
        return JobboerseError(f"Die Jobbörse lehnt die Anfrage ab (HTTP {status}{said}).")


def _detail(error: urllib.error.HTTPError) -> str:
    """A short reason from the error body (the Jobbörse sends JSON with a message), if any."""
    try:
        body = error.read(4000)
        data = json.loads(body.decode("utf-8", "replace"))
    except (OSError, ValueError, http.client.HTTPException):
        return ""
    if isinstance(data, dict):
        for key in ("message", "fehler", "error", "code"):
            value = data.get(key)
            if isinstance(value, str) and value.strip():
                return " ".join(value.split())[:200]
    return ""
