"""Real app servers for tests: gunicorn in its own OS process, started with gunicorn.conf.py,
and a small browser that keeps cookies and sends the form's CSRF token, as a phone would."""

import http.cookiejar
import os
import re
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from contextlib import contextmanager
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def app_servers(count: int, database_url: str, secret_key: str, **settings):
    """`count` gunicorns of one worker each, on free ports, started side by side; yields their
    addresses; stopped on leaving."""
    processes, addresses, logs = [], [], []
    try:
        for _n in range(count):
            port = free_port()
            env = {**os.environ, "DATABASE_URL": database_url, "SECRET_KEY": secret_key,
                   "BIND": f"127.0.0.1:{port}", "WORKERS": "1", "LOG_LEVEL": "warning",
                   # Professionals sign in with a password only while demo accounts are on.
                   "DEMO_ACCOUNTS": "1", **settings}
            # A file, not a pipe: a full pipe would stall the server mid-test.
            logs.append(tempfile.TemporaryFile())
            processes.append(subprocess.Popen(
                [sys.executable, "-m", "gunicorn", "--config", "gunicorn.conf.py"], cwd=REPO,
                env=env, stdout=subprocess.DEVNULL, stderr=logs[-1]))
            addresses.append(f"http://127.0.0.1:{port}")
        for address, process, log in zip(addresses, processes, logs):
            _wait_until_healthy(address, process, log)
        yield addresses
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        for log in logs:
            log.close()


def _wait_until_healthy(address: str, process: subprocess.Popen, log) -> None:
    deadline = time.monotonic() + 120  # a busy 2-core machine starts gunicorn slowly
    while time.monotonic() < deadline:
        if process.poll() is not None:
            log.seek(0)
            raise RuntimeError("gunicorn stopped: " + log.read().decode()[-2000:])
        try:
            with urllib.request.urlopen(address + "/healthz", timeout=2) as answer:
                if answer.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("gunicorn did not answer /healthz within 120 seconds")


class _KeepRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *_args, **_kwargs):
        return None


class Browser:
    """Cookies, the last page's CSRF token, and redirects reported rather than followed."""

    def __init__(self, address: str):
        self.address = address
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()), _KeepRedirects)
        self.csrf_token = ""

    def get(self, path: str) -> tuple[int, str]:
        return self._open(urllib.request.Request(self.address + path))

    def post(self, path: str, form: dict) -> tuple[int, str]:
        body = urllib.parse.urlencode({"csrf_token": self.csrf_token, **form}).encode()
        return self._open(urllib.request.Request(self.address + path, data=body))

    def _open(self, request) -> tuple[int, str]:
        try:
            with self.opener.open(request, timeout=20) as answer:
                status, text = answer.status, answer.read().decode()
        except urllib.error.HTTPError as answer:
            status, text = answer.code, answer.read().decode()
        found = re.search(r'name="csrf_token" value="([^"]+)"', text)
        if found:
            self.csrf_token = found.group(1)
        return status, text

    def sign_in(self, username: str, password: str) -> None:
        self.get("/sign-in")
        status, _text = self.post("/sign-in", {"username": username, "password": password})
        assert status == 302, f"{username} could not sign in"
        # A page with a form, for the signed-in session's CSRF token.
        self.get("/account")
