"""Ingest: read programme data files, validate them, quarantine bad rows, load good ones."""
