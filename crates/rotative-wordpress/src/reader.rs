//! The streaming reader: `quick-xml` events gathered into one small tree per record.

use crate::model::{ItemTerm, Record, SiteInfo, WpAuthor, WpComment, WpItem, WpTerm};
use quick_xml::events::Event;
use std::collections::VecDeque;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The most bytes read without meeting `<`: a file of junk is refused after this much.
pub const MAX_RUN: u64 = 256 << 20;

/// The WXR versions read.
const VERSIONS: [&str; 3] = ["1.0", "1.1", "1.2"];

/// What is wrong with a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WxrProblem {
    /// The file could not be read.
    Io(String),
    /// It is not XML (or not well-formed XML): the parser's words.
    NotXml(String),
    /// It is XML, but its root is not `<rss>`.
    NotWxr(String),
    /// No `<wp:wxr_version>` before the content.
    MissingVersion,
    /// A version this reader does not know.
    UnknownVersion(String),
    /// The file ends inside an element.
    Truncated(String),
    /// `]]>` in text: a CDATA section was closed early by its own content.
    CdataEnd,
    /// An entity other than XML's five (entity declarations are never expanded).
    Entity(String),
    /// A DTD declaring entities.
    EntityDeclaration,
    /// Too long a run without markup.
    Junk,
    /// Elements nested deeper than any export nests them.
    TooDeep,
}

impl std::fmt::Display for WxrProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            WxrProblem::Io(error) => write!(f, "cannot read the file: {error}"),
            WxrProblem::NotXml(error) => write!(f, "not well-formed XML: {error}"),
            WxrProblem::NotWxr(root) => write!(
                f,
                "not a WordPress export: the root element is <{root}>, not <rss>"
            ),
            WxrProblem::MissingVersion => f.write_str(
                "not a WordPress export: no <wp:wxr_version> before the content",
            ),
            WxrProblem::UnknownVersion(version) => write!(
                f,
                "unknown WXR version {version:?} (1.0, 1.1 and 1.2 are read)"
            ),
            WxrProblem::Truncated(open) => {
                write!(f, "the file ends in the middle of <{open}>: it was cut")
            }
            WxrProblem::CdataEnd => f.write_str(
                "an unescaped ]]> in the text: a CDATA section's content closed it early",
            ),
            WxrProblem::Entity(name) => write!(
                f,
                "unknown entity &{name}; (only &amp; &lt; &gt; &quot; &apos; and character references are read)"
            ),
            WxrProblem::EntityDeclaration => f.write_str(
                "the file declares entities in a DTD, which are never expanded (an entity bomb, or not an export)",
            ),
            WxrProblem::Junk => f.write_str("a long run of bytes without markup: not an export"),
            WxrProblem::TooDeep => write!(
                f,
                "elements nested more than {MAX_DEPTH} deep: not an export"
            ),
        }
    }
}

/// The deepest nesting of elements read inside `<channel>` (an export's is 3 or 4).
const MAX_DEPTH: usize = 64;

/// A problem and where it is.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}, column {column}: {problem}")]
pub struct WxrError {
    /// The line (from 1).
    pub line: u64,
    /// The column, in characters (from 1).
    pub column: u64,
    /// What is wrong.
    pub problem: WxrProblem,
}

/// Where to find a byte offset's line and column again.
enum Locator {
    File(PathBuf),
    Bytes(Arc<[u8]>),
}

impl Locator {
    /// The line and column (in characters) of a byte offset, by reading up to it again.
    fn locate(&self, offset: u64) -> (u64, u64) {
        let mut line = 1;
        let mut line_start: Vec<u8> = Vec::new();
        let mut scan = |bytes: &[u8]| {
            for &b in bytes {
                if b == b'\n' {
                    line += 1;
                    line_start.clear();
                } else if line_start.len() < 1 << 20 {
                    line_start.push(b);
                }
            }
        };
        match self {
            Locator::Bytes(bytes) => {
                let end = usize::try_from(offset)
                    .unwrap_or(usize::MAX)
                    .min(bytes.len());
                scan(&bytes[..end]);
            }
            Locator::File(path) => {
                if let Ok(file) = std::fs::File::open(path) {
                    let mut reader = BufReader::new(file).take(offset);
                    let mut chunk = vec![0; 64 << 10];
                    while let Ok(n) = reader.read(&mut chunk) {
                        if n == 0 {
                            break;
                        }
                        scan(&chunk[..n]);
                    }
                }
            }
        }
        let column = String::from_utf8_lossy(&line_start).chars().count() as u64 + 1;
        (line, column)
    }
}

