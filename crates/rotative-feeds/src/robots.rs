//! `robots.txt`: the newsroom's rules, then the sitemaps at the site's current address.

/// The rules served while the newsroom has written none: everything but the admin and
/// the preview links may be crawled.
pub const DEFAULT_RULES: &str = "User-agent: *\nDisallow: /admin/\nDisallow: /preview/";

/// The longest rules accepted, in bytes.
pub const MAX_RULES_BYTES: usize = 64 * 1024;

/// `robots.txt` from `rules` (the default ones when blank), followed by the `Sitemap:`
/// lines of the sitemap index and the news sitemap at `base_url`, unless the rules name
/// them already.
pub fn robots_txt(rules: &str, base_url: &str) -> String {
    let rules = rules.replace("\r\n", "\n");
    let rules = match rules.trim() {
        "" => DEFAULT_RULES,
        rules => rules,
    };
    let mut out = String::with_capacity(rules.len() + 2 * base_url.len() + 64);
    out.push_str(rules);
    out.push_str("\n\n");
    for file in ["sitemap.xml", "news-sitemap.xml"] {
        let line = format!("Sitemap: {base_url}/{file}");
        let present = rules.lines().any(|l| l.trim().eq_ignore_ascii_case(&line));
        if !present {
            out.push_str(&line);
            out.push('\n');
        }
    }
    out
}

/// Whether `rules` may be stored: not too long, and no control characters but tabs and
/// line breaks.
pub fn rules_are_valid(rules: &str) -> bool {
    rules.len() <= MAX_RULES_BYTES
        && !rules
            .chars()
            .any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blank_rules_give_the_default_and_the_sitemaps() {
        assert_eq!(
            robots_txt(" \n", "https://journal.ma"),
            "User-agent: *\nDisallow: /admin/\nDisallow: /preview/\n\n\
             Sitemap: https://journal.ma/sitemap.xml\n\
             Sitemap: https://journal.ma/news-sitemap.xml\n"
        );
    }

    #[test]
    fn written_rules_are_kept_and_sitemaps_not_repeated() {
        let rules = "User-agent: GPTBot\r\nDisallow: /\r\nSitemap: https://journal.ma/sitemap.xml";
        assert_eq!(
            robots_txt(rules, "https://journal.ma"),
            "User-agent: GPTBot\nDisallow: /\nSitemap: https://journal.ma/sitemap.xml\n\n\
             Sitemap: https://journal.ma/news-sitemap.xml\n"
        );
    }

    #[test]
    fn control_characters_are_refused() {
        assert!(rules_are_valid("User-agent: *\r\n\tDisallow: /x/"));
        assert!(!rules_are_valid("User-agent: *\u{0}"));
        assert!(!rules_are_valid(&"x".repeat(MAX_RULES_BYTES + 1)));
    }
}
