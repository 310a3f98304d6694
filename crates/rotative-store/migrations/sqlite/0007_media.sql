-- Uploaded images: the original (re-encoded without its metadata) and its resized variants
-- live in the media storage under `{id}/`; this table describes them.

CREATE TABLE media (
    id INTEGER PRIMARY KEY,
    -- The file name's stem, as a slug, and the format's extension (jpg, png, webp, gif).
    name TEXT NOT NULL,
    ext TEXT NOT NULL,
    width INTEGER NOT NULL,
    height INTEGER NOT NULL,
    bytes INTEGER NOT NULL,
    alt TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('processing', 'ready', 'failed')),
    uploaded_by INTEGER REFERENCES users (id) ON DELETE SET NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX media_by_date ON media (created_at DESC, id DESC);
CREATE INDEX media_processing ON media (status) WHERE status = 'processing';
