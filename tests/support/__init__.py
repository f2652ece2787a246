"""What several test modules share: loopback servers, and where secrets may leak."""
