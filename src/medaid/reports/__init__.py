"""Renderers: documents and spreadsheets made from results, never retyped."""
