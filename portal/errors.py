"""Plain-words pages for things going wrong, never a stack trace."""

from flask import Flask, render_template
from flask_wtf.csrf import CSRFError


def init_app(app: Flask) -> None:
    @app.errorhandler(404)
    def _not_found(_error):
        return render_template("errors/not_found.html"), 404

    @app.errorhandler(CSRFError)
    def _expired_form(_error):
        return render_template("errors/form_expired.html"), 400

    @app.errorhandler(413)
    def _too_big(_error):
        return render_template("errors/too_big.html"), 413

    @app.errorhandler(500)
    def _broken(_error):
        return render_template("errors/broken.html"), 500
