//! The pixels: decoding (image), resizing (fast_image_resize), encoding (webp, jpeg-encoder).
//! The only file that names the codec crates, so any of them can be swapped here alone.
//!
//! A variant is made in the orientation the camera meant (EXIF orientation applied) and
//! carries no metadata at all: the encoders are given pixels only, so nothing of the
//! original (GPS position, camera, date, XMP, IPTC) can reach a published file.

use fast_image_resize::images::{Image, ImageRef};
use fast_image_resize::{FilterType, PixelType, ResizeAlg, ResizeOptions, Resizer};
use image::metadata::Orientation;
use image::{DynamicImage, ImageDecoder, ImageFormat};

/// The largest image the stage reads, in pixels: 50 megapixels, more than any phone saves
/// by default (12–50 MP). A file claiming more (a 100,000 × 100,000 PNG is a few KB)
/// would take gigabytes to decode.
pub const MAX_PIXELS: u64 = 50_000_000;

/// What a file is, by its first bytes (its name may say otherwise).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Jpeg,
    Png,
    WebP,
    /// HEIC/HEIF, what iPhones save by default: browsers other than Safari cannot show it.
    Heic,
    Avif,
    Gif,
    Unknown,
}

impl Kind {
    pub fn of(bytes: &[u8]) -> Kind {
        let brand = bytes.get(8..12).unwrap_or_default();
        match bytes {
            [0xFF, 0xD8, 0xFF, ..] => Kind::Jpeg,
            [0x89, b'P', b'N', b'G', ..] => Kind::Png,
            [b'R', b'I', b'F', b'F', _, _, _, _, b'W', b'E', b'B', b'P', ..] => Kind::WebP,
            [b'G', b'I', b'F', b'8', ..] => Kind::Gif,
            [_, _, _, _, b'f', b't', b'y', b'p', ..] => match brand {
                b"avif" | b"avis" => Kind::Avif,
                b"heic" | b"heix" | b"heim" | b"heis" | b"hevc" | b"hevx" | b"mif1" | b"msf1" => {
                    Kind::Heic
                }
                _ => Kind::Unknown,
            },
            _ => Kind::Unknown,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Kind::Jpeg => "JPEG",
            Kind::Png => "PNG",
            Kind::WebP => "WebP",
            Kind::Heic => "HEIC",
            Kind::Avif => "AVIF",
            Kind::Gif => "GIF",
            Kind::Unknown => "an unknown format",
        }
    }

    fn format(self) -> Option<ImageFormat> {
        match self {
            Kind::Jpeg => Some(ImageFormat::Jpeg),
            Kind::Png => Some(ImageFormat::Png),
            Kind::WebP => Some(ImageFormat::WebP),
            _ => None,
        }
    }
}

/// A decoded image, upright, as 8-bit RGB or RGBA.
pub struct Pixels {
    pub width: u32,
    pub height: u32,
    pub alpha: bool,
    pub data: Vec<u8>,
}

impl Pixels {
    fn pixel_type(&self) -> PixelType {
        if self.alpha {
            PixelType::U8x4
        } else {
            PixelType::U8x3
        }
    }

    /// Scaled to `width` × `height` (Lanczos3, alpha premultiplied while filtering); `crop`
    /// is the part of this image to scale, left, top, width, height.
    pub fn resized(&self, width: u32, height: u32, crop: Option<[f64; 4]>) -> Pixels {
        if (width, height) == (self.width, self.height) && crop.is_none() {
            return Pixels {
                data: self.data.clone(),
                ..*self
            };
        }
        let kind = self.pixel_type();
        let src = ImageRef::new(self.width, self.height, &self.data, kind)
            .expect("the buffer holds width × height pixels");
        let mut dst = Image::new(width, height, kind);
        let mut opts =
            ResizeOptions::new().resize_alg(ResizeAlg::Convolution(FilterType::Lanczos3));
        if let Some([l, t, w, h]) = crop {
            opts = opts.crop(l, t, w, h);
        }
        Resizer::new()
            .resize(&src, &mut dst, &opts)
            .expect("source and destination have the same pixel type");
        Pixels {
            width,
            height,
            alpha: self.alpha,
            data: dst.into_vec(),
        }
    }

    /// RGB on white, for JPEG, which has no alpha.
    fn rgb(&self) -> std::borrow::Cow<'_, [u8]> {
        if !self.alpha {
            return std::borrow::Cow::Borrowed(&self.data);
        }
        let mut out = Vec::with_capacity(self.data.len() / 4 * 3);
        for p in self.data.chunks_exact(4) {
            let a = u32::from(p[3]);
            for &c in &p[..3] {
                out.push(((u32::from(c) * a + 255 * (255 - a) + 127) / 255) as u8);
            }
        }
        std::borrow::Cow::Owned(out)
    }
}

