-- What an import from WordPress remembers.
--
-- wordpress_ids: which local row each WordPress id became (kind: author, category, tag,
-- post, comment, attachment), so that importing the same file again updates instead of
-- duplicating; version is the WordPress modification date of a post, to skip what did not
-- change.
-- legacy_urls: the old addresses (a permalink path, or a query such as ?p=12) and where
-- they now live: an article (followed through later renames) or a fixed path.

CREATE TABLE wordpress_ids (
    kind TEXT NOT NULL,
    wp_id TEXT NOT NULL,
    local_id BIGINT NOT NULL,
    version TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (kind, wp_id)
);

CREATE TABLE legacy_urls (
    path TEXT PRIMARY KEY NOT NULL,
    article_id BIGINT REFERENCES articles (id) ON DELETE CASCADE,
    target TEXT NOT NULL DEFAULT ''
);
