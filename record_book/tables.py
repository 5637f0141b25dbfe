"""Every table of the portal, so that migrations and tests see the whole schema."""

from plans import model as plan_model  # noqa: F401
from . import credential_model, directory_model, model, sharing_model  # noqa: F401
from .model import Base  # noqa: F401
