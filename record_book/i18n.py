"""Marks text for translation without depending on Flask.

The domain names its labels and messages in English; the portal translates them at the moment it
shows them, in the reader's language. `pybabel extract` collects every string wrapped in `N_`.
"""


def N_(message: str) -> str:
    return message