/// Counts the bytes read since the last `<` and refuses long runs.
struct Guard<R> {
    inner: R,
    run: u64,
    max_run: u64,
}

impl<R: BufRead> Read for Guard<R> {
    fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
        let available = self.fill_buf()?;
        let n = available.len().min(out.len());
        out[..n].copy_from_slice(&available[..n]);
        self.consume(n);
        Ok(n)
    }
}

impl<R: BufRead> BufRead for Guard<R> {
    fn fill_buf(&mut self) -> std::io::Result<&[u8]> {
        if self.run > self.max_run {
            return Err(std::io::Error::new(
                std::io::ErrorKind::InvalidData,
                "too long without markup",
            ));
        }
        self.inner.fill_buf()
    }

    fn consume(&mut self, amount: usize) {
        if let Ok(buffer) = self.inner.fill_buf() {
            let part = &buffer[..amount.min(buffer.len())];
            match part.iter().rposition(|&b| b == b'<') {
                Some(at) => self.run = (part.len() - at - 1) as u64,
                None => self.run += part.len() as u64,
            }
        }
        self.inner.consume(amount);
    }
}

/// An element of a record, with its text and children.
#[derive(Debug, Default)]
struct Node {
    /// Where it starts in the file (for errors about it).
    start: u64,
    name: String,
    attributes: Vec<(String, String)>,
    text: String,
    children: Vec<Node>,
}

impl Node {
    fn child(&self, name: &str) -> Option<&Node> {
        self.children.iter().find(|c| c.name == name)
    }

    /// The text of a child, trimmed when `trim` (ids, slugs), as is otherwise (content).
    fn text(&self, name: &str) -> String {
        self.child(name)
            .map(|c| c.text.trim().to_owned())
            .unwrap_or_default()
    }

    fn raw(&self, name: &str) -> String {
        self.child(name).map(|c| c.text.clone()).unwrap_or_default()
    }

    fn attribute(&self, name: &str) -> String {
        self.attributes
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    }
}

/// Reads a WXR file as a stream of [`Record`]s.
pub struct WxrReader<R: BufRead> {
    xml: quick_xml::Reader<Guard<R>>,
    locator: Locator,
    buffer: Vec<u8>,
    /// Elements open above the records: `rss`, then `channel`.
    outer: Vec<String>,
    /// The record being read, from its root element down.
    open: Vec<Node>,
    site: SiteInfo,
    site_sent: bool,
    ready: VecDeque<Record>,
    finished: bool,
    /// The last event was a CDATA section (text right after one means it closed early).
    after_cdata: bool,
}

impl WxrReader<BufReader<std::fs::File>> {
    /// Reads a file.
    pub fn open(path: &Path) -> Result<Self, WxrError> {
        let file = std::fs::File::open(path).map_err(|e| WxrError {
            line: 1,
            column: 1,
            problem: WxrProblem::Io(e.to_string()),
        })?;
        Ok(Self::new(
            BufReader::with_capacity(256 << 10, file),
            Locator::File(path.to_path_buf()),
        ))
    }
}

impl WxrReader<std::io::Cursor<Arc<[u8]>>> {
    /// Reads bytes in memory.
    pub fn from_bytes(bytes: impl Into<Arc<[u8]>>) -> Self {
        let bytes: Arc<[u8]> = bytes.into();
        Self::new(std::io::Cursor::new(bytes.clone()), Locator::Bytes(bytes))
    }
}

impl<R: BufRead> WxrReader<R> {
    fn new(reader: R, locator: Locator) -> Self {
        let mut xml = quick_xml::Reader::from_reader(Guard {
            inner: reader,
            run: 0,
            max_run: MAX_RUN,
        });
        xml.config_mut().check_end_names = true;
        WxrReader {
            xml,
            locator,
            buffer: Vec::with_capacity(64 << 10),
            outer: Vec::new(),
            open: Vec::new(),
            site: SiteInfo::default(),
            site_sent: false,
            ready: VecDeque::new(),
            finished: false,
            after_cdata: false,
        }
    }

