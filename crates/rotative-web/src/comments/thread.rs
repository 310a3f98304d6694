//! The thread under an article: approved comments, oldest first, each reply under the
//! comment it answers (a reply whose parent is not shown is shown on its own).

use super::text;
use rotative_core::{Comment, CommentId};
use rotative_theme::views::CommentView;
use std::collections::HashMap;

/// One comment's view, without replies.
pub(crate) fn view(comment: &Comment, reply_url: Option<String>) -> CommentView {
    CommentView {
        id: comment.id.0,
        author_name: comment.author_name.clone(),
        author_url: comment.author_url.clone(),
        created_at: comment.created_at,
        html: text::to_html(&comment.body),
        reply_url,
        replies: Vec::new(),
    }
}

/// The thread. `reply_url` gives where "reply" leads for a comment, or `None` when it may
/// not be answered (too deep, comments closed).
pub(crate) fn build(
    comments: &[Comment],
    reply_url: impl Fn(&Comment) -> Option<String>,
) -> Vec<CommentView> {
    let shown: HashMap<CommentId, usize> = comments
        .iter()
        .enumerate()
        .map(|(i, c)| (c.id, i))
        .collect();
    let mut children: HashMap<usize, Vec<usize>> = HashMap::new();
    let mut roots = Vec::new();
    for (i, comment) in comments.iter().enumerate() {
        match comment.parent_id.and_then(|p| shown.get(&p)) {
            Some(parent) if *parent < i => children.entry(*parent).or_default().push(i),
            _ => roots.push(i),
        }
    }
    fn assemble(
        i: usize,
        comments: &[Comment],
        children: &HashMap<usize, Vec<usize>>,
        reply_url: &dyn Fn(&Comment) -> Option<String>,
    ) -> CommentView {
        let mut node = view(&comments[i], reply_url(&comments[i]));
        node.replies = children
            .get(&i)
            .map(|kids| {
                kids.iter()
                    .map(|k| assemble(*k, comments, children, reply_url))
                    .collect()
            })
            .unwrap_or_default();
        node
    }
    roots
        .into_iter()
        .map(|i| assemble(i, comments, &children, &reply_url))
        .collect()
}
