"""The web adapter: turns requests into record-book calls and results into pages."""

import os

from flask import Flask

from . import config as settings


def create_app(config: dict | None = None) -> Flask:
    app = Flask(__name__, instance_path=os.environ.get("INSTANCE_PATH") or None)
    app.config.update(settings.from_environment(app.instance_path))
    app.config.update(config or {})
    settings.check(app.config)
    os.makedirs(app.instance_path, exist_ok=True)

    from . import auth, book, db, errors, language, presenters, security
    from .cli import register_commands

    db.init_app(app)
    language.init_app(app)
    security.init_app(app)
    auth.init_app(app)
    presenters.init_app(app)
    errors.init_app(app)
    app.register_blueprint(book.blueprint)
    register_commands(app)
    return app
