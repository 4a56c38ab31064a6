"""A minimal client of Airflow 3's REST API (/api/v2, JWT from /auth/token) for the tests."""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.parse
import urllib.request
from typing import Any

TERMINAL_RUN_STATES = {"success", "failed"}


class AirflowApiError(RuntimeError):
    pass


class AirflowApi:
    def __init__(self, base_url: str, username: str, password: str) -> None:
        self.base_url = base_url.rstrip("/")
        self._credentials = {"username": username, "password": password}
        self._token: str | None = None

    def _request(self, method: str, path: str, body: Any = None, auth: bool = True) -> Any:
        headers = {"Accept": "application/json"}
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            headers["Content-Type"] = "application/json"
        if auth:
            headers["Authorization"] = f"Bearer {self.token()}"
        request = urllib.request.Request(self.base_url + path, data=data, headers=headers, method=method)
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                text = response.read().decode()
        except urllib.error.HTTPError as error:
            raise AirflowApiError(
                f"{method} {path}: HTTP {error.code}: {error.read().decode()[:500]}"
            ) from None
        content_type = response.headers.get("Content-Type", "")
        return json.loads(text) if text and "json" in content_type else text

    def token(self) -> str:
        """A JWT for the API: POST /auth/token with the user's name and password."""
        if self._token is None:
            self._token = self._request("POST", "/auth/token", self._credentials, auth=False)["access_token"]
        return self._token

    def health(self) -> dict:
        return self._request("GET", "/api/v2/monitor/health", auth=False)

    def import_errors(self) -> list[dict]:
        return self._request("GET", "/api/v2/importErrors")["import_errors"]

    def dag(self, dag_id: str) -> dict:
        return self._request("GET", f"/api/v2/dags/{dag_id}")

    def set_paused(self, dag_id: str, paused: bool) -> None:
        self._request("PATCH", f"/api/v2/dags/{dag_id}", {"is_paused": paused})

    def set_variable(self, key: str, value: str) -> None:
        """Creates or replaces the Airflow Variable ``key``."""
        try:
            self._request("DELETE", f"/api/v2/variables/{key}")
        except AirflowApiError:
            pass  # there was none
        self._request("POST", "/api/v2/variables", {"key": key, "value": value})

    def delete_variable(self, key: str) -> None:
        self._request("DELETE", f"/api/v2/variables/{key}")

    def trigger(self, dag_id: str, run_id: str, logical_date: str, conf: dict) -> dict:
        body = {"dag_run_id": run_id, "logical_date": logical_date, "conf": conf}
        return self._request("POST", f"/api/v2/dags/{dag_id}/dagRuns", body)

    def delete_runs_on(self, dag_id: str, logical_date: str) -> None:
        """Deletes the DAG's runs for a logical date (a DAG has at most one run per logical date)."""
        query = urllib.parse.urlencode({"logical_date_gte": logical_date, "logical_date_lte": logical_date})
        for run in self._request("GET", f"/api/v2/dags/{dag_id}/dagRuns?{query}")["dag_runs"]:
            self._request("DELETE", f"/api/v2/dags/{dag_id}/dagRuns/{run['dag_run_id']}")

    def asset_id(self, uri: str) -> int:
        query = urllib.parse.urlencode({"uri_pattern": uri})
        matches = [a for a in self._request("GET", f"/api/v2/assets?{query}")["assets"] if a["uri"] == uri]
        if not matches:
            raise AirflowApiError(f"no asset {uri} is known to Airflow")
        return matches[0]["id"]

    def create_asset_event(self, uri: str, extra: dict) -> dict:
        return self._request(
            "POST", "/api/v2/assets/events", {"asset_id": self.asset_id(uri), "extra": extra}
        )

    def queued_asset_events(self, dag_id: str) -> list[dict]:
        return self._request("GET", f"/api/v2/dags/{dag_id}/assets/queuedEvents")["queued_events"]

    def delete_queued_asset_events(self, dag_id: str) -> None:
        self._request("DELETE", f"/api/v2/dags/{dag_id}/assets/queuedEvents")

    def dag_run(self, dag_id: str, run_id: str) -> dict:
        return self._request("GET", f"/api/v2/dags/{dag_id}/dagRuns/{run_id}")

    def task_instances(self, dag_id: str, run_id: str) -> list[dict]:
        return self._request("GET", f"/api/v2/dags/{dag_id}/dagRuns/{run_id}/taskInstances")["task_instances"]

    def task_log(self, dag_id: str, run_id: str, ti: dict) -> str:
        """The text of a task instance's latest try."""
        query = urllib.parse.urlencode({"map_index": ti["map_index"], "full_content": "true"})
        task = f"/api/v2/dags/{dag_id}/dagRuns/{run_id}/taskInstances/{ti['task_id']}"
        path = f"{task}/logs/{ti['try_number']}?{query}"
        content = self._request("GET", path).get("content", [])
        return "\n".join(
            entry.get("event", "") if isinstance(entry, dict) else str(entry) for entry in content
        )

    def wait_for_dag(self, dag_id: str, timeout: float) -> dict:
        """Waits until the DAG processor has parsed the DAG."""
        deadline = time.monotonic() + timeout
        while True:
            try:
                return self.dag(dag_id)
            except AirflowApiError as error:
                if "HTTP 404" not in str(error) or time.monotonic() > deadline:
                    raise
            time.sleep(2)

    def wait_for_run(
        self, dag_id: str, run_id: str, timeout: float, poll: float = 5
    ) -> tuple[dict, list[dict]]:
        """Waits until the run ends or one of its tasks fails or waits for a retry.

        Returns the run and its task instances. Stopping at the first failed try keeps a broken
        run from sitting through the retry back-off.
        """
        deadline = time.monotonic() + timeout
        while True:
            run = self.dag_run(dag_id, run_id)
            tasks = self.task_instances(dag_id, run_id)
            if run["state"] in TERMINAL_RUN_STATES or any(
                t["state"] in ("failed", "up_for_retry") for t in tasks
            ):
                return run, tasks
            if time.monotonic() > deadline:
                states = {t["task_id"]: t["state"] for t in tasks}
                raise TimeoutError(
                    f"{dag_id} run {run_id} still {run['state']} after {timeout:.0f}s: {states}"
                )
            time.sleep(poll)
