-- The language of an article when it is not the site's (an Arabic article in a French
-- site): a locale code (`ar`, `fr`, `en`); NULL for the site's language.

ALTER TABLE articles ADD COLUMN lang TEXT;
