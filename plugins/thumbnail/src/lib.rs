//! Thumbnails of photos and stickers.
