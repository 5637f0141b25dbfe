"""The portal for gunicorn, plus one route that does nothing: the yardstick for bench/load.py.

/bare goes through the same app, hooks and headers as every page, but asks no database."""

from portal import create_app

app = create_app()
app.add_url_rule("/bare", "bare", lambda: "ok")
