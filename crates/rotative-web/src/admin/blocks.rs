//! `/admin/blocks`: the words, addresses and e-mail addresses whose comments go to spam.

use super::{MODERATORS, Staff};
use crate::AppState;
use crate::error::{AppError, UserError};
use crate::form::FormData;
use axum::extract::State;
use axum::response::Response;
use rotative_store::{Block, BlockKind};
use serde::Serialize;

/// The longest entry.
const MAX_VALUE_CHARS: usize = 200;

#[derive(Serialize)]
struct BlocksView {
    kinds: Vec<&'static str>,
    blocks: Vec<Block>,
}

/// `GET /admin/blocks`.
pub async fn list(State(state): State<AppState>, staff: Staff) -> Result<Response, AppError> {
    staff.require(MODERATORS)?;
    let view = BlocksView {
        kinds: BlockKind::ALL.iter().map(|k| k.as_str()).collect(),
        blocks: state.store().blocks().await?,
    };
    super::render(
        &state,
        "admin/blocks.html",
        "admin-blocks-title",
        Some(&staff),
        &view,
    )
}

/// `POST /admin/blocks`: `op=add` or `op=remove`, with `kind` and `value`.
pub async fn change(
    State(state): State<AppState>,
    staff: Staff,
    form: FormData,
) -> Result<Response, AppError> {
    staff.require(MODERATORS)?;
    staff.check(&form)?;
    let bad = || AppError::User(UserError::BadRequest);
    let kind = BlockKind::parse(&form.text("kind")).ok_or_else(bad)?;
    let value = form.text("value").trim().to_lowercase();
    let valid = !value.is_empty()
        && value.chars().count() <= MAX_VALUE_CHARS
        && !value.chars().any(char::is_control);
    if !valid {
        return Err(bad());
    }
    let block = Block { kind, value };
    match form.get("op") {
        Some("add") => state.store().add_block(&block, state.clock().now()).await?,
        Some("remove") => state.store().remove_block(&block).await?,
        _ => return Err(bad()),
    }
    Ok(super::see_other("/admin/blocks"))
}
