//! EXIF orientation: turning pixels upright (the value itself is read by `meta`).

/// The orientation that applying `first`, then `second`, amounts to.
pub(crate) fn then(first: u8, second: u8) -> u8 {
    let (a, b) = (matrix(first), matrix(second));
    let product = [
        [
            b[0][0] * a[0][0] + b[0][1] * a[1][0],
            b[0][0] * a[0][1] + b[0][1] * a[1][1],
        ],
        [
            b[1][0] * a[0][0] + b[1][1] * a[1][0],
            b[1][0] * a[0][1] + b[1][1] * a[1][1],
        ],
    ];
    (1..=8).find(|&o| matrix(o) == product).unwrap_or(1)
}

/// Where orientation `o` sends the (x right, y down) axes, as a 2x2 matrix.
fn matrix(o: u8) -> [[i8; 2]; 2] {
    match o {
        2 => [[-1, 0], [0, 1]],
        3 => [[-1, 0], [0, -1]],
        4 => [[1, 0], [0, -1]],
        5 => [[0, 1], [1, 0]],
        6 => [[0, -1], [1, 0]],
        7 => [[0, -1], [-1, 0]],
        8 => [[0, 1], [-1, 0]],
        _ => [[1, 0], [0, 1]],
    }
}

/// Whether the orientation swaps width and height (5-8).
pub(crate) fn swaps_axes(orientation: u8) -> bool {
    (5..=8).contains(&orientation)
}

/// Applies EXIF `orientation` to a `width` x `height` image of `channels` bytes per pixel, giving
/// the upright pixels and their size.
pub(crate) fn apply(
    pixels: Vec<u8>,
    width: u32,
    height: u32,
    channels: usize,
    orientation: u8,
) -> (Vec<u8>, u32, u32) {
    if !(2..=8).contains(&orientation) {
        return (pixels, width, height);
    }
    let (w, h) = (width as usize, height as usize);
    let (dw, dh) = if swaps_axes(orientation) {
        (h, w)
    } else {
        (w, h)
    };
    let mut out = vec![0u8; pixels.len()];
    for (dy, row) in out.chunks_exact_mut(dw * channels).enumerate() {
        for (dx, px) in row.chunks_exact_mut(channels).enumerate() {
            // Where display pixel (dx, dy) comes from in the stored image.
            let (sx, sy) = match orientation {
                2 => (w - 1 - dx, dy),
                3 => (w - 1 - dx, h - 1 - dy),
                4 => (dx, h - 1 - dy),
                5 => (dy, dx),
                6 => (dy, h - 1 - dx),
                7 => (w - 1 - dy, h - 1 - dx),
                _ => (w - 1 - dy, dx),
            };
            let at = (sy * w + sx) * channels;
            if let Some(src) = pixels.get(at..at + channels) {
                px.copy_from_slice(src);
            }
        }
    }
    (out, dw as u32, dh as u32)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A 3x2 one-channel image: values are 10*y + x.
    fn sample() -> Vec<u8> {
        vec![0, 1, 2, 10, 11, 12]
    }

    #[test]
    fn orientations_put_the_stored_top_left_where_exif_says() {
        // (orientation, display size, index of stored (0,0) in the display image)
        let cases = [
            (1, (3, 2), 0),
            (2, (3, 2), 2),
            (3, (3, 2), 5),
            (4, (3, 2), 3),
            (5, (2, 3), 0),
            (6, (2, 3), 1),
            (7, (2, 3), 5),
            (8, (2, 3), 4),
        ];
        for (o, size, index) in cases {
            let (out, w, h) = apply(sample(), 3, 2, 1, o);
            assert_eq!((w, h), size, "orientation {o}");
            assert_eq!(
                out.iter().position(|&v| v == 0),
                Some(index),
                "orientation {o}"
            );
        }
        // Composition: two quarter turns are a half turn; a flip twice is nothing.
        assert_eq!(then(6, 6), 3);
        assert_eq!(then(8, 6), 1);
        assert_eq!(then(2, 2), 1);
        assert_eq!(then(6, 2), then(6, 2));
        // Orientation 6 (rotate 90° clockwise): the stored bottom-left comes to the top-left.
        assert_eq!(apply(sample(), 3, 2, 1, 6).0, vec![10, 0, 11, 1, 12, 2]);
    }
}
