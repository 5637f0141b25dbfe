"""Stand-ins for the world reminders go out to, on 127.0.0.1: a real SMTP server (aiosmtpd) and
an HTTP server that checks each request against what GOV.UK Notify expects of a text message
(a JWT signed with the key's secret naming the service, and the JSON of /v2/notifications/sms)."""

import json
import socket
import threading
import uuid
from email import message_from_bytes
from email.policy import default
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import jwt
from aiosmtpd.controller import Controller

SERVICE_ID, SECRET = str(uuid.uuid4()), str(uuid.uuid4())
API_KEY = f"reminders_test-{SERVICE_ID}-{SECRET}"
TEMPLATE_ID = str(uuid.uuid4())


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Mailbox:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(message_from_bytes(envelope.content, policy=default))
        return "250 OK"


class SmtpServer:
    def __init__(self):
        self.mailbox = Mailbox()
        self.port = free_port()
        self.controller = Controller(self.mailbox, hostname="127.0.0.1", port=self.port)

    def __enter__(self):
        self.controller.start()
        return self

    def __exit__(self, *_exc):
        self.controller.stop()


class NotifyServer:
    """Answers like Notify: 201 for a good request, 400 for a number it cannot reach, 500 once
    for a number marked flaky; asked later about a text, "permanent-failure" for a number that
    bounces later, else "delivered". Anything not shaped as Notify expects is a failed test."""

    def __init__(self, unreachable=(), flaky=(), bounces_later=()):
        self.texts, self.problems, self.numbers = [], [], {}
        self.unreachable, self.flaky = set(unreachable), set(flaky)
        self.bounces_later = set(bounces_later)
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *_args):
                pass

            def do_POST(self):
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                server.check(self.path, self.headers, body)
                number = body.get("phone_number")
                if number in server.flaky:
                    server.flaky.discard(number)
                    return self._answer(500, {"errors": [{"error": "Exception"}]})
                if number in server.unreachable:
                    return self._answer(400, {"status_code": 400, "errors": [
                        {"error": "ValidationError", "message": "phone_number Not a UK mobile"}]})
                server.texts.append(body)
                made = str(uuid.uuid4())
                server.numbers[made] = number
                self._answer(201, {"id": made, "reference": None,
                                   "content": {"body": body["personalisation"]["body"],
                                               "from_number": "07700900000"},
                                   "uri": "x", "template": {"id": TEMPLATE_ID, "version": 1,
                                                            "uri": "x"}})

            def do_GET(self):
                server.check_token(self.headers)
                made = self.path.removeprefix("/v2/notifications/")
                if made not in server.numbers:
                    return self._answer(404, {"errors": [{"error": "NoResultFound"}]})
                number = server.numbers[made]
                self._answer(200, {"id": made, "phone_number": number, "type": "sms",
                                   "status": "permanent-failure"
                                   if number in server.bounces_later else "delivered"})

            def _answer(self, status, payload):
                data = json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", free_port()), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"

    def check_token(self, headers):
        kind, _space, token = headers.get("Authorization", "").partition(" ")
        try:
            claims = jwt.decode(token, SECRET, algorithms=["HS256"])
            assert kind == "Bearer" and claims["iss"] == SERVICE_ID and "iat" in claims
        except (AssertionError, KeyError, jwt.PyJWTError) as wrong:
            self.problems.append(repr(wrong))

    def check(self, path, headers, body):
        self.check_token(headers)
        try:
            assert path == "/v2/notifications/sms"
            assert headers["Content-Type"] == "application/json"
            assert set(body) <= {"phone_number", "template_id", "personalisation", "reference",
                                 "sms_sender_id"}
            assert body["template_id"] == TEMPLATE_ID and body["phone_number"].startswith("+44")
            assert set(body["personalisation"]) == {"body"}
        except (AssertionError, KeyError, jwt.PyJWTError) as wrong:
            self.problems.append(repr(wrong))

    def __enter__(self):
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *_exc):
        self.httpd.shutdown()
        self.httpd.server_close()
