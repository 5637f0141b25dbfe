from alembic import context

from portal.db import make_engine
from portal.schema import Base

config = context.config


def run_migrations_online() -> None:
    engine = make_engine(config.attributes["database_url"])
    with engine.connect() as connection:
        context.configure(connection=connection, target_metadata=Base.metadata,
                          render_as_batch=True, compare_type=True)
        with context.begin_transaction():
            context.run_migrations()
        connection.commit()
    engine.dispose()


run_migrations_online()
