"""The invented demo family (placeholder until the full demo lands)."""


def load(session) -> None:
    raise NotImplementedError
