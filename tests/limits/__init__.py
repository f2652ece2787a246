"""Engage's documented limits shared through a real redis-server by several processes."""