/// The size and orientation of an image, read from its header without decoding it.
pub struct Header {
    pub kind: Kind,
    /// As stored.
    pub width: u32,
    pub height: u32,
    orientation: Orientation,
}

impl Header {
    /// Width and height as shown, the orientation applied.
    pub fn upright(&self) -> (u32, u32) {
        if self.turned() {
            (self.height, self.width)
        } else {
            (self.width, self.height)
        }
    }

    /// Whether the orientation turns the image by a quarter.
    fn turned(&self) -> bool {
        matches!(
            self.orientation,
            Orientation::Rotate90
                | Orientation::Rotate270
                | Orientation::Rotate90FlipH
                | Orientation::Rotate270FlipH
        )
    }

    /// Whether the orientation changes anything.
    pub fn oriented(&self) -> bool {
        self.orientation != Orientation::NoTransforms
    }
}

/// Why a file could not be read, in words for the person who made it.
fn reason(e: &image::ImageError) -> String {
    match e {
        image::ImageError::Limits(_) => {
            "it is larger than the stage reads (more than 50 megapixels)".to_string()
        }
        other => {
            let text = other.to_string();
            format!("the file is damaged or cut short ({text})")
        }
    }
}

fn decoder(bytes: &[u8], kind: Kind) -> Result<impl ImageDecoder + '_, String> {
    let format = kind
        .format()
        .ok_or_else(|| format!("it is {}, which the stage cannot read", kind.name()))?;
    let mut reader = image::ImageReader::with_format(std::io::Cursor::new(bytes), format);
    let mut limits = image::Limits::default();
    // Room for the pixels and the decoder's own buffers, for an image of MAX_PIXELS.
    limits.max_alloc = Some(MAX_PIXELS * 4 + (64 << 20));
    reader.limits(limits);
    reader.into_decoder().map_err(|e| reason(&e))
}

/// Reads the header: kind, size and orientation. Refuses images of more than [`MAX_PIXELS`],
/// and a JPEG cut short: the decoder would fill in what is missing with grey, and a half
/// photo would be published without a word.
pub fn header(bytes: &[u8]) -> Result<Header, String> {
    let kind = Kind::of(bytes);
    // The end-of-image marker, perhaps followed by padding. In the compressed data an FF
    // byte is followed by 00 or a restart marker, never by D9.
    let tail = &bytes[bytes.len().saturating_sub(1024)..];
    if kind == Kind::Jpeg && !tail.windows(2).any(|w| w == [0xFF, 0xD9]) {
        return Err(
            "the file is damaged or cut short (it does not end as a JPEG file does)".into(),
        );
    }
    let mut d = decoder(bytes, kind)?;
    let (width, height) = d.dimensions();
    if u64::from(width) * u64::from(height) > MAX_PIXELS {
        return Err(format!(
            "it is {width} × {height} pixels ({} megapixels); the stage reads up to {} megapixels",
            u64::from(width) * u64::from(height) / 1_000_000,
            MAX_PIXELS / 1_000_000
        ));
    }
    if width == 0 || height == 0 {
        return Err("it has no pixels".into());
    }
    let orientation = d.orientation().unwrap_or(Orientation::NoTransforms);
    Ok(Header {
        kind,
        width,
        height,
        orientation,
    })
}

/// Decodes the image and scales it to fit `max_width` (never up), upright: the orientation
/// is applied after scaling, to the small image, so a 12-megapixel photo is turned as a
/// 2-megapixel one. The full-size pixels are dropped before this returns.
pub fn decode_fit(bytes: &[u8], max_width: u32) -> Result<Pixels, String> {
    let head = header(bytes)?;
    let d = decoder(bytes, head.kind)?;
    let image = DynamicImage::from_decoder(d).map_err(|e| reason(&e))?;
    let alpha = image.color().has_alpha();
    let data = if alpha {
        image.into_rgba8().into_raw()
    } else {
        image.into_rgb8().into_raw()
    };
    let stored = Pixels {
        width: head.width,
        height: head.height,
        alpha,
        data,
    };
    let (up_w, up_h) = head.upright();
    let (w, h) = fit(up_w, up_h, max_width);
    let (sw, sh) = if head.turned() { (h, w) } else { (w, h) };
    let small = stored.resized(sw, sh, None);
    drop(stored);
    Ok(orient(small, head.orientation))
}

