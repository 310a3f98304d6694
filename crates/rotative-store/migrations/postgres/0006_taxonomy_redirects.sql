-- The old slugs of renamed (or deleted) categories and tags, answered with a 301 to what
-- replaced them.

CREATE TABLE taxonomy_redirects (
    kind TEXT NOT NULL CHECK (kind IN ('category', 'tag')),
    old_slug TEXT NOT NULL,
    target_id BIGINT NOT NULL,
    PRIMARY KEY (kind, old_slug)
);
