"""Headers on every response, CSRF on every form, and no caching of anything from a book."""

from flask import Flask, request
from flask_wtf.csrf import CSRFProtect, generate_csrf
from markupsafe import Markup

from portal.once import token_field
from record_book import policy

csrf = CSRFProtect()

CONTENT_SECURITY_POLICY = "; ".join([
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
])


def form_tokens() -> Markup:
    """The hidden fields every form carries: written once here, so every form gets them all."""
    return Markup('<input type="hidden" name="csrf_token" value="{}">').format(
        generate_csrf()) + token_field()


def init_app(app: Flask) -> None:
    csrf.init_app(app)
    app.jinja_env.globals["form_tokens"] = form_tokens
    # Pages ask the one policy what to offer, as views do.
    app.jinja_env.globals["policy"] = policy

    @app.after_request
    def _headers(response):
        # A letter or photo served as a file brings its own, stricter policy (a sandbox).
        response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        response.headers["X-Frame-Options"] = "DENY"
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        response.headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()"
        if request.is_secure:
            response.headers["Strict-Transport-Security"] = "max-age=31536000; includeSubDomains"
        if not request.path.startswith("/static/"):
            # A shared phone's back button must not bring a family's pages back.
            response.headers["Cache-Control"] = "no-store"
        return response
