"""Failure notifications of the partner-cx tasks, through Airflow's notifier mechanism.

Off until the Variable ``pcx_failure_email`` lists recipients (comma-separated): then every task
that fails for good (after its retries) sends one e-mail through the SMTP connection named by the
Variable ``pcx_smtp_conn_id`` (default: Airflow's ``[email] email_conn_id``, ``smtp_default``),
with the DAG, task, run, try, the error and the link to the log. The Variables are read when a task
fails, never when a DAG file is parsed.
"""

from __future__ import annotations

import html
from typing import Any

from airflow.providers.common.compat.notifier import BaseNotifier
from airflow.sdk import Variable

#: Recipients, comma-separated; unset or empty: no notifications.
RECIPIENTS_VARIABLE = "pcx_failure_email"
#: The SMTP connection to send through; unset: Airflow's default e-mail connection.
CONNECTION_VARIABLE = "pcx_smtp_conn_id"
#: The sender, when the connection names none.
SENDER_VARIABLE = "pcx_failure_email_from"


class PcxFailureNotifier(BaseNotifier):
    """Sends a failed task's summary by e-mail when ``pcx_failure_email`` is set."""

    template_fields = ()

    def notify(self, context: Any) -> None:
        recipients = [
            address.strip()
            for address in (Variable.get(RECIPIENTS_VARIABLE, default=None) or "").split(",")
            if address.strip()
        ]
        if not recipients:
            self.log.info("Failure notifications are off (the Variable %s is not set)", RECIPIENTS_VARIABLE)
            return
        from airflow.providers.smtp.notifications.smtp import SmtpNotifier

        subject, body = failure_message(context)
        SmtpNotifier(
            to=recipients,
            from_email=Variable.get(SENDER_VARIABLE, default=None),
            subject=subject,
            html_content=body,
            smtp_conn_id=Variable.get(CONNECTION_VARIABLE, default=None),
        ).notify(context)


def failure_message(context: Any) -> tuple[str, str]:
    """The subject and the HTML body of the e-mail about a failed task."""
    ti = context["ti"]
    where = f"{ti.dag_id}.{ti.task_id}" + (f"[{ti.map_index}]" if ti.map_index >= 0 else "")
    subject = f"partner-cx: {where} failed ({context['run_id']})"
    error = context.get("exception")
    rows = [
        ("DAG", ti.dag_id),
        ("task", where.split(".", 1)[1]),
        ("run", context["run_id"]),
        ("try", str(ti.try_number)),
        ("error", str(error) if error else "(none recorded)"),
        ("log", getattr(ti, "log_url", None) or "(see the Airflow UI)"),
    ]
    body = "<table>" + "".join(
        f"<tr><th align='left'>{html.escape(name)}</th><td><pre>{html.escape(value)}</pre></td></tr>"
        for name, value in rows
    )
    return subject, body + "</table>"
