//! Photos made for the tests, the way a phone saves them: a JPEG whose pixels are stored
//! sideways with an EXIF orientation, the GPS position, the camera and an XMP and IPTC
//! block; a PNG with text chunks. And a reader that looks for any of it in a file, by
//! walking the file's own structure (not through the code under test).
#![allow(dead_code)]

use image::ImageEncoder;

/// What the EXIF of a test photo says.
pub const CAMERA: &str = "minhbach-test-camera";

/// Pixels: a red block in the top-left corner (as stored) on a blue-grey ground with
/// detail at every scale, as a photo has: blocks of 128, 32 and 8 pixels and, with `noise`,
/// grain in every pixel. So the smaller copies keep detail to encode, as a real photo's
/// do, and where the corner ends up shows how the picture was turned.
pub fn pixels(width: u32, height: u32, noise: u32) -> image::RgbImage {
    pixels_seeded(width, height, noise, 0)
}

/// [`pixels`] with noise of its own: photos of different seeds differ in every pixel.
pub fn pixels_seeded(width: u32, height: u32, noise: u32, seed: u32) -> image::RgbImage {
    let mut state =
        (0x2545_f491_u32 ^ width.wrapping_mul(31) ^ height ^ seed.wrapping_mul(0x9E37_79B9)).max(1);
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 17;
        state ^= state << 5;
        state
    };
    // One random value per block, for each block size.
    let grids: Vec<(u32, u32, Vec<u32>)> = [128u32, 32, 8]
        .iter()
        .map(|&size| {
            let cols = width.div_ceil(size);
            let cells = (cols * height.div_ceil(size)) as usize;
            (size, cols, (0..cells).map(|_| next() % 48).collect())
        })
        .collect();
    image::RgbImage::from_fn(width, height, |x, y| {
        let n = if noise == 0 { 0 } else { next() % noise };
        let c = |v: u32| v.min(255) as u8;
        if x < width / 4 && y < height / 4 {
            return image::Rgb([c(220 + n / 4), c(30 + n / 4), 30]);
        }
        let detail: u32 = grids
            .iter()
            .map(|(size, cols, cells)| cells[(y / size * cols + x / size) as usize])
            .sum();
        let g = x * 40 / width + y * 40 / height;
        image::Rgb([
            c(20 + g + detail + n),
            c(50 + g + detail * 3 / 4 + n),
            c(110 + detail / 2 + n),
        ])
    })
}

/// A JPEG of `width` × `height` stored pixels at quality `q`.
pub fn plain_jpeg(img: &image::RgbImage, q: u8) -> Vec<u8> {
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, q)
        .write_image(
            img.as_raw(),
            img.width(),
            img.height(),
            image::ExtendedColorType::Rgb8,
        )
        .expect("encode");
    out
}

fn segment(marker: u8, payload: &[u8]) -> Vec<u8> {
    let mut s = vec![0xFF, marker];
    s.extend_from_slice(
        &u16::try_from(payload.len() + 2)
            .expect("small")
            .to_be_bytes(),
    );
    s.extend_from_slice(payload);
    s
}

/// An EXIF block (big-endian TIFF): camera make, orientation, and a GPS position in Tây
/// Ninh (11° 18′ N, 106° 6′ E).
pub fn exif(orientation: u16) -> Vec<u8> {
    let mut t: Vec<u8> = b"MM\0\x2a\0\0\0\x08".to_vec();
    let entry = |t: &mut Vec<u8>, tag: u16, kind: u16, count: u32, value: [u8; 4]| {
        t.extend_from_slice(&tag.to_be_bytes());
        t.extend_from_slice(&kind.to_be_bytes());
        t.extend_from_slice(&count.to_be_bytes());
        t.extend_from_slice(&value);
    };
    // IFD0 at 8: 3 entries, ends at 50; the make at 50 (21 bytes), the GPS IFD at 72.
    t.extend_from_slice(&3u16.to_be_bytes());
    entry(&mut t, 0x010F, 2, 21, 50u32.to_be_bytes());
    let o = orientation.to_be_bytes();
    entry(&mut t, 0x0112, 3, 1, [o[0], o[1], 0, 0]);
    entry(&mut t, 0x8825, 4, 1, 72u32.to_be_bytes());
    t.extend_from_slice(&0u32.to_be_bytes());
    t.extend_from_slice(CAMERA.as_bytes());
    t.push(0);
    t.push(0);
    assert_eq!(t.len(), 72);
    // GPS IFD: 4 entries, ends at 126; latitude at 126, longitude at 150.
    t.extend_from_slice(&4u16.to_be_bytes());
    entry(&mut t, 1, 2, 2, *b"N\0\0\0");
    entry(&mut t, 2, 5, 3, 126u32.to_be_bytes());
    entry(&mut t, 3, 2, 2, *b"E\0\0\0");
    entry(&mut t, 4, 5, 3, 150u32.to_be_bytes());
    t.extend_from_slice(&0u32.to_be_bytes());
    for (num, den) in [(11, 1), (18, 1), (0, 1), (106, 1), (6, 1), (0, 1)] {
        t.extend_from_slice(&u32::to_be_bytes(num));
        t.extend_from_slice(&u32::to_be_bytes(den));
    }
    let mut payload = b"Exif\0\0".to_vec();
    payload.extend(t);
    payload
}

