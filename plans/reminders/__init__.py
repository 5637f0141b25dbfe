"""Reminders that carry nothing from the book: a person who chose them is told by email or text
message that something is coming up (a meeting tomorrow, a plan step due in two days, a review,
a share ending), in words that never hold anything written in the book, nor a service's name.

`model` keeps each person's choice and every reminder sent; `due` works out what is coming up;
`sending` sends each once (a unique key per reminder), retrying with backoff; `channels` is the
one small interface behind which email (SMTP) and text messages (GOV.UK Notify) sit.
"""
