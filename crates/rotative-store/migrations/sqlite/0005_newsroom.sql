-- The newsroom: every save of an article kept as a revision, and the old addresses of
-- articles whose slug or category changed (answered with a 301).

CREATE TABLE revisions (
    id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    title TEXT NOT NULL,
    excerpt TEXT NOT NULL DEFAULT '',
    body_markdown TEXT NOT NULL,
    saved_by INTEGER REFERENCES users (id) ON DELETE SET NULL,
    saved_at TEXT NOT NULL
);
CREATE INDEX revisions_by_article ON revisions (article_id, id DESC);

CREATE TABLE article_redirects (
    old_path TEXT PRIMARY KEY NOT NULL,
    article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE
);

-- The admin's list, newest change first.
CREATE INDEX articles_by_update ON articles (updated_at DESC, id DESC);