/// A phone photo: `img` stored as it is, EXIF `orientation` (6: turn a quarter clockwise
/// to show it), GPS, camera, an XMP packet, an IPTC block and a comment.
pub fn phone_jpeg(img: &image::RgbImage, orientation: u16, q: u8) -> Vec<u8> {
    let plain = plain_jpeg(img, q);
    let mut out = plain[..2].to_vec();
    out.extend(segment(0xE1, &exif(orientation)));
    out.extend(segment(
        0xE1,
        b"http://ns.adobe.com/xap/1.0/\0<x:xmpmeta><exif:GPSLatitude>11,18N</exif:GPSLatitude></x:xmpmeta>",
    ));
    out.extend(segment(0xED, b"Photoshop 3.0\08BIM\x04\x04IPTC by-line"));
    out.extend(segment(0xFE, b"comment: taken at home"));
    out.extend_from_slice(&plain[2..]);
    out
}

/// A PNG (with transparency if `alpha`) carrying a text chunk and an eXIf chunk.
pub fn png_with_text(width: u32, height: u32, alpha: bool) -> Vec<u8> {
    let rgb = pixels(width, height, 0);
    let mut plain = Vec::new();
    let enc = image::codecs::png::PngEncoder::new(&mut plain);
    if alpha {
        let rgba = image::DynamicImage::ImageRgb8(rgb).into_rgba8();
        let mut rgba = rgba;
        for p in rgba.pixels_mut().take((width * 4) as usize) {
            p.0[3] = 0;
        }
        enc.write_image(
            rgba.as_raw(),
            width,
            height,
            image::ExtendedColorType::Rgba8,
        )
    } else {
        enc.write_image(rgb.as_raw(), width, height, image::ExtendedColorType::Rgb8)
    }
    .expect("encode");
    let chunk = |kind: &[u8], data: &[u8]| {
        let mut c = u32::try_from(data.len())
            .expect("small")
            .to_be_bytes()
            .to_vec();
        c.extend_from_slice(kind);
        c.extend_from_slice(data);
        let mut crc = 0xFFFF_FFFFu32;
        for &b in kind.iter().chain(data) {
            crc ^= u32::from(b);
            for _ in 0..8 {
                crc = if crc & 1 == 1 {
                    (crc >> 1) ^ 0xEDB8_8320
                } else {
                    crc >> 1
                };
            }
        }
        c.extend_from_slice(&(!crc).to_be_bytes());
        c
    };
    // After IHDR (8 + 25 bytes).
    let mut out = plain[..33].to_vec();
    out.extend(chunk(b"tEXt", format!("Author\0{CAMERA}").as_bytes()));
    out.extend(chunk(b"eXIf", &exif(1)[6..]));
    out.extend_from_slice(&plain[33..]);
    out
}

/// The metadata found in an image file, by walking its structure: JPEG APPn segments
/// other than JFIF and ICC, and comments; PNG text and EXIF chunks; WebP EXIF and XMP
/// chunks; and, whatever the format, the camera name, "Exif", "GPS" or "xmpmeta" in
/// its bytes. Empty for a clean file.
pub fn metadata(bytes: &[u8]) -> Vec<String> {
    let mut found = Vec::new();
    if bytes.starts_with(&[0xFF, 0xD8]) {
        let mut i = 2;
        while i + 4 <= bytes.len() && bytes[i] == 0xFF {
            let m = bytes[i + 1];
            if m == 0xDA {
                break;
            }
            let len = usize::from(u16::from_be_bytes([bytes[i + 2], bytes[i + 3]]));
            let payload = &bytes[i + 4..(i + 2 + len).min(bytes.len())];
            let icc = m == 0xE2 && payload.starts_with(b"ICC_PROFILE");
            if (0xE1..=0xEF).contains(&m) && !icc || m == 0xFE {
                found.push(format!("JPEG segment FF{m:02X}"));
            }
            i += 2 + len;
        }
    } else if bytes.starts_with(b"\x89PNG") {
        let mut i = 8;
        while i + 8 <= bytes.len() {
            let len = u32::from_be_bytes(bytes[i..i + 4].try_into().expect("4")) as usize;
            let kind = String::from_utf8_lossy(&bytes[i + 4..i + 8]).into_owned();
            if ["tEXt", "zTXt", "iTXt", "eXIf", "tIME"].contains(&kind.as_str()) {
                found.push(format!("PNG chunk {kind}"));
            }
            i += 12 + len;
        }
    } else if bytes.starts_with(b"RIFF") {
        let mut i = 12;
        while i + 8 <= bytes.len() {
            let kind = String::from_utf8_lossy(&bytes[i..i + 4]).into_owned();
            let len = u32::from_le_bytes(bytes[i + 4..i + 8].try_into().expect("4")) as usize;
            if kind == "EXIF" || kind == "XMP " {
                found.push(format!("WebP chunk {kind}"));
            }
            i += 8 + len + (len & 1);
        }
    }
    for needle in [CAMERA, "Exif\0", "xmpmeta", "8BIM", "taken at home"] {
        if bytes.windows(needle.len()).any(|w| w == needle.as_bytes()) {
            found.push(format!("the bytes {needle:?}"));
        }
    }
    found
}

/// Decodes any image the site publishes (JPEG, PNG, WebP), as RGB.
pub fn decode(bytes: &[u8]) -> image::RgbImage {
    image::load_from_memory(bytes)
        .expect("a readable image")
        .into_rgb8()
}

/// Whether the pixel at (x, y) is the red of the corner block.
pub fn red(img: &image::RgbImage, x: u32, y: u32) -> bool {
    let p = img.get_pixel(x, y).0;
    p[0] > 160 && p[1] < 110 && p[2] < 110
}

/// A phone photo as the issue describes them: 4000 × 3000, about 4 MB (noise makes the
/// JPEG as big as a camera's), stored sideways (orientation 6) with GPS and camera.
pub fn phone_photo(seed: u32) -> Vec<u8> {
    phone_jpeg(&pixels_seeded(4000, 3000, 32, seed), 6, 88)
}
