"""Policy parameters: dated YAML per region (contract 4) and the rules that read them."""
