"""GOV.UK Frontend in the portal: its Jinja macros beside our own templates.

Templates import them as "govuk_frontend_jinja/components/<name>/macro.html". The CSS and JS they
need are vendored in portal/static/govuk/ (make govuk-frontend).
"""

from flask import Flask
from jinja2 import ChoiceLoader, PackageLoader, PrefixLoader


def init_app(app: Flask) -> None:
    app.jinja_env.loader = ChoiceLoader([
        app.jinja_env.loader,
        PrefixLoader({"govuk_frontend_jinja": PackageLoader("govuk_frontend_jinja")}),
    ])
