"""The one small interface reminders are sent through, and the two ways it is met: email over
SMTP, and text messages through GOV.UK Notify. Another provider is another class with `send`.
"""

import smtplib
from dataclasses import dataclass
from email.message import EmailMessage
from typing import Protocol

from notifications_python_client.errors import HTTPError
from notifications_python_client.notifications import NotificationsAPIClient


class Undeliverable(Exception):
    """The address or number cannot be reached (bounced, not a real number): trying again will
    not help, and the person should be told."""


class TryLater(Exception):
    """The provider could not take it now (down, too busy): try again later."""


class Channel(Protocol):
    def send(self, to: str, subject: str, body: str) -> str | None:
        """Send it; return the provider's id for it, if it gives one."""

    def bounced(self, provider_id: str) -> bool | None:
        """Whether it could never reach the person (True), did (False), or is not known yet."""


@dataclass(frozen=True)
class Email:
    host: str
    port: int = 587
    starttls: bool = True
    user: str = ""
    password: str = ""
    sender: str = "no-reply@localhost"

    def send(self, to: str, subject: str, body: str) -> str | None:
        message = EmailMessage()
        message["Subject"], message["From"], message["To"] = subject, self.sender, to
        message.set_content(body)
        try:
            with smtplib.SMTP(self.host, self.port, timeout=30) as smtp:
                if self.starttls:
                    smtp.starttls()
                if self.user:
                    smtp.login(self.user, self.password)
                smtp.send_message(message)
        except smtplib.SMTPRecipientsRefused as refused:
            raise Undeliverable(str(refused)) from refused
        except (smtplib.SMTPException, OSError) as failed:
            raise TryLater(str(failed)) from failed
        return None

    def bounced(self, provider_id: str) -> bool | None:
        # A bounce comes back as an email to SMTP_FROM, not to this portal.
        return None


@dataclass(frozen=True)
class Notify:
    """GOV.UK Notify. Its template holds only `((body))`, so the words are ours (and say
    nothing); the service's sender name should be a plain number, not the service's name."""

    api_key: str
    template_id: str
    base_url: str = "https://api.notifications.service.gov.uk"

    def _client(self) -> NotificationsAPIClient:
        return NotificationsAPIClient(self.api_key, base_url=self.base_url, timeout=20)

    def send(self, to: str, subject: str, body: str) -> str | None:
        try:
            sent = self._client().send_sms_notification(
                phone_number=to, template_id=self.template_id, personalisation={"body": body})
        except HTTPError as failed:
            # Notify answers 400 for a number it will never reach; 429 and 5xx are for later.
            if failed.status_code == 400:
                raise Undeliverable(str(failed)) from failed
            raise TryLater(str(failed)) from failed
        return sent.get("id")

    def bounced(self, provider_id: str) -> bool | None:
        """Notify's last word on a text: "permanent-failure" is a number that does not exist
        or cannot take texts; "delivered" reached it; anything else is still on its way."""
        try:
            status = self._client().get_notification_by_id(provider_id).get("status")
        except HTTPError:
            return None
        return {"permanent-failure": True, "delivered": False}.get(status)
