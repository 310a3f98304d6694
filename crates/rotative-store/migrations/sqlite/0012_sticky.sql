-- Articles pinned at the top of the home page ("à la une"; WordPress's sticky posts).

ALTER TABLE articles ADD COLUMN sticky INTEGER NOT NULL DEFAULT 0;
CREATE INDEX articles_sticky ON articles (published_at DESC, id DESC) WHERE sticky;
