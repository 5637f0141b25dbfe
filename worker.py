"""The booklet worker's entry point: `flask --app worker booklet-worker`."""

from portal import create_worker_app

app = create_worker_app()
