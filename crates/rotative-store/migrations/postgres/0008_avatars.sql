-- A face for each author, from the media library (a path under /media/).

ALTER TABLE users ADD COLUMN avatar TEXT;