/// `width` × `height` scaled down to at most `max_width` wide, never up.
pub fn fit(width: u32, height: u32, max_width: u32) -> (u32, u32) {
    if width <= max_width {
        return (width, height);
    }
    let h = (u64::from(height) * u64::from(max_width) + u64::from(width) / 2) / u64::from(width);
    (max_width, (h as u32).max(1))
}

fn orient(p: Pixels, o: Orientation) -> Pixels {
    if o == Orientation::NoTransforms {
        return p;
    }
    let mut image = if p.alpha {
        DynamicImage::ImageRgba8(
            image::RgbaImage::from_raw(p.width, p.height, p.data)
                .expect("the buffer holds width × height pixels"),
        )
    } else {
        DynamicImage::ImageRgb8(
            image::RgbImage::from_raw(p.width, p.height, p.data)
                .expect("the buffer holds width × height pixels"),
        )
    };
    image.apply_orientation(o);
    Pixels {
        width: image.width(),
        height: image.height(),
        alpha: p.alpha,
        data: if p.alpha {
            image.into_rgba8().into_raw()
        } else {
            image.into_rgb8().into_raw()
        },
    }
}

/// Lossy WebP (libwebp, method 4: its default trade of speed for size). libwebp encodes
/// the same pixels with the same settings to the same bytes.
pub fn webp(p: &Pixels, quality: f32) -> Vec<u8> {
    let layout = if p.alpha {
        webp::PixelLayout::Rgba
    } else {
        webp::PixelLayout::Rgb
    };
    let encoder = webp::Encoder::new(&p.data, layout, p.width, p.height);
    let mut config = webp::WebPConfig::new().expect("libwebp's default configuration is valid");
    config.quality = quality;
    config.method = 4;
    config.alpha_compression = 1;
    match encoder.encode_advanced(&config) {
        Ok(mem) => mem.to_vec(),
        // Only sizes above WebP's 16,383-pixel limit fail, and variants are far smaller.
        Err(e) => panic!("libwebp refused a {}×{} image: {e:?}", p.width, p.height),
    }
}

/// Progressive JPEG with optimized Huffman tables and 4:2:0 chroma; alpha on white.
pub fn jpeg(p: &Pixels, quality: u8) -> Vec<u8> {
    let mut out = Vec::new();
    let mut e = jpeg_encoder::Encoder::new(&mut out, quality);
    e.set_progressive(true);
    e.set_optimized_huffman_tables(true);
    e.set_sampling_factor(jpeg_encoder::SamplingFactor::F_2_2);
    let width = u16::try_from(p.width).expect("variants are at most a few thousand pixels wide");
    let height = u16::try_from(p.height).expect("variants are at most a few thousand pixels high");
    e.encode(&p.rgb(), width, height, jpeg_encoder::ColorType::Rgb)
        .expect("the buffer holds width × height pixels");
    out
}

/// PNG, for the fallback of an image with transparency (JPEG has none).
pub fn png(p: &Pixels) -> Vec<u8> {
    let mut out = Vec::new();
    let color = if p.alpha {
        image::ExtendedColorType::Rgba8
    } else {
        image::ExtendedColorType::Rgb8
    };
    image::ImageEncoder::write_image(
        image::codecs::png::PngEncoder::new(&mut out),
        &p.data,
        p.width,
        p.height,
        color,
    )
    .expect("the buffer holds width × height pixels");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_by_their_first_bytes() {
        assert_eq!(Kind::of(b"\xFF\xD8\xFF\xE0"), Kind::Jpeg);
        assert_eq!(Kind::of(b"\0\0\0\x18ftypheic\0\0"), Kind::Heic);
        assert_eq!(Kind::of(b"\0\0\0\x18ftypmif1\0\0"), Kind::Heic);
        assert_eq!(Kind::of(b"\0\0\0\x18ftypavif\0\0"), Kind::Avif);
        assert_eq!(Kind::of(b"RIFF\0\0\0\0WEBPVP8 "), Kind::WebP);
        assert_eq!(Kind::of(b"public photo"), Kind::Unknown);
    }

    #[test]
    fn fitting_never_scales_up() {
        assert_eq!(fit(4000, 3000, 1600), (1600, 1200));
        assert_eq!(fit(3000, 4000, 1600), (1600, 2133));
        assert_eq!(fit(300, 200, 1600), (300, 200));
        assert_eq!(fit(5000, 1, 160), (160, 1));
    }
}
