-- Accounts: server-side sessions (any node can check them) and failed logins (the rate
-- limit, shared by every node).

CREATE TABLE sessions (
    -- The SHA-256 of the token the cookie holds: a stolen database holds no usable token.
    id TEXT PRIMARY KEY NOT NULL,
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
);
CREATE INDEX sessions_by_user ON sessions (user_id);
CREATE INDEX sessions_by_expiry ON sessions (expires_at);

CREATE TABLE login_failures (
    id INTEGER PRIMARY KEY,
    -- `account:{email}` or `ip:{address}`.
    scope TEXT NOT NULL,
    at TEXT NOT NULL
);
CREATE INDEX login_failures_by_scope ON login_failures (scope, at);
