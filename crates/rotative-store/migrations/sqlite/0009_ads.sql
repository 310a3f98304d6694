-- Ad creatives (an image with a link, or a third-party snippet) and their daily counts.

CREATE TABLE ad_creatives (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('image', 'snippet')),
    -- An image creative: the library image, where a click leads, its text alternative.
    image TEXT NOT NULL DEFAULT '',
    link TEXT NOT NULL DEFAULT '',
    alt TEXT NOT NULL DEFAULT '',
    -- A snippet creative: its HTML and JavaScript, only ever shown in a sandboxed frame.
    snippet TEXT NOT NULL DEFAULT '',
    width INTEGER NOT NULL,
    height INTEGER NOT NULL,
    -- Space-separated zone names, and category ids (none: every page).
    zones TEXT NOT NULL,
    categories TEXT NOT NULL DEFAULT '',
    starts_at TEXT,
    ends_at TEXT,
    weight INTEGER NOT NULL CHECK (weight BETWEEN 1 AND 1000),
    active INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

-- Impressions and clicks per creative and day (the site's day, `YYYY-MM-DD`).
CREATE TABLE ad_stats (
    creative_id INTEGER NOT NULL REFERENCES ad_creatives (id) ON DELETE CASCADE,
    day TEXT NOT NULL,
    impressions INTEGER NOT NULL DEFAULT 0,
    clicks INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (creative_id, day)
);
CREATE INDEX ad_stats_by_day ON ad_stats (day);
