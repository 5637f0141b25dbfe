"""gunicorn settings for `make serve` and for each app server behind a load balancer.

Every value can be changed from the environment, so one file serves every machine.
docs/deployment.md explains each one.
"""

import multiprocessing
import os

wsgi_app = "wsgi:app"

# Behind a reverse proxy on the same machine, keep the default; with a load balancer in front,
# bind to the private address it reaches (for example BIND=10.0.0.5:8000).
bind = os.environ.get("BIND", "127.0.0.1:8000")


def _workers() -> int:
    value = os.environ.get("WORKERS", os.environ.get("WEB_CONCURRENCY", "")).strip()
    if value.isdigit() and int(value) > 0:
        return int(value)
    # The usual 2 x cores + 1, capped: each worker holds fonts and ReportLab in memory.
    return min(multiprocessing.cpu_count() * 2 + 1, 8)


workers = _workers()

# A big booklet PDF can take several seconds to build; anything slower than this is stuck.
timeout = int(os.environ.get("TIMEOUT", "60"))
graceful_timeout = 30
# The reverse proxy keeps connections open to us; a little longer than nginx's default 4 s.
keepalive = 5
# Restarting each worker now and then keeps a slow leak in a library from growing for weeks.
max_requests = 2000
max_requests_jitter = 200

# Long addresses: the app answers anything past 4 KB with its own plain "too long" page
# (portal/uploads.py), so gunicorn lets through up to 8190 bytes (its most) rather than answer
# with its own page. Header lines the same (a long cookie or referrer). nginx's
# large_client_header_buffers (deploy/nginx.conf) is below these, so past it nginx answers.
limit_request_line = 8190
limit_request_field_size = 8190

# Only the reverse proxy may say a request came over HTTPS (X-Forwarded-Proto).
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")

# The app writes one JSON line per request itself (portal/request_log.py), so gunicorn's own
# access log is off unless ACCESS_LOG names a file or "-". Its format carries the request id
# and the path without its query string, and no client address.
accesslog = os.environ.get("ACCESS_LOG") or None
access_log_format = ('%(t)s request_id=%({x-request-id}o)s "%(m)s %(U)s" '
                     '%(s)s %(B)s %(M)sms')
errorlog = "-"
# Managed by systemd (or a container runtime), not by gunicorn's own control socket, which
# would also be shared by two app servers on one machine.
control_socket_disable = True
loglevel = os.environ.get("LOG_LEVEL", "info")
