"""Configuration: where the API lives, what may be sent to it, and the logger's switch."""
