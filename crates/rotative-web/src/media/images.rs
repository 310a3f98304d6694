//! Checking an upload by its content, and making clean files from it: the original
//! re-encoded (no metadata, such as GPS positions, survives) and resized variants, in its
//! format and in WebP.

use image::{ImageFormat, ImageReader, Limits};
use std::io::Cursor;

/// The largest width or height accepted.
pub const MAX_SIDE: u32 = 10_000;
/// The most memory one decoded image may take (as RGBA): a decompression bomb, a small
/// file declaring a huge image, is refused from its header, before any decoding.
pub const MAX_DECODE_BYTES: u64 = 256 << 20;

/// Why an upload is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// Not a JPEG, PNG, WebP or GIF, whatever its name says.
    NotAnImage,
    /// Wider or taller than [`MAX_SIDE`], or too large once decoded.
    TooLarge,
}

/// What an upload is, read from its first bytes and header only.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Inspected {
    /// Its format.
    pub format: ImageFormat,
    /// Its width.
    pub width: u32,
    /// Its height.
    pub height: u32,
}

/// The extension Rotative stores a format under.
pub fn extension(format: ImageFormat) -> &'static str {
    match format {
        ImageFormat::Png => "png",
        ImageFormat::WebP => "webp",
        ImageFormat::Gif => "gif",
        _ => "jpg",
    }
}

fn limits() -> Limits {
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    limits.max_alloc = Some(MAX_DECODE_BYTES);
    limits
}

/// Reads what an upload is, without decoding it.
pub fn inspect(bytes: &[u8]) -> Result<Inspected, Refusal> {
    let format = image::guess_format(bytes).map_err(|_| Refusal::NotAnImage)?;
    if !matches!(
        format,
        ImageFormat::Jpeg | ImageFormat::Png | ImageFormat::WebP | ImageFormat::Gif
    ) {
        return Err(Refusal::NotAnImage);
    }
    let (width, height) = ImageReader::with_format(Cursor::new(bytes), format)
        .into_dimensions()
        .map_err(|_| Refusal::NotAnImage)?;
    if width == 0 || height == 0 {
        return Err(Refusal::NotAnImage);
    }
    let decoded = u64::from(width) * u64::from(height) * 4;
    if width > MAX_SIDE || height > MAX_SIDE || decoded > MAX_DECODE_BYTES {
        return Err(Refusal::TooLarge);
    }
    Ok(Inspected {
        format,
        width,
        height,
    })
}

/// The files made from an upload: `(width or None for the original, extension, bytes)`.
pub type Made = Vec<(Option<u32>, &'static str, Vec<u8>)>;

/// Decodes an upload (within the limits) and encodes the original again and every
/// narrower variant of `widths`, in the upload's format and in WebP.
pub fn make_files(bytes: &[u8], format: ImageFormat, widths: &[u32]) -> Result<Made, String> {
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
    reader.limits(limits());
    let image = reader.decode().map_err(|e| e.to_string())?;
    let ext = extension(format);
    let encode = |image: &image::DynamicImage, format: ImageFormat| -> Result<Vec<u8>, String> {
        let mut out = Cursor::new(Vec::new());
        // JPEG has no alpha channel; WebP here is lossless and takes RGBA.
        let image = match format {
            ImageFormat::Jpeg => image::DynamicImage::ImageRgb8(image.to_rgb8()),
            _ => image::DynamicImage::ImageRgba8(image.to_rgba8()),
        };
        image
            .write_to(&mut out, format)
            .map_err(|e| e.to_string())?;
        Ok(out.into_inner())
    };
    let mut made = vec![(None, ext, encode(&image, format)?)];
    for &width in widths.iter().filter(|w| **w < image.width()) {
        let height =
            (u64::from(image.height()) * u64::from(width) / u64::from(image.width())).max(1);
        let height = u32::try_from(height).unwrap_or(1);
        let resized = image.resize_exact(width, height, image::imageops::FilterType::Triangle);
        made.push((Some(width), ext, encode(&resized, format)?));
        if format != ImageFormat::WebP {
            made.push((Some(width), "webp", encode(&resized, ImageFormat::WebP)?));
        }
    }
    Ok(made)
}
