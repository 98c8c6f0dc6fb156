"""Satisfaction and awareness surveys: questionnaires, responses as survey tools export
them, rates with their uncertainty, and whether a sample can support them."""
