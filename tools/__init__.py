"""Tool functions, one per user intent: authorisation, audit and formatting."""