    /// Refuses runs of more than `bytes` without markup (default [`MAX_RUN`]).
    pub fn max_run(mut self, bytes: u64) -> Self {
        self.xml.get_mut().max_run = bytes;
        self
    }

    fn fail(&mut self, offset: u64, problem: WxrProblem) -> WxrError {
        self.finished = true;
        let (line, column) = self.locator.locate(offset);
        WxrError {
            line,
            column,
            problem,
        }
    }

    /// The site's description, once read (before the first other record).
    fn site_ready(&mut self) -> Result<(), WxrProblem> {
        if self.site_sent {
            return Ok(());
        }
        if self.site.wxr_version.is_empty() {
            return Err(WxrProblem::MissingVersion);
        }
        self.site_sent = true;
        self.ready.push_back(Record::Site(self.site.clone()));
        Ok(())
    }

    /// Appends text to the element being read.
    fn add_text(&mut self, text: &str) {
        if let Some(node) = self.open.last_mut() {
            node.text.push_str(text);
        } else if self.outer.len() == 3 {
            // A simple child of <channel> is read as a record of its own (see `start`).
        }
    }

    fn start(
        &mut self,
        at: u64,
        name: String,
        attributes: Vec<(String, String)>,
    ) -> Result<(), (u64, WxrProblem)> {
        match self.outer.len() {
            0 => {
                if name != "rss" {
                    return Err((at, WxrProblem::NotWxr(name)));
                }
                self.outer.push(name);
            }
            1 if self.open.is_empty() && name == "channel" => self.outer.push(name),
            // An item is a few levels deep; a tree as deep as the file would take as many
            // nested calls to drop as it has levels, and overflow the stack.
            _ if self.open.len() >= MAX_DEPTH => return Err((at, WxrProblem::TooDeep)),
            _ => self.open.push(Node {
                start: at,
                name,
                attributes,
                ..Node::default()
            }),
        }
        Ok(())
    }

    fn end(&mut self, at: u64) -> Result<(), (u64, WxrProblem)> {
        let Some(node) = self.open.pop() else {
            self.outer.pop();
            if self.outer.len() == 1 {
                // </channel>: a file with no content still has a site.
                self.site_ready().map_err(|p| (at, p))?;
            }
            return Ok(());
        };
        if let Some(parent) = self.open.last_mut() {
            parent.children.push(node);
            return Ok(());
        }
        if self.outer.len() < 2 {
            // Outside <channel>: nothing WordPress writes; skipped.
            return Ok(());
        }
        let start = node.start;
        self.channel_child(node).map_err(|p| (start, p))
    }

    /// A whole child of `<channel>`.
    fn channel_child(&mut self, node: Node) -> Result<(), WxrProblem> {
        let text = node.text.trim().to_owned();
        match node.name.as_str() {
            "wp:wxr_version" => {
                if !VERSIONS.contains(&text.as_str()) {
                    return Err(WxrProblem::UnknownVersion(text));
                }
                self.site.wxr_version = text;
            }
            "title" => self.site.title = text,
            "link" => self.site.link = text,
            "description" => self.site.description = text,
            "language" => self.site.language = text,
            "wp:base_site_url" => self.site.base_site_url = text,
            "wp:base_blog_url" => self.site.base_blog_url = text,
            "wp:author" => {
                self.site_ready()?;
                self.ready.push_back(Record::Author(WpAuthor {
                    id: node.text("wp:author_id"),
                    login: node.text("wp:author_login"),
                    email: node.text("wp:author_email"),
                    display_name: node.text("wp:author_display_name"),
                    first_name: node.text("wp:author_first_name"),
                    last_name: node.text("wp:author_last_name"),
                }));
            }
            "wp:category" => {
                self.site_ready()?;
                self.ready.push_back(Record::Term(WpTerm {
                    taxonomy: "category".to_owned(),
                    id: node.text("wp:term_id"),
                    slug: node.text("wp:category_nicename"),
                    name: node.text("wp:cat_name"),
                    parent: node.text("wp:category_parent"),
                    description: node.text("wp:category_description"),
                }));
            }
            "wp:tag" => {
                self.site_ready()?;
                self.ready.push_back(Record::Term(WpTerm {
                    taxonomy: "post_tag".to_owned(),
                    id: node.text("wp:term_id"),
                    slug: node.text("wp:tag_slug"),
                    name: node.text("wp:tag_name"),
                    parent: String::new(),
                    description: node.text("wp:tag_description"),
                }));
            }
            "wp:term" => {
                self.site_ready()?;
                self.ready.push_back(Record::Term(WpTerm {
                    taxonomy: node.text("wp:term_taxonomy"),
                    id: node.text("wp:term_id"),
                    slug: node.text("wp:term_slug"),
                    name: node.text("wp:term_name"),
                    parent: node.text("wp:term_parent"),
                    description: node.text("wp:term_description"),
                }));
            }
            "item" => {
                self.site_ready()?;
                self.ready.push_back(Record::Item(Box::new(item(&node))));
            }
            // Generator, pubDate, cloud, image…: nothing to import.
            _ => {}
        }
        Ok(())
    }

