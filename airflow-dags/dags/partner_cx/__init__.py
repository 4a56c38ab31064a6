"""Shared pieces of the partner-cx DAGs: the Spark job operator, settings, assets and periods.

Imported by the DAG files in the parent folder; kept out of DAG parsing by ``.airflowignore``.
Nothing here does I/O at import time.
"""
