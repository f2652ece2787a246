"""The one-shot sender (`http_backend="one-shot"`, the command line's): loaded only when a client asks for it."""
