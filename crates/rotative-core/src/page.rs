//! Page numbers and paginated lists.

use serde::Serialize;

/// A page number, from 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct PageNumber(u32);

impl PageNumber {
    /// The first page.
    pub const FIRST: PageNumber = PageNumber(1);

    /// Reads a page number as typed in a URL: a whole number from 1, nothing else.
    pub fn parse(text: &str) -> Option<Self> {
        if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        text.parse::<u32>().ok().filter(|n| *n >= 1).map(PageNumber)
    }

    /// The number.
    pub fn get(self) -> u32 {
        self.0
    }

    /// How many rows come before this page.
    pub fn offset(self, per_page: u32) -> u64 {
        u64::from(self.0 - 1) * u64::from(per_page)
    }
}

/// One page of a longer list.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Paginated<T> {
    /// The items on this page.
    pub items: Vec<T>,
    /// Which page this is.
    pub page: PageNumber,
    /// How many items a full page holds.
    pub per_page: u32,
    /// How many items the whole list holds.
    pub total: u64,
}

impl<T> Paginated<T> {
    /// The number of the last page; 1 for an empty list, which still has a (blank) first page.
    pub fn last_page(&self) -> u32 {
        let pages = self.total.div_ceil(u64::from(self.per_page.max(1)));
        u32::try_from(pages).unwrap_or(u32::MAX).max(1)
    }

    /// Whether this page lies past the end of the list.
    pub fn is_past_end(&self) -> bool {
        self.page.get() > self.last_page()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_positive_whole_numbers_are_pages() {
        assert_eq!(PageNumber::parse("2").map(PageNumber::get), Some(2));
        for bad in ["0", "-1", "abc", "", "1.5", "+2", " 2", "99999999999999"] {
            assert_eq!(PageNumber::parse(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn last_page_counts_a_partial_page() {
        let page = |total| Paginated::<()> {
            items: vec![],
            page: PageNumber::FIRST,
            per_page: 10,
            total,
        };
        assert_eq!(page(0).last_page(), 1);
        assert_eq!(page(10).last_page(), 1);
        assert_eq!(page(11).last_page(), 2);
    }
}
