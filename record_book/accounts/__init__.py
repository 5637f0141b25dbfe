"""People's accounts and their ways in: passwords, passkeys, recovery codes, invitations."""
