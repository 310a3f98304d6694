//! WordPress eXtended RSS (WXR), the file WordPress's "Export" writes, read as a stream.
//!
//! - [`WxrReader`] walks the file once with `quick-xml`, keeping only the record it is
//!   reading (one post with its comments, one term…), so memory stays flat whatever the
//!   file's size. It yields [`Record`]s: the site's own description first, then authors,
//!   terms and items in file order.
//! - It checks as it goes and stops at the first problem with a [`WxrError`] that names
//!   the line and column: not XML, not WXR (another root than `<rss>`), a missing or
//!   unknown `<wp:wxr_version>` (1.0, 1.1 and 1.2 are read), a file cut in the middle, an
//!   unescaped `]]>` closing a CDATA section early, any entity other than XML's five and
//!   character references (which is also what defuses "billion laughs": no entity is ever
//!   expanded), and runs of more than [`MAX_RUN`] bytes without markup (a 2 GB file of junk
//!   is refused after reading that much, not all of it).
//! - [`WxrWriter`] writes WXR 1.2 from the same types (what it writes reads back the same).
//! - The [`model`] types keep WordPress's values as written (dates, statuses, ids as
//!   text); turning them into Rotative's is the importer's work.

pub mod content;
pub mod model;
mod reader;
mod writer;

pub use model::{ItemTerm, Record, SiteInfo, WpAuthor, WpComment, WpItem, WpTerm};
pub use reader::{MAX_RUN, WxrError, WxrProblem, WxrReader};
pub use writer::WxrWriter;
