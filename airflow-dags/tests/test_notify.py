"""Failure e-mails: off by default, and sent through a real SMTP exchange when configured."""

from __future__ import annotations

import json
import socketserver
import threading
from email import message_from_bytes
from email.header import decode_header, make_header
from types import SimpleNamespace

import pytest

from partner_cx import notify
from partner_cx.jobs import DEFAULT_ARGS
from partner_cx.notify import PcxFailureNotifier


class _Smtp(socketserver.StreamRequestHandler):
    """Just enough of RFC 5321 for smtplib: greets, accepts one message, stores it."""

    def reply(self, line: str) -> None:
        self.wfile.write(f"{line}\r\n".encode())

    def handle(self) -> None:
        self.reply("220 pcx-test ESMTP")
        envelope = {"to": []}
        while line := self.rfile.readline().decode().rstrip("\r\n"):
            verb = line.split(" ", 1)[0].upper()
            if verb == "EHLO":
                self.reply("250 pcx-test")
            elif verb in ("HELO", "RSET", "NOOP"):
                self.reply("250 OK")
            elif verb == "MAIL":
                envelope["from"] = line.split(":", 1)[1].strip(" <>")
                self.reply("250 OK")
            elif verb == "RCPT":
                envelope["to"].append(line.split(":", 1)[1].strip(" <>"))
                self.reply("250 OK")
            elif verb == "DATA":
                self.reply("354 end with <CRLF>.<CRLF>")
                data = []
                while (chunk := self.rfile.readline()) not in (b".\r\n", b".\n", b""):
                    data.append(chunk)
                self.server.messages.append((envelope, message_from_bytes(b"".join(data))))
                self.reply("250 queued")
            elif verb == "QUIT":
                self.reply("221 bye")
                return
            else:
                self.reply("502 not implemented")


@pytest.fixture
def smtp_server(monkeypatch):
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), _Smtp)
    server.messages = []
    threading.Thread(target=server.serve_forever, daemon=True).start()
    host, port = server.server_address
    monkeypatch.setenv(
        "AIRFLOW_CONN_PCX_TEST_SMTP",
        json.dumps(
            {
                "conn_type": "smtp",
                "host": host,
                "port": port,
                "extra": {"disable_tls": True, "disable_ssl": True, "from_email": "airflow@brand.test"},
            }
        ),
    )
    yield server
    server.shutdown()
    server.server_close()


def failed_task_context() -> dict:
    ti = SimpleNamespace(
        dag_id="partner_cx_nightly",
        task_id="quality_gate.gate",
        map_index=-1,
        try_number=1,
        log_url="http://airflow/log/1",
    )
    return {
        "ti": ti,
        "run_id": "scheduled__2026-07-02T00:00:00+00:00",
        "exception": RuntimeError("pcx gate: fixit_jobs 2026-07-02: 19 of 19 rows rejected <100%>"),
    }


def test_every_task_carries_the_notifier():
    assert any(isinstance(c, PcxFailureNotifier) for c in DEFAULT_ARGS["on_failure_callback"])


def test_without_recipients_nothing_is_sent(smtp_server, monkeypatch):
    monkeypatch.delenv("AIRFLOW_VAR_PCX_FAILURE_EMAIL", raising=False)
    monkeypatch.setenv("AIRFLOW_VAR_PCX_SMTP_CONN_ID", "pcx_test_smtp")
    PcxFailureNotifier().notify(failed_task_context())
    assert smtp_server.messages == []


def test_a_failed_task_is_mailed_to_every_recipient(smtp_server, monkeypatch):
    monkeypatch.setenv("AIRFLOW_VAR_PCX_FAILURE_EMAIL", "data-eng@brand.test, oncall@brand.test")
    monkeypatch.setenv("AIRFLOW_VAR_PCX_SMTP_CONN_ID", "pcx_test_smtp")
    PcxFailureNotifier().notify(failed_task_context())
    assert len(smtp_server.messages) == 1
    envelope, message = smtp_server.messages[0]
    assert envelope["from"] == "airflow@brand.test"
    assert sorted(envelope["to"]) == ["data-eng@brand.test", "oncall@brand.test"]
    subject = str(make_header(decode_header(message["Subject"])))
    assert (
        subject
        == "partner-cx: partner_cx_nightly.quality_gate.gate failed (scheduled__2026-07-02T00:00:00+00:00)"
    )
    html = next(part for part in message.walk() if part.get_content_type() == "text/html")
    body = html.get_payload(decode=True).decode()
    assert "19 of 19 rows rejected &lt;100%&gt;" in body
    assert "http://airflow/log/1" in body


def test_the_message_names_a_mapped_task_with_its_index():
    context = failed_task_context()
    context["ti"].map_index = 2
    subject, _ = notify.failure_message(context)
    assert "quality_gate.gate[2] failed" in subject
