//! Highlighted text as HTML: the text escaped, and nothing added but `<mark>` around the
//! words found (never HTML from the index itself).

use std::ops::Range;

use rotative_markup::escape_into as escape;

/// `text` escaped, with the byte ranges `marks` (sorted, within `text`, on character
/// boundaries) in `<mark>`; `…` before when `cut_before`, after when `cut_after`.
pub(crate) fn highlight(
    text: &str,
    marks: &[Range<usize>],
    cut_before: bool,
    cut_after: bool,
) -> String {
    let mut out = String::with_capacity(text.len() + 16 * marks.len() + 8);
    if cut_before {
        out.push('…');
    }
    let mut at = 0;
    for mark in merged(marks) {
        let (Some(before), Some(marked)) = (text.get(at..mark.start), text.get(mark.clone()))
        else {
            continue;
        };
        escape(before, &mut out);
        out.push_str("<mark>");
        escape(marked, &mut out);
        out.push_str("</mark>");
        at = mark.end;
    }
    escape(text.get(at..).unwrap_or_default(), &mut out);
    if cut_after {
        out.push('…');
    }
    out
}

/// The ranges sorted, overlapping ones merged.
fn merged(marks: &[Range<usize>]) -> Vec<Range<usize>> {
    let mut sorted = marks.to_vec();
    sorted.sort_by_key(|r| (r.start, r.end));
    let mut out: Vec<Range<usize>> = Vec::with_capacity(sorted.len());
    for range in sorted {
        match out.last_mut() {
            Some(last) if range.start < last.end => last.end = last.end.max(range.end),
            _ => out.push(range),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped_and_only_marks_are_added() {
        let text = "<script>alert('x')</script> & Maroc";
        let marks = [Range { start: 30, end: 35 }];
        let html = highlight(text, &marks, false, true);
        assert_eq!(
            html,
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; <mark>Maroc</mark>…"
        );
    }

    #[test]
    fn overlapping_marks_merge() {
        assert_eq!(
            highlight("abcdef", &[2..4, 0..3], true, false),
            "…<mark>abcd</mark>ef"
        );
    }
}
