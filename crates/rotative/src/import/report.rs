//! What an import tells the operator: a progress line while it runs (redrawn in place on a
//! terminal, one plain line per batch otherwise) and the final report.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::{IsTerminal, Write};
use std::time::Instant;

/// Counts of one kind of thing.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    /// Created.
    pub imported: u64,
    /// Rewritten from a newer version.
    pub updated: u64,
    /// Already there and unchanged, or refused (see the reasons).
    pub skipped: u64,
}

/// The final report.
#[derive(Debug, Default)]
pub struct Report {
    /// Whether nothing was written.
    pub dry_run: bool,
    /// Accounts.
    pub authors: Tally,
    /// Categories.
    pub categories: Tally,
    /// Tags.
    pub tags: Tally,
    /// Posts.
    pub posts: Tally,
    /// Pages.
    pub pages: Tally,
    /// Comments.
    pub comments: Tally,
    /// Images.
    pub media: Tally,
    /// Old addresses that now redirect.
    pub redirects: u64,
    /// Why things were skipped, with how many each.
    pub skipped: BTreeMap<String, u64>,
    /// What has no meaning in Rotative, counted: custom post types, taxonomies,
    /// shortcodes, post meta.
    pub unknown: BTreeMap<String, BTreeMap<String, u64>>,
    /// Warnings, in order.
    pub warnings: Vec<String>,
}

impl Report {
    /// Counts a skip.
    pub fn skip(&mut self, reason: impl Into<String>) {
        *self.skipped.entry(reason.into()).or_default() += 1;
    }

    /// Counts something without meaning here.
    pub fn unknown(&mut self, what: &str, name: &str, count: u64) {
        *self
            .unknown
            .entry(what.to_owned())
            .or_default()
            .entry(name.to_owned())
            .or_default() += count;
    }

    /// The report as printed.
    pub fn render(&self, seconds: f64) -> String {
        let mut out = String::new();
        let verb = if self.dry_run {
            "would import (dry run: nothing was written)"
        } else {
            "imported"
        };
        let _ = writeln!(out, "rotative: WordPress import {verb} in {seconds:.1} s");
        let _ = writeln!(
            out,
            "  {:<11} {:>9} {:>9} {:>9}",
            "", "imported", "updated", "skipped"
        );
        for (name, tally) in [
            ("authors", self.authors),
            ("categories", self.categories),
            ("tags", self.tags),
            ("posts", self.posts),
            ("pages", self.pages),
            ("comments", self.comments),
            ("images", self.media),
        ] {
            let _ = writeln!(
                out,
                "  {name:<11} {:>9} {:>9} {:>9}",
                tally.imported, tally.updated, tally.skipped
            );
        }
        let _ = writeln!(out, "  old addresses redirected: {}", self.redirects);
        if !self.skipped.is_empty() {
            let _ = writeln!(out, "skipped:");
            for (reason, count) in &self.skipped {
                let _ = writeln!(out, "  {count:>7}  {reason}");
            }
        }
        for (what, names) in &self.unknown {
            let _ = writeln!(out, "{what} with no meaning in Rotative (not imported):");
            for (name, count) in names {
                let _ = writeln!(out, "  {count:>7}  {name}");
            }
        }
        if !self.warnings.is_empty() {
            let _ = writeln!(out, "warnings:");
            for warning in &self.warnings {
                let _ = writeln!(out, "  {warning}");
            }
        }
        out
    }
}

/// The progress of the item pass.
pub struct Progress {
    total: u64,
    done: u64,
    started: Instant,
    terminal: bool,
}

impl Progress {
    /// Progress over `total` items, drawn on standard error.
    pub fn new(total: u64) -> Self {
        Self {
            total,
            done: 0,
            started: Instant::now(),
            terminal: std::io::stderr().is_terminal(),
        }
    }

    /// `count` more items are done.
    pub fn advance(&mut self, count: u64) {
        self.done += count;
        let rate = self.done as f64 / self.started.elapsed().as_secs_f64().max(0.001);
        let width = 30u64;
        let filled = (self.done * width).checked_div(self.total).unwrap_or(width);
        let mut stderr = std::io::stderr().lock();
        if self.terminal {
            let bar: String = (0..width)
                .map(|i| if i < filled { '#' } else { '-' })
                .collect();
            let _ = write!(
                stderr,
                "\r[{bar}] {}/{} items, {rate:.0}/s ",
                self.done, self.total
            );
        } else {
            let _ = writeln!(
                stderr,
                "rotative: {}/{} items ({rate:.0}/s)",
                self.done, self.total
            );
        }
        let _ = stderr.flush();
    }

    /// Ends the line on a terminal.
    pub fn finish(&self) {
        if self.terminal {
            eprintln!();
        }
    }
}
