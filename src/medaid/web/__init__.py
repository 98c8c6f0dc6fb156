"""The web application (``medaid serve DIR``): pages in Chinese and their JSON twins under ``/api/``.

A thin face, like the CLI: each route authenticates, checks the role's right, calls one service and
renders its result. No business logic lives here (DESIGN, "Layers").
"""
