-- Readers' comments, their moderation, and the moderators' block list.

ALTER TABLE articles ADD COLUMN comments_open INTEGER NOT NULL DEFAULT 1;

CREATE TABLE comments (
    id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    parent_id INTEGER REFERENCES comments (id) ON DELETE SET NULL,
    depth INTEGER NOT NULL DEFAULT 0,
    author_name TEXT NOT NULL,
    author_email TEXT NOT NULL DEFAULT '',
    author_url TEXT,
    body TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'spam', 'trash')),
    ip TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL
);
-- An article's thread, oldest first.
CREATE INDEX comments_by_article ON comments (article_id, status, created_at, id);
-- The moderation list, newest first, by state.
CREATE INDEX comments_by_status ON comments (status, created_at DESC, id DESC);
CREATE INDEX comments_by_date ON comments (created_at DESC, id DESC);
-- The rate limit and "approve known authors".
CREATE INDEX comments_by_ip ON comments (ip, created_at);
CREATE INDEX comments_by_email ON comments (author_email, status);
CREATE INDEX comments_parent ON comments (parent_id);

CREATE TABLE comment_blocks (
    kind TEXT NOT NULL CHECK (kind IN ('word', 'ip', 'email')),
    value TEXT NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (kind, value)
);
