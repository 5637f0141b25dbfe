"""The web adapter: turns requests into record-book calls and results into pages."""

import os

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

from portal import config as settings


def _configured(config: dict | None) -> Flask:
    app = Flask(__name__, instance_path=os.environ.get("INSTANCE_PATH") or None)
    app.config.update(settings.from_environment(app.instance_path))
    app.config.update(config or {})
    if app.config.get("TESTING") and "RATELIMIT_ENABLED" not in (config or {}):
        # Tests sign in hundreds of times from one address; the rate-limit tests switch it on.
        app.config["RATELIMIT_ENABLED"] = False
    settings.check(app.config)
    os.makedirs(app.instance_path, exist_ok=True)
    return app


def create_worker_app(config: dict | None = None) -> Flask:
    """The booklet worker's app (`flask --app worker booklet-worker`): the settings, the
    database and the worker's command, none of the pages. The pages' libraries (passkeys,
    password strength, migrations, calendar files, reminders) would make every worker some
    50 MB bigger for code it never runs."""
    app = _configured(config)
    from portal import booklet_worker, db

    db.init_app(app)
    booklet_worker.register_command(app)
    return app


def create_app(config: dict | None = None) -> Flask:
    app = _configured(config)
    # Before any blueprint: their routes are read with it.
    from portal import routing

    routing.init_app(app)

    from portal import (
        book,
        db,
        errors,
        first_pages,
        frame,
        govuk,
        health,
        language,
        language_reviews,
        once,
        presenters,
        rate_limits,
        reminders,
        request_log,
        security,
        typed_text,
        uploads,
    )
    from portal.accounts import auth, drafts, joining, passkeys, sessions
    from portal.admin import glossary as glossary_admin
    from portal.admin import pages as admin
    from portal.cli import register_commands
    from portal.contributions import blueprint as contributions
    from portal.directory import manage as directory_manage
    from portal.directory import pages as directory
    from portal.meetings import pages as meetings
    from portal.plan import pages as plans
    from portal.sharing import leads, notices, professional
    from portal.sharing import pages as sharing

    request_log.init_app(app)
    db.init_app(app)
    language.init_app(app)
    govuk.init_app(app)
    frame.init_app(app)
    first_pages.init_app(app)
    uploads.init_app(app)
    typed_text.init_app(app)
    security.init_app(app)
    auth.init_app(app)
    presenters.init_app(app)
    errors.init_app(app)
    app.register_blueprint(book.blueprint)
    app.register_blueprint(sharing.blueprint)
    app.register_blueprint(leads.blueprint)
    app.register_blueprint(contributions)
    plans.init_app(app)
    app.register_blueprint(meetings.blueprint)
    app.register_blueprint(professional.blueprint)
    sessions.init_app(app)
    drafts.init_app(app)
    app.register_blueprint(passkeys.blueprint)
    app.register_blueprint(joining.blueprint)
    app.register_blueprint(admin.blueprint)
    notices.init_app(app)
    reminders.init_app(app)
    app.register_blueprint(glossary_admin.blueprint)
    app.register_blueprint(language_reviews.blueprint)
    app.register_blueprint(directory.blueprint)
    app.register_blueprint(directory_manage.blueprint)
    app.register_blueprint(health.blueprint)
    # After every blueprint: it wraps the views of sign-in, recovery and invitation codes.
    rate_limits.init_app(app)
    register_commands(app)
    admin.register_commands(app)
    # Last: the request's one commit runs straight after the view, and only the receipt of a
    # form's one-time token is written before it.
    db.init_unit_of_work(app)
    once.init_app(app)
    if app.config["PROXY_FIX"]:
        hops = app.config["PROXY_FIX"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops)
    return app
