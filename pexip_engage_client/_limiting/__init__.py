"""The API's limits and the governor that keeps them, in this process or shared through Redis or PostgreSQL."""
