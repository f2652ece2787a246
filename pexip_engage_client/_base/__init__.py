"""What every other room of the client stands on; nothing here imports another room."""
