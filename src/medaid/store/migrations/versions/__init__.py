"""Revisions of the app database, one file each, in order."""
