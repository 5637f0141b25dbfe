"""What makes a password acceptable, after NIST SP 800-63B: at least 8 characters, not one that
is common or easily guessed, and no other rule (no "one capital, one digit, one symbol").

"Easily guessed" is zxcvbn's estimate: it knows the 30 000 most used passwords, common words and
names, keyboard runs ("qwertyuiop"), repeats ("xxxxxxxx", ten spaces), dates and the person's
own name; anything it could guess in under a million tries is refused.
"""

from zxcvbn import zxcvbn

MIN_PASSWORD_LENGTH = 8
# zxcvbn's score: 0 and 1 are guessed in fewer than a million tries.
GUESSABLE_BELOW = 2
# zxcvbn's work grows with the length; past this, the rest of a password only adds strength.
ESTIMATED_LENGTH = 64


def password_problem(password: str, known_words: tuple[str, ...] = ()) -> str | None:
    """Why this password will not do ("short", "spaces", "guessable"), or None if it will.
    `known_words` are the person's own username and name, which a guesser would try first."""
    if len(password) < MIN_PASSWORD_LENGTH:
        return "short"
    if not password.strip():
        return "spaces"
    words = [word for word in known_words if word]
    if zxcvbn(password[:ESTIMATED_LENGTH], user_inputs=words)["score"] < GUESSABLE_BELOW:
        return "guessable"
    return None
