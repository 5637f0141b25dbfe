"""What the load run's 50 people do (locust; started by bench/load.py).

A family holder reads the home page, story, timeline and plan, adds a timeline event, edits an
event, and shares an entry then stops sharing it; a professional opens "shared with me" and the
books shared with them. Everyone signs in with a password (DEMO_ACCOUNTS=1) through the real
form, CSRF token included, before the measured window opens (see Window). BareUser asks the
one-line route of bench/bare_wsgi.py.
"""

import json
import os
import random
import re
import time
from html.parser import HTMLParser

import gevent
from gevent.event import Event
from locust import HttpUser, constant, events, task

FAMILIES = int(os.environ.get("BENCH_FAMILIES", "1000"))
USERS = int(os.environ.get("BENCH_USERS", "50"))
SECONDS = float(os.environ.get("BENCH_SECONDS", "60"))
WINDOW_FILE = os.environ.get("BENCH_WINDOW_FILE")
PASSWORD = "bench-password-2026"
MODE = os.environ.get("BENCH_MODE", "mixed")


class Window:
    """The measured window. Every user signs in (or, on the bare route, just starts) and waits;
    when the last of USERS is ready the statistics are reset, everyone starts at once, and
    SECONDS later the run stops. So the figures are SECONDS of USERS signed-in people asking
    back to back, and no sign-in is in them. When it opened and closed goes to WINDOW_FILE."""

    began = time.time()
    ready = Event()
    arrived = 0
    opened = None

    @classmethod
    def wait_for_everyone(cls, environment) -> None:
        cls.arrived += 1
        if cls.arrived == USERS:
            environment.runner.stats.reset_all()
            cls.opened = time.time()
            cls.ready.set()
            gevent.spawn_later(SECONDS, cls.close, environment)
        cls.ready.wait()

    @classmethod
    def close(cls, environment) -> None:
        closed = time.time()
        if WINDOW_FILE:
            with open(WINDOW_FILE, "w") as out:
                json.dump({"users_ready": cls.arrived, "warm_up_s": round(cls.opened - cls.began, 1),
                           "measured_s": round(closed - cls.opened, 1)}, out)
        environment.runner.quit()


@events.test_start.add_listener
def _began(**_kwargs):
    Window.began = time.time()


class FormReader(HTMLParser):
    """The fields of the form that posts to `action`, as a browser sends them: text, hidden,
    checked radios and boxes, text areas, chosen options."""

    def __init__(self, action: str):
        super().__init__()
        self.action, self.fields, self.inside, self.done = action, {}, False, False
        self.textarea, self.select = None, None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        # A form without an action posts back to the page it is on, which is `action` here.
        if tag == "form" and not self.done and a.get("action", self.action) == self.action:
            self.inside = True
        if not self.inside or "name" not in a and tag in ("input", "textarea", "select"):
            return
        if tag == "input" and (a.get("type") not in ("radio", "checkbox") or "checked" in a):
            if a.get("type") not in ("submit", "button"):
                self.fields.setdefault(a["name"], a.get("value", ""))
        elif tag == "textarea":
            self.textarea = a["name"]
            self.fields[self.textarea] = ""
        elif tag == "select":
            self.select = a["name"]
        elif tag == "option" and self.select and ("selected" in a or self.select not in self.fields):
            self.fields[self.select] = a.get("value", "")

    def handle_data(self, data):
        if self.textarea:
            self.fields[self.textarea] += data

    def handle_endtag(self, tag):
        if tag == "textarea":
            self.textarea = None
        elif tag == "select":
            self.select = None
        elif tag == "form" and self.inside:
            self.inside, self.done = False, True


def form_fields(html: str, action: str) -> dict:
    reader = FormReader(action)
    reader.feed(html)
    return reader.fields


class Signed(HttpUser):
    abstract = True
    # No pause between requests: 50 people asking back to back measure what the server can do.
    wait_time = constant(0)

    def sign_in(self, username: str) -> None:
        token = form_fields(self.client.get("/sign-in", name="sign-in").text, "/sign-in")
        response = self.client.post("/sign-in", name="sign-in", data={
            "csrf_token": token.get("csrf_token", ""), "username": username,
            "password": PASSWORD})
        if "/sign-in" in response.url:
            raise RuntimeError(f"{username} could not sign in")


class FamilyUser(Signed):
    weight = 4

    def on_start(self):
        self.family = random.randint(1, FAMILIES)
        self.book = f"/families/{self.family}"
        self.sign_in(f"holder-{self.family}")
        Window.wait_for_everyone(self.environment)

    @task(4)
    def home(self):
        self.client.get(f"{self.book}/", name="home")

    @task(3)
    def story(self):
        self.client.get(f"{self.book}/story", name="story")

    @task(3)
    def timeline(self):
        self.client.get(f"{self.book}/timeline", name="timeline")

    @task(2)
    def plan(self):
        self.client.get(f"{self.book}/plan/", name="plan")

    def _an_event(self) -> int:
        page = self.client.get(f"{self.book}/timeline", name="timeline").text
        return int(random.choice(re.findall(rf"{self.book}/entries/(\d+)\"", page)))

    @task(1)
    def add_event(self):
        action = f"{self.book}/new/event"
        fields = form_fields(self.client.get(action, name="new event form").text, action)
        fields.update({"title": "Meeting at school", "date-day": "3", "date-month": "11",
                       "date-year": "2026", "event_type": "meeting", "details": "We went."})
        self.client.post(action, data=fields, name="add event")

    @task(1)
    def edit_event(self):
        action = f"{self.book}/entries/{self._an_event()}/edit"
        fields = form_fields(self.client.get(action, name="edit form").text, action)
        fields["who"] = f"Me and Rosa ({random.randint(1, 999)})"
        with self.client.post(action, data=fields, name="edit event",
                              catch_response=True) as response:
            # Two people editing the same field at once get the side-by-side page (409): the
            # portal working as designed, not an error.
            if response.status_code == 409:
                response.success()

    @task(1)
    def share_and_stop(self):
        action = f"{self.book}/entries/{self._an_event()}/sharing"
        page = self.client.get(action, name="sharing form").text
        fields = form_fields(page, action)
        if not fields.get("grantee"):  # the first person connected to the book is chosen
            return
        page = self.client.post(action, data=fields, name="share").text
        stops = re.findall(rf'action="({self.book}/grants/(\d+)/stop)"', page)
        if stops:
            newest = max(stops, key=lambda found: int(found[1]))[0]
            self.client.post(newest, data=form_fields(page, newest), name="stop sharing")


class ProfessionalUser(Signed):
    weight = 1

    def on_start(self):
        self.sign_in("pro-busy")
        Window.wait_for_everyone(self.environment)

    @task(1)
    def shared_with_me(self):
        self.client.get("/shared-with-me", name="shared with me")

    @task(3)
    def a_family(self):
        family = random.randint(1, 200)
        self.client.get(f"/families/{family}/", name="professional: family home")
        self.client.get(f"/families/{family}/timeline", name="professional: timeline")


class BareUser(HttpUser):
    wait_time = constant(0)

    def on_start(self):
        Window.wait_for_everyone(self.environment)

    @task
    def bare(self):
        self.client.get("/bare", name="bare route")


if MODE == "bare":
    del FamilyUser, ProfessionalUser
else:
    del BareUser
