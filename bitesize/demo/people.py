"""The named demo people. Tests use the same cast: alice the mentor, bob the mentee,
charlie the outsider, dana the organisation's admin."""

from __future__ import annotations

DEMO_PASSWORD = "bitesize-demo"  # noqa: S105 - a published demo password, local data only
DEMO_DOMAIN = "demo.bitesize.local"

DEMO_LOGINS: tuple[tuple[str, str], ...] = (
    ("mentor", f"alice@{DEMO_DOMAIN}"),
    ("mentee", f"bob@{DEMO_DOMAIN}"),
    ("org admin", f"dana@{DEMO_DOMAIN}"),
    ("operator", f"admin@{DEMO_DOMAIN}"),
)
