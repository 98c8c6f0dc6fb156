"""Where data lives: the workspace's analytics store (DuckDB) and its key ring."""
