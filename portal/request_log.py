"""One JSON line per request, with a request id, and nothing a family wrote.

A line holds the time, the request id, the method, the route's template (`/families/<int:
family_id>/entries/<int:entry_id>`, never the path as typed, never a query string), the status
and how long it took, in time and in CPU time of the thread that served it (what the server
spent, apart from waiting for the database or a lock). Names, emails, entry text and form fields
are never logged: the log is read by people who run servers, not by the people a family chose
to share with.

The request id comes from the reverse proxy's X-Request-ID when it sends a sensible one, so one
request can be followed from nginx to the app; otherwise a new one is made. It goes back in the
response's X-Request-ID header.
"""

import json
import logging
import re
import sys
import time
import uuid
from datetime import datetime, timezone

from flask import Flask, g, request, request_started

logger = logging.getLogger("portal.requests")

# Anything else in the header (very long, spaces, quotes, new lines) could forge log lines.
_SAFE_ID = re.compile(r"[A-Za-z0-9._:-]{8,128}")


def request_id() -> str:
    if "request_id" not in g:
        g.request_id = _new_id()
    return g.request_id


def _new_id() -> str:
    return uuid.uuid4().hex


def _start(_app, **_extra) -> None:
    g.request_started, g.request_cpu = time.perf_counter(), time.thread_time()
    offered = request.headers.get("X-Request-ID", "")
    g.request_id = offered if _SAFE_ID.fullmatch(offered) else _new_id()


def _line(status: int) -> dict:
    started = g.get("request_started", time.perf_counter())
    cpu = g.get("request_cpu", time.thread_time())
    return {
        "time": datetime.now(timezone.utc).isoformat(timespec="milliseconds"),
        "request_id": request_id(),
        "method": request.method,
        "route": request.url_rule.rule if request.url_rule is not None else None,
        "status": status,
        "duration_ms": round((time.perf_counter() - started) * 1000, 1),
        "cpu_ms": round((time.thread_time() - cpu) * 1000, 2),
    }


def _write_stream_handler(app: Flask) -> None:
    """Lines go to standard error, where gunicorn and systemd collect them.

    Not while testing: pytest swaps standard error per test, and reads the log through its own
    handler on the root logger instead."""
    if app.testing or logger.handlers:
        return
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(message)s"))
    logger.addHandler(handler)
    logger.propagate = False


def init_app(app: Flask) -> None:
    logger.setLevel(logging.INFO)
    _write_stream_handler(app)
    # Sent before every before_request function, so the clock starts before any other work.
    request_started.connect(_start, app)

    @app.after_request
    def _log(response):
        response.headers["X-Request-ID"] = request_id()
        logger.info(json.dumps(_line(response.status_code), separators=(",", ":")))
        return response
