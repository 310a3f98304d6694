//! Makes the files of uploaded images off the request path: the upload is stored as it
//! came and recorded as `processing`; this job decodes it (within limits), writes the
//! clean original and the variants, and marks it `ready` (or `failed`). It wakes when an
//! upload arrives, and every minute for anything left from before a restart.

use crate::AppState;
use crate::media::storage::MediaStorage;
use crate::media::{WIDTHS, images, original_key, variant_key};
use axum::body::Bytes;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::watch;

/// The key the upload waits under until processed.
pub fn upload_key(id: i64) -> String {
    format!("{id}/upload")
}

/// Runs until stopped.
pub async fn run(state: AppState, mut stopped: watch::Receiver<bool>) {
    let mut interval = tokio::time::interval(Duration::from_secs(60));
    interval.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        if let Err(error) = run_once(&state).await {
            tracing::warn!(job = "process_media", %error, "could not process uploads; retrying");
        }
        tokio::select! {
            _ = interval.tick() => {}
            () = state.media_arrived().notified() => {}
            _ = stopped.changed() => return,
        }
    }
}

/// Processes every upload waiting; returns how many became ready.
pub async fn run_once(state: &AppState) -> anyhow::Result<usize> {
    let mut ready = 0;
    for media in state.store().processing_media().await? {
        if process(state.store(), &state.options().media, &media).await? {
            ready += 1;
        }
    }
    Ok(ready)
}

/// Makes the files of one waiting upload and marks it `ready` (true) or `failed` (false):
/// the job's work, also done by imports, which store uploads the same way.
pub async fn process(
    store: &dyn rotative_store::Store,
    storage: &Arc<dyn MediaStorage>,
    media: &rotative_store::Media,
) -> anyhow::Result<bool> {
    let Some(upload) = storage.get(&upload_key(media.id)).await? else {
        store.set_media_status(media.id, "failed").await?;
        return Ok(false);
    };
    let made = tokio::task::spawn_blocking(move || {
        let inspected = images::inspect(&upload).map_err(|r| format!("{r:?}"))?;
        images::make_files(&upload, inspected.format, &WIDTHS)
    })
    .await?;
    match made {
        Ok(files) => {
            for (width, ext, bytes) in files {
                let key = match width {
                    None => original_key(media.id, &media.name, ext),
                    Some(width) => variant_key(media.id, &media.name, width, ext),
                };
                storage.put(&key, Bytes::from(bytes)).await?;
            }
            store.set_media_status(media.id, "ready").await?;
            // The upload as it came may hold metadata (a GPS position): it goes.
            if let Err(error) = storage.delete(&upload_key(media.id)).await {
                tracing::warn!(media = media.id, %error, "an upload was left behind");
            }
            Ok(true)
        }
        Err(error) => {
            tracing::warn!(media = media.id, %error, "an upload could not be processed");
            store.set_media_status(media.id, "failed").await?;
            Ok(false)
        }
    }
}
