"""Local times (`pexip_engage_client.times`, the models' `starts_at`/`ends_at`) on every DST transition of a decade."""
