"""A Spark standalone cluster on 127.0.0.1 from the venv's pyspark: one master, one worker.

The master also serves the REST submission gateway, which cluster deploy mode and the Spark
provider's driver-status polling use. Each daemon runs in its own process group and is stopped
with it; the logs stay in the cluster's folder for a failing test to show.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import pyspark


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class StandaloneCluster:
    """Master and worker daemons under ``home`` (work dirs, logs, event logs)."""

    home: Path
    worker_cores: int = 2
    worker_memory: str = "10g"
    master_port: int = field(default_factory=free_port)
    rest_port: int = field(default_factory=free_port)
    ui_port: int = field(default_factory=free_port)
    worker_ui_port: int = field(default_factory=free_port)
    _processes: list[subprocess.Popen] = field(default_factory=list)

    @property
    def spark_home(self) -> Path:
        return Path(pyspark.__file__).parent

    @property
    def master_url(self) -> str:
        return f"spark://127.0.0.1:{self.master_port}"

    @property
    def rest_url(self) -> str:
        """The REST submission gateway, the master URL for cluster deploy mode."""
        return f"spark://127.0.0.1:{self.rest_port}"

    @property
    def event_log_dir(self) -> Path:
        return self.home / "events"

    def env(self) -> dict[str, str]:
        env = dict(os.environ)
        env.update(
            SPARK_HOME=str(self.spark_home),
            SPARK_LOCAL_IP="127.0.0.1",
            SPARK_WORKER_DIR=str(self.home / "work"),
            SPARK_LOG_DIR=str(self.home / "logs"),
        )
        return env

    def _daemon(self, name: str, *args: str, opts: str = "") -> None:
        env = self.env()
        if opts:
            env["SPARK_DAEMON_JAVA_OPTS"] = opts
        log = open(self.home / f"{name}.log", "wb")  # noqa: SIM115 - kept open for the daemon's life
        process = subprocess.Popen(
            [str(self.spark_home / "bin/spark-class"), *args],
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self._processes.append(process)

    def status(self) -> dict:
        with urllib.request.urlopen(f"http://127.0.0.1:{self.ui_port}/json/", timeout=5) as answer:
            return json.load(answer)

    def start(self, timeout: float = 180) -> StandaloneCluster:
        for folder in ("work", "logs", "events"):
            (self.home / folder).mkdir(parents=True, exist_ok=True)
        self._daemon(
            "master",
            "org.apache.spark.deploy.master.Master",
            "--host",
            "127.0.0.1",
            "--port",
            str(self.master_port),
            "--webui-port",
            str(self.ui_port),
            opts=f"-Dspark.master.rest.enabled=true -Dspark.master.rest.port={self.rest_port}",
        )
        self._daemon(
            "worker",
            "org.apache.spark.deploy.worker.Worker",
            "--host",
            "127.0.0.1",
            "--cores",
            str(self.worker_cores),
            "--memory",
            self.worker_memory,
            "--webui-port",
            str(self.worker_ui_port),
            self.master_url,
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for process in self._processes:
                if process.poll() is not None:
                    raise RuntimeError(f"a Spark daemon exited ({process.args[1]}):\n{self.logs()}")
            try:
                if self.status().get("aliveworkers", 0) >= 1:
                    return self
            except OSError:
                pass
            time.sleep(1)
        raise TimeoutError(f"no worker registered with {self.master_url} in {timeout:.0f} s:\n{self.logs()}")

    def logs(self, lines: int = 40) -> str:
        shown = []
        for log in sorted(self.home.glob("*.log")):
            tail = log.read_text(errors="replace").splitlines()[-lines:]
            shown.append(f"--- {log.name}\n" + "\n".join(tail))
        return "\n".join(shown)

    def driver_logs(self, lines: int = 60) -> str:
        """The output of drivers that ran on the worker (cluster deploy mode)."""
        shown = []
        for output in sorted((self.home / "work").glob("driver-*/std*")):
            tail = output.read_text(errors="replace").splitlines()[-lines:]
            shown.append(f"--- {output.parent.name}/{output.name}\n" + "\n".join(tail))
        return "\n".join(shown)

    def stop(self) -> None:
        for process in reversed(self._processes):
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        for process in self._processes:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
