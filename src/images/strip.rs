//! Metadata out of a file published whole (an original, when site.yaml asks for them, or
//! an image under static/ that no content shows as an image): EXIF (GPS position, camera,
//! date), XMP, IPTC, comments and text chunks are removed and the pixels are left exactly
//! as they were, by copying the file's parts and leaving those out.
//!
//! Kept: what the pixels need to look right (JFIF and Adobe segments of a JPEG, its ICC
//! colour profile; a PNG's colour and transparency chunks; a WebP's ICC profile and
//! animation). The orientation lives in EXIF, so a file whose orientation turns it is
//! re-encoded upright instead (see `mod.rs`).

/// `bytes` without metadata, or `None` if the file's structure cannot be followed (then
/// it is not published as it is).
pub fn strip(bytes: &[u8]) -> Option<Vec<u8>> {
    match super::codec::Kind::of(bytes) {
        super::codec::Kind::Jpeg => jpeg(bytes),
        super::codec::Kind::Png => png(bytes),
        super::codec::Kind::WebP => webp(bytes),
        _ => None,
    }
}

/// JPEG segments up to the first scan: APP0 (JFIF), APP2 when it is an ICC profile, and
/// APP14 (Adobe: the colour transform) are kept with every non-APP segment; the other
/// APPn (EXIF and XMP in APP1, IPTC in APP13, makers' data) and COM are dropped. From the
/// scan on, the file is copied as it is.
fn jpeg(b: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(b.len());
    out.extend_from_slice(b.get(..2)?);
    let mut i = 2;
    loop {
        // Fill bytes before a marker are allowed.
        while b.get(i) == Some(&0xFF) && b.get(i + 1) == Some(&0xFF) {
            i += 1;
        }
        if *b.get(i)? != 0xFF {
            return None;
        }
        let marker = *b.get(i + 1)?;
        if marker == 0xDA {
            out.extend_from_slice(&b[i..]);
            return Some(out);
        }
        let len = usize::from(u16::from_be_bytes([*b.get(i + 2)?, *b.get(i + 3)?]));
        let segment = b.get(i..i + 2 + len)?;
        let payload = &segment[4.min(segment.len())..];
        let keep = match marker {
            0xE0 | 0xEE => true,
            0xE2 => payload.starts_with(b"ICC_PROFILE\0"),
            0xE1 | 0xE3..=0xED | 0xEF | 0xFE => false,
            _ => true,
        };
        if keep {
            out.extend_from_slice(segment);
        }
        i += 2 + len;
    }
}

/// PNG chunks, each copied whole with its CRC; text (tEXt, zTXt, iTXt), EXIF (eXIf) and
/// the time of the last edit (tIME) are dropped.
fn png(b: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(b.len());
    out.extend_from_slice(b.get(..8)?);
    let mut i = 8;
    while i < b.len() {
        let len = u32::from_be_bytes(b.get(i..i + 4)?.try_into().ok()?) as usize;
        let kind = b.get(i + 4..i + 8)?;
        let chunk = b.get(i..i + 12 + len)?;
        if !matches!(kind, b"tEXt" | b"zTXt" | b"iTXt" | b"eXIf" | b"tIME") {
            out.extend_from_slice(chunk);
        }
        i += 12 + len;
        if kind == b"IEND" {
            return Some(out);
        }
    }
    None
}

