"""依申请救助: a case from its application to its payment (issue 15).

``workflow`` says which action moves a case from which state to which, who may take it and what
it needs; ``model`` holds what an application records; ``ledger`` writes cases, their documents
and their history to the app database (``store.cases``), each transition with its audit-trail
entry; ``records`` is a stored case as the services hand it out. ``eligibility``, ``deadlines`` and
``calendar`` compute what the steps need from the data and the region's policy (the high-cost
warning rule is ``analytics.warning_rule``); the other modules here build on cases (follow-up
visits, retroactive assistance). Decisions: docs/decisions/0022-cases-workflow.md.
"""
