-- The reader's site: settings, authors, categories, tags, articles.

CREATE TABLE settings (
    key TEXT PRIMARY KEY NOT NULL,
    value TEXT NOT NULL
);

CREATE TABLE users (
    id INTEGER PRIMARY KEY,
    slug TEXT NOT NULL,
    display_name TEXT NOT NULL,
    email TEXT,
    bio TEXT NOT NULL DEFAULT '',
    role TEXT NOT NULL CHECK (role IN ('admin', 'editor', 'author', 'contributor')),
    password_hash TEXT,
    created_at TEXT NOT NULL,
    CONSTRAINT users_slug_key UNIQUE (slug)
);
CREATE UNIQUE INDEX users_email_key ON users (lower(email));

CREATE TABLE categories (
    id INTEGER PRIMARY KEY,
    slug TEXT NOT NULL,
    name TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    parent_id INTEGER REFERENCES categories (id) ON DELETE SET NULL,
    position INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT categories_slug_key UNIQUE (slug)
);
CREATE INDEX categories_parent ON categories (parent_id);

CREATE TABLE tags (
    id INTEGER PRIMARY KEY,
    slug TEXT NOT NULL,
    name TEXT NOT NULL,
    CONSTRAINT tags_slug_key UNIQUE (slug)
);

CREATE TABLE articles (
    id INTEGER PRIMARY KEY,
    slug TEXT NOT NULL,
    title TEXT NOT NULL,
    excerpt TEXT NOT NULL DEFAULT '',
    body_markdown TEXT NOT NULL,
    body_html TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('draft', 'scheduled', 'published', 'archived')),
    published_at TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    author_id INTEGER NOT NULL REFERENCES users (id),
    category_id INTEGER NOT NULL REFERENCES categories (id),
    featured_image TEXT,
    view_count INTEGER NOT NULL DEFAULT 0,
    comment_count INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT articles_slug_key UNIQUE (slug)
);
CREATE INDEX articles_public ON articles (status, published_at DESC, id DESC);
CREATE INDEX articles_by_category ON articles (category_id, status, published_at DESC, id DESC);
CREATE INDEX articles_by_author ON articles (author_id, status, published_at DESC, id DESC);
CREATE INDEX articles_by_views ON articles (view_count DESC, id DESC);

CREATE TABLE article_tags (
    article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    tag_id INTEGER NOT NULL REFERENCES tags (id) ON DELETE CASCADE,
    PRIMARY KEY (article_id, tag_id)
);
CREATE INDEX article_tags_by_tag ON article_tags (tag_id, article_id);
