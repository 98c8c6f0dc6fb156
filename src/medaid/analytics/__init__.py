"""Analytics over the workspace store: registry, verification, warnings, metrics."""