/// WebP (RIFF) chunks without EXIF and XMP, the extended header's flags for them cleared
/// and the RIFF size made right.
fn webp(b: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(b.len());
    out.extend_from_slice(b.get(..12)?);
    let mut i = 12;
    while i + 8 <= b.len() {
        let kind = &b[i..i + 4];
        let len = u32::from_le_bytes(b[i + 4..i + 8].try_into().ok()?) as usize;
        let padded = len + (len & 1);
        let chunk = b.get(i..(i + 8 + padded).min(b.len()))?;
        if chunk.len() < 8 + len {
            return None;
        }
        match kind {
            b"EXIF" | b"XMP " => {}
            b"VP8X" => {
                let at = out.len();
                out.extend_from_slice(chunk);
                // Flags: bit 3 EXIF, bit 2 XMP.
                *out.get_mut(at + 8)? &= !0b0000_1100;
            }
            _ => out.extend_from_slice(chunk),
        }
        i += 8 + padded;
    }
    let size = u32::try_from(out.len() - 8).ok()?;
    out[4..8].copy_from_slice(&size.to_le_bytes());
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jpeg_loses_exif_xmp_iptc_and_comments_but_not_its_scan() {
        let mut f = vec![0xFF, 0xD8];
        let seg = |m: u8, payload: &[u8]| {
            let mut s = vec![0xFF, m];
            s.extend_from_slice(&((payload.len() + 2) as u16).to_be_bytes());
            s.extend_from_slice(payload);
            s
        };
        f.extend(seg(0xE0, b"JFIF\0\x01\x01"));
        f.extend(seg(0xE1, b"Exif\0\0GPS"));
        f.extend(seg(0xE1, b"http://ns.adobe.com/xap/1.0/\0x"));
        f.extend(seg(0xE2, b"ICC_PROFILE\0\x01\x01p"));
        f.extend(seg(0xED, b"Photoshop 3.0\0IPTC"));
        f.extend(seg(0xFE, b"comment"));
        f.extend(seg(0xDB, b"quant"));
        f.extend_from_slice(&[0xFF, 0xDA, 0, 2, 1, 2, 3, 0xFF, 0xD9]);
        let s = strip(&f).expect("a JPEG");
        let text = String::from_utf8_lossy(&s);
        for gone in ["Exif", "adobe", "IPTC", "comment"] {
            assert!(!text.contains(gone), "{gone} in {text}");
        }
        for kept in ["JFIF", "ICC_PROFILE", "quant"] {
            assert!(text.contains(kept), "{kept} missing in {text}");
        }
        assert!(s.ends_with(&[0xFF, 0xDA, 0, 2, 1, 2, 3, 0xFF, 0xD9]));
        assert_eq!(strip(&f[..20]), None, "a file cut short");
    }

    #[test]
    fn png_loses_its_text_chunks() {
        let chunk = |kind: &[u8], data: &[u8]| {
            let mut c = (data.len() as u32).to_be_bytes().to_vec();
            c.extend_from_slice(kind);
            c.extend_from_slice(data);
            c.extend_from_slice(&[0, 0, 0, 0]);
            c
        };
        let mut f = b"\x89PNG\r\n\x1a\n".to_vec();
        f.extend(chunk(b"IHDR", &[0; 13]));
        f.extend(chunk(b"tEXt", b"Author\0me"));
        f.extend(chunk(b"eXIf", b"MM\0*GPS"));
        f.extend(chunk(b"IDAT", b"pixels"));
        f.extend(chunk(b"IEND", b""));
        let s = strip(&f).expect("a PNG");
        let text = String::from_utf8_lossy(&s);
        assert!(!text.contains("Author") && !text.contains("GPS"), "{text}");
        assert!(text.contains("IHDR") && text.contains("pixels") && text.contains("IEND"));
    }

    #[test]
    fn webp_loses_exif_and_xmp_and_says_so_in_its_header() {
        let chunk = |kind: &[u8], data: &[u8]| {
            let mut c = kind.to_vec();
            c.extend_from_slice(&(data.len() as u32).to_le_bytes());
            c.extend_from_slice(data);
            if data.len() % 2 == 1 {
                c.push(0);
            }
            c
        };
        let mut body = b"WEBP".to_vec();
        body.extend(chunk(b"VP8X", &[0b0000_1100, 0, 0, 0, 0, 0, 0, 0, 0, 0]));
        body.extend(chunk(b"VP8 ", b"frame"));
        body.extend(chunk(b"EXIF", b"GPS"));
        body.extend(chunk(b"XMP ", b"<x:xmpmeta/>"));
        let mut f = b"RIFF".to_vec();
        f.extend_from_slice(&(body.len() as u32).to_le_bytes());
        f.extend(body);
        let s = strip(&f).expect("a WebP");
        let text = String::from_utf8_lossy(&s);
        assert!(!text.contains("GPS") && !text.contains("xmpmeta"), "{text}");
        assert_eq!(s[20], 0, "flags");
        assert_eq!(
            u32::from_le_bytes(s[4..8].try_into().expect("4 bytes")) as usize,
            s.len() - 8
        );
    }
}
