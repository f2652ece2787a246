"""The mirror's change log into a warehouse through dlt: exactly once, through kills, gaps and full reloads."""
