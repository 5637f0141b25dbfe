"""The set-up contract: migrations match the model, safe settings, and the commands work."""

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from portal import create_app
from portal.config import UnsafeConfiguration
from portal.schema import Base


def test_the_migrations_create_exactly_the_tables_the_model_describes(app):
    with app.extensions["db_engine"].connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, Base.metadata) == []


def test_production_refuses_the_default_secret(monkeypatch):
    monkeypatch.setenv("PORTAL_ENV", "production")
    monkeypatch.delenv("SECRET_KEY", raising=False)
    with pytest.raises(UnsafeConfiguration, match="SECRET_KEY"):
        create_app()


def test_production_refuses_demo_accounts(monkeypatch):
    monkeypatch.setenv("PORTAL_ENV", "production")
    monkeypatch.setenv("SECRET_KEY", "x" * 40)
    monkeypatch.setenv("DEMO_ACCOUNTS", "1")
    with pytest.raises(UnsafeConfiguration, match="Demo"):
        create_app()


def test_professionals_need_a_passkey_when_demo_accounts_are_off(app, book):
    from conftest import PASSWORD

    from record_book.accounts.accounts import authenticate

    with app.app_context():
        from portal.db import db

        assert authenticate(db(), "pat", PASSWORD, demo_mode=False) is None
        assert authenticate(db(), "pat", PASSWORD, demo_mode=True) is not None
        assert authenticate(db(), "sam", PASSWORD, demo_mode=False) is not None


def test_the_admin_commands_create_what_they_say(app):
    runner = app.test_cli_runner()
    result = runner.invoke(args=["create-organisation", "Riverside School"])
    assert result.exit_code == 0 and "Riverside School" in result.output
    again = runner.invoke(args=["create-organisation", "Riverside School"])
    assert again.exit_code != 0 and "already exists" in again.output
    admin = runner.invoke(args=["create-admin", "root", "--name", "Robin Admin"])
    assert admin.exit_code == 0 and "passkey" in admin.output


def test_seed_demo_loads_once(app):
    runner = app.test_cli_runner()
    assert "Loaded" in runner.invoke(args=["seed-demo", "--if-empty"]).output
    assert "was not loaded" in runner.invoke(args=["seed-demo", "--if-empty"]).output


def test_db_upgrade_is_safe_to_run_again(app):
    result = app.test_cli_runner().invoke(args=["db", "upgrade"])
    assert result.exit_code == 0, result.output
