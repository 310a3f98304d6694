//! Categories (the site's sections, with an optional parent) and tags.

use crate::{CategoryId, Slug, TagId};
use serde::Serialize;

/// A section of the site: Politique, Économie, Sport…
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Category {
    /// Its id.
    pub id: CategoryId,
    /// Its slug, the path `/{slug}/`.
    pub slug: String,
    /// Its display name.
    pub name: String,
    /// A sentence or two about it.
    pub description: String,
    /// The category it sits under, if any.
    pub parent_id: Option<CategoryId>,
    /// Its place in the menu (lower first).
    pub position: i64,
}

impl Category {
    /// The chain from the top-level category down to `id`, for breadcrumbs. Stops on a
    /// cycle or a missing parent rather than looping.
    pub fn lineage(all: &[Category], id: CategoryId) -> Vec<&Category> {
        let mut chain: Vec<&Category> = Vec::new();
        let mut next = Some(id);
        while let Some(current) = next {
            let Some(category) = all.iter().find(|c| c.id == current) else {
                break;
            };
            if chain.iter().any(|c| c.id == category.id) {
                break;
            }
            chain.push(category);
            next = category.parent_id;
        }
        chain.reverse();
        chain
    }
}

/// A category to create.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewCategory {
    /// Its slug; must be unique and not reserved.
    pub slug: Slug,
    /// Its display name.
    pub name: String,
    /// A sentence or two about it.
    pub description: String,
    /// Its parent, if any.
    pub parent_id: Option<CategoryId>,
    /// Its place in the menu.
    pub position: i64,
}

/// A tag to attach to an article, created when new.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewTag {
    /// Its slug; an existing tag with this slug is reused.
    pub slug: Slug,
    /// Its display name.
    pub name: String,
}

impl NewTag {
    /// A tag from its name, as a writer types it ("Économie" → slug `economie`).
    pub fn from_name(name: &str) -> Result<Self, crate::slug::SlugError> {
        Ok(NewTag {
            slug: Slug::from_title(name)?,
            name: name.trim().to_owned(),
        })
    }

    /// An existing tag as it is, its slug kept whatever its name (an editor may have
    /// changed it, WordPress may have made it); fails only on a stored slug that is not one.
    pub fn of(tag: &Tag) -> Result<Self, crate::slug::SlugError> {
        Ok(NewTag {
            slug: Slug::parse(&tag.slug)?,
            name: tag.name.clone(),
        })
    }
}

/// A keyword linking articles across categories.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Tag {
    /// Its id.
    pub id: TagId,
    /// Its slug, as in `/tag/{slug}/`.
    pub slug: String,
    /// Its display name.
    pub name: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn category(id: i64, parent: Option<i64>) -> Category {
        Category {
            id: CategoryId(id),
            slug: format!("c{id}"),
            name: format!("C{id}"),
            description: String::new(),
            parent_id: parent.map(CategoryId),
            position: 0,
        }
    }

    #[test]
    fn lineage_runs_from_the_top_down() {
        let all = [
            category(1, None),
            category(2, Some(1)),
            category(3, Some(2)),
        ];
        let ids: Vec<i64> = Category::lineage(&all, CategoryId(3))
            .iter()
            .map(|c| c.id.0)
            .collect();
        assert_eq!(ids, [1, 2, 3]);
    }

    #[test]
    fn lineage_stops_on_a_cycle() {
        let all = [category(1, Some(2)), category(2, Some(1))];
        assert_eq!(Category::lineage(&all, CategoryId(1)).len(), 2);
    }
}
