"""Law, notice, manual and FAQ search."""
