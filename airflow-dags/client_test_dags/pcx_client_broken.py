"""A DAG file that cannot be imported, so the client's import-errors listing has one to find."""

from airflow.sdk import dag  # noqa: F401

this line is not Python
