-- Articles pinned at the top of the home page ("à la une"; WordPress's sticky posts).

ALTER TABLE articles ADD COLUMN sticky BOOLEAN NOT NULL DEFAULT FALSE;
CREATE INDEX articles_sticky ON articles (published_at DESC, id DESC) WHERE sticky;