    fn read_next(&mut self) -> Result<(), WxrError> {
        loop {
            if !self.ready.is_empty() || self.finished {
                return Ok(());
            }
            let before = self.xml.buffer_position();
            let mut buffer = std::mem::take(&mut self.buffer);
            buffer.clear();
            let event = match self.xml.read_event_into(&mut buffer) {
                Ok(event) => event,
                Err(error) => {
                    let problem = match &error {
                        quick_xml::Error::Io(io)
                            if io.kind() == std::io::ErrorKind::InvalidData
                                && io.to_string().contains("without markup") =>
                        {
                            WxrProblem::Junk
                        }
                        quick_xml::Error::Io(io) => WxrProblem::Io(io.to_string()),
                        quick_xml::Error::Syntax(_)
                            if !self.open.is_empty() || !self.outer.is_empty() =>
                        {
                            let open = self
                                .open
                                .last()
                                .map(|n| n.name.clone())
                                .or_else(|| self.outer.last().cloned())
                                .unwrap_or_default();
                            if self.xml.buffer_position() >= self.end_of_input() {
                                WxrProblem::Truncated(open)
                            } else {
                                WxrProblem::NotXml(error.to_string())
                            }
                        }
                        _ => WxrProblem::NotXml(error.to_string()),
                    };
                    // Junk is placed where its run starts; other errors where quick-xml saw them.
                    let offset = match problem {
                        WxrProblem::Junk => before,
                        _ => self.xml.error_position(),
                    };
                    return Err(self.fail(offset, problem));
                }
            };
            let at = self.xml.buffer_position();
            let after_cdata =
                std::mem::replace(&mut self.after_cdata, matches!(event, Event::CData(_)));
            let outcome = match event {
                Event::Start(start) => {
                    let (name, attributes) = element(&start);
                    self.start(before, name, attributes)
                }
                Event::Empty(start) => {
                    let (name, attributes) = element(&start);
                    self.start(before, name, attributes)
                        .and_then(|()| self.end(at))
                }
                Event::End(_) => self.end(before),
                Event::Text(text) => {
                    let text = text.xml10_content();
                    if let Some(end) = text.find("]]>") {
                        Err((before + end as u64, WxrProblem::CdataEnd))
                    } else if after_cdata && !self.open.is_empty() && !text.trim().is_empty() {
                        // WordPress writes one CDATA section per value (splitting its own
                        // `]]>` into two sections): text after one means a `]]>` in the
                        // content ended it early, just before here.
                        Err((before.saturating_sub(3), WxrProblem::CdataEnd))
                    } else if self.outer.is_empty() && !text.trim().is_empty() {
                        let leading = text.len() - text.trim_start().len();
                        Err((
                            before + leading as u64,
                            WxrProblem::NotXml("text before the root element".to_owned()),
                        ))
                    } else {
                        self.add_text(&text);
                        Ok(())
                    }
                }
                Event::CData(data) => {
                    let text = data.xml10_content().into_owned();
                    self.add_text(&text);
                    Ok(())
                }
                Event::GeneralRef(reference) => match reference.resolve_char_ref() {
                    Ok(Some(c)) => {
                        self.add_text(c.encode_utf8(&mut [0; 4]));
                        Ok(())
                    }
                    _ => {
                        let name = reference.xml10_content().into_owned();
                        let predefined = match name.as_str() {
                            "amp" => Some("&"),
                            "lt" => Some("<"),
                            "gt" => Some(">"),
                            "quot" => Some("\""),
                            "apos" => Some("'"),
                            _ => None,
                        };
                        match predefined {
                            Some(text) => {
                                self.add_text(text);
                                Ok(())
                            }
                            None => Err((before, WxrProblem::Entity(name))),
                        }
                    }
                },
                Event::DocType(doctype) => {
                    if doctype.xml10_content().contains("<!ENTITY") {
                        Err((before, WxrProblem::EntityDeclaration))
                    } else {
                        Ok(())
                    }
                }
                Event::Eof => {
                    self.finished = true;
                    if let Some(open) = self
                        .open
                        .last()
                        .map(|n| n.name.clone())
                        .or_else(|| self.outer.last().cloned())
                    {
                        Err((at, WxrProblem::Truncated(open)))
                    } else if !self.site_sent {
                        Err((
                            at,
                            if self.outer.is_empty() && at == 0 {
                                WxrProblem::NotXml("the file is empty".to_owned())
                            } else {
                                WxrProblem::MissingVersion
                            },
                        ))
                    } else {
                        Ok(())
                    }
                }
                Event::Decl(_) | Event::PI(_) | Event::Comment(_) => Ok(()),
            };
            self.buffer = buffer;
            if let Err((offset, problem)) = outcome {
                return Err(self.fail(offset, problem));
            }
        }
    }

