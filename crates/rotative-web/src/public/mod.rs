//! The reader's pages, one handler per file.

pub mod article;
pub mod assets;
pub mod author;
pub mod category;
pub mod fallback;
pub(crate) mod feed;
pub mod health;
pub mod home;
pub mod legacy;
pub(crate) mod list;
pub mod robots;
pub mod search;
pub mod sitemap;
pub mod tag;
