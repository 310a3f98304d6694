-- Indexes for the public lists, partial on the statuses readers may see (the queries name
-- the same statuses, so the planner can use them). Each holds what its list sorts and
-- filters by, so a page is read in order and the scan stops at its LIMIT, whatever the
-- number of articles; the ids of deep pages come from the index alone.
DROP INDEX articles_public;
DROP INDEX articles_by_category;
DROP INDEX articles_by_author;
DROP INDEX articles_by_views;
CREATE INDEX articles_public ON articles (published_at DESC, id DESC)
    WHERE status IN ('published', 'scheduled');
CREATE INDEX articles_public_by_category ON articles (category_id, published_at DESC, id DESC)
    WHERE status IN ('published', 'scheduled');
CREATE INDEX articles_public_by_author ON articles (author_id, published_at DESC, id DESC)
    WHERE status IN ('published', 'scheduled');
CREATE INDEX articles_public_by_views ON articles (view_count DESC, id DESC, published_at)
    WHERE status IN ('published', 'scheduled');
CREATE INDEX articles_scheduled ON articles (published_at) WHERE status = 'scheduled';