    /// How many bytes the input holds, when known (to tell a cut file from a bad one).
    fn end_of_input(&self) -> u64 {
        match &self.locator {
            Locator::Bytes(bytes) => bytes.len() as u64,
            Locator::File(path) => std::fs::metadata(path).map(|m| m.len()).unwrap_or(u64::MAX),
        }
    }
}

impl<R: BufRead> Iterator for WxrReader<R> {
    type Item = Result<Record, WxrError>;

    fn next(&mut self) -> Option<Self::Item> {
        if let Err(error) = self.read_next() {
            return Some(Err(error));
        }
        self.ready.pop_front().map(Ok)
    }
}

/// An element's name and attributes.
fn element(start: &quick_xml::events::BytesStart<'_>) -> (String, Vec<(String, String)>) {
    let name = start.name().as_ref().to_owned();
    let attributes = start
        .attributes()
        .with_checks(false)
        .filter_map(Result::ok)
        .map(|a| {
            (
                a.key.as_ref().to_owned(),
                a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                    .map(|v| v.into_owned())
                    .unwrap_or_default(),
            )
        })
        .collect();
    (name, attributes)
}

/// An `<item>` as a [`WpItem`].
fn item(node: &Node) -> WpItem {
    let terms = node
        .children
        .iter()
        .filter(|c| c.name == "category")
        .map(|c| ItemTerm {
            domain: c.attribute("domain"),
            slug: c.attribute("nicename"),
            name: c.text.trim().to_owned(),
        })
        .collect();
    let meta = node
        .children
        .iter()
        .filter(|c| c.name == "wp:postmeta")
        .map(|c| (c.text("wp:meta_key"), c.raw("wp:meta_value")))
        .collect();
    let comments = node
        .children
        .iter()
        .filter(|c| c.name == "wp:comment")
        .map(|c| WpComment {
            id: c.text("wp:comment_id"),
            author: c.text("wp:comment_author"),
            author_email: c.text("wp:comment_author_email"),
            author_url: c.text("wp:comment_author_url"),
            author_ip: c.text("wp:comment_author_IP"),
            date_gmt: c.text("wp:comment_date_gmt"),
            date: c.text("wp:comment_date"),
            content: c.raw("wp:comment_content"),
            approved: c.text("wp:comment_approved"),
            kind: c.text("wp:comment_type"),
            parent: c.text("wp:comment_parent"),
        })
        .collect();
    WpItem {
        id: node.text("wp:post_id"),
        post_type: node.text("wp:post_type"),
        title: node.raw("title"),
        link: node.text("link"),
        guid: node.text("guid"),
        creator: node.text("dc:creator"),
        content: node.raw("content:encoded"),
        excerpt: node.raw("excerpt:encoded"),
        date: node.text("wp:post_date"),
        date_gmt: node.text("wp:post_date_gmt"),
        modified_gmt: node.text("wp:post_modified_gmt"),
        slug: node.text("wp:post_name"),
        status: node.text("wp:status"),
        parent: node.text("wp:post_parent"),
        comment_status: node.text("wp:comment_status"),
        sticky: node.text("wp:is_sticky") == "1",
        attachment_url: node.text("wp:attachment_url"),
        terms,
        meta,
        comments,
    }
}
