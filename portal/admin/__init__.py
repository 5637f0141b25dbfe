"""The portal admin's pages: accounts, organisations and local words."""
