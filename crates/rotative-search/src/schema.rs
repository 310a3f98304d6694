//! The fields of the index. Text fields are analysed with the site language's analysers
//! (whose names are in the schema, so an index built for another language does not match).

use crate::analysis::Language;
use tantivy::schema::{
    FAST, Field, INDEXED, IndexRecordOption, STORED, Schema, TextFieldIndexing, TextOptions,
};

/// The fields, by role.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Fields {
    /// The article's id: indexed (to replace or delete it), fast (to read it from a hit).
    pub id: Field,
    /// Its publication time, Unix seconds: filters and the recency tie-break.
    pub published_at: Field,
    /// Its category's id, for the category filter.
    pub category: Field,
    /// Searchable and stored (for highlighting).
    pub title: Field,
    pub excerpt: Field,
    pub body: Field,
    /// Searchable only.
    pub tags: Field,
    pub author: Field,
    /// Every word of the article, unstemmed: the vocabulary "did you mean" draws from.
    pub spelling: Field,
}

/// The names of the fields searched by default, with their boosts.
pub(crate) const SEARCHED: [(&str, f32); 5] = [
    ("title", 3.0),
    ("tags", 2.0),
    ("author", 2.0),
    ("excerpt", 1.5),
    ("body", 1.0),
];

/// The schema of an index for `language`.
pub(crate) fn schema(language: Language) -> Schema {
    let words = TextFieldIndexing::default()
        .set_tokenizer(&language.words_tokenizer())
        .set_index_option(IndexRecordOption::WithFreqsAndPositions);
    let searched = TextOptions::default().set_indexing_options(words.clone());
    let shown = searched.clone().set_stored();
    let spelling = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(&language.spelling_tokenizer())
            .set_index_option(IndexRecordOption::Basic)
            .set_fieldnorms(false),
    );
    let mut builder = Schema::builder();
    builder.add_i64_field("id", INDEXED | FAST | STORED);
    builder.add_i64_field("published_at", INDEXED | FAST);
    builder.add_i64_field("category", INDEXED | FAST);
    builder.add_text_field("title", shown.clone());
    builder.add_text_field("excerpt", shown.clone());
    builder.add_text_field("body", shown);
    builder.add_text_field("tags", searched.clone());
    builder.add_text_field("author", searched);
    builder.add_text_field("spelling", spelling);
    builder.build()
}

impl Fields {
    /// The fields of a schema made by [`schema`].
    pub(crate) fn of(schema: &Schema) -> tantivy::Result<Fields> {
        Ok(Fields {
            id: schema.get_field("id")?,
            published_at: schema.get_field("published_at")?,
            category: schema.get_field("category")?,
            title: schema.get_field("title")?,
            excerpt: schema.get_field("excerpt")?,
            body: schema.get_field("body")?,
            tags: schema.get_field("tags")?,
            author: schema.get_field("author")?,
            spelling: schema.get_field("spelling")?,
        })
    }
}
