//! Document information: the `Info` dictionary's text entries and its dates as RFC 3339.

use lopdf::Document;

use crate::PdfInfo;

/// The `Info` entries of `doc` (title, author, producer, creator, creation date).
pub(crate) fn info(doc: &Document) -> PdfInfo {
    let dict = doc
        .trailer
        .get(b"Info")
        .ok()
        .and_then(|i| doc.dereference(i).ok())
        .and_then(|(_, i)| i.as_dict().ok());
    let text = |key: &[u8]| {
        let value = dict?.get(key).ok()?;
        let value = doc.dereference(value).ok()?.1;
        let s = lopdf::decode_text_string(value).ok()?;
        let s: String = s.chars().filter(|c| !c.is_control()).collect();
        let s = s.trim();
        (!s.is_empty()).then(|| s.to_owned())
    };
    PdfInfo {
        title: text(b"Title"),
        author: text(b"Author"),
        producer: text(b"Producer"),
        creator: text(b"Creator"),
        created: text(b"CreationDate").and_then(|d| pdf_date(&d)),
        ..PdfInfo::default()
    }
}

/// `D:YYYYMMDDHHmmSSOHH'mm'` (every part after the year optional) as RFC 3339.
pub(crate) fn pdf_date(raw: &str) -> Option<String> {
    let s = raw.trim().strip_prefix("D:").unwrap_or(raw.trim());
    let digits = |from: usize, len: usize, default: u32| -> Option<u32> {
        match s.get(from..from + len) {
            Some(part) if part.bytes().all(|b| b.is_ascii_digit()) => part.parse().ok(),
            Some(_) => None,
            None => Some(default),
        }
    };
    let year = digits(0, 4, 0).filter(|_| s.len() >= 4)?;
    let month = digits(4, 2, 1)?;
    let day = digits(6, 2, 1)?;
    let hour = digits(8, 2, 0)?;
    let minute = digits(10, 2, 0)?;
    let second = digits(12, 2, 0)?;
    if !(1..=12).contains(&month)
        || !(1..=31).contains(&day)
        || hour > 23
        || minute > 59
        || second > 60
    {
        return None;
    }
    let zone = s.get(14..).unwrap_or("");
    let offset = match zone.chars().next() {
        Some(sign @ ('+' | '-')) => {
            let rest: String = zone.chars().skip(1).filter(char::is_ascii_digit).collect();
            let oh: u32 = rest.get(0..2).and_then(|h| h.parse().ok()).unwrap_or(0);
            let om: u32 = rest.get(2..4).and_then(|m| m.parse().ok()).unwrap_or(0);
            format!("{sign}{oh:02}:{om:02}")
        }
        _ => "Z".to_owned(),
    };
    Some(format!(
        "{year:04}-{month:02}-{day:02}T{hour:02}:{minute:02}:{second:02}{offset}"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        assert_eq!(
            pdf_date("D:20240131120501+01'00'").as_deref(),
            Some("2024-01-31T12:05:01+01:00")
        );
        assert_eq!(pdf_date("D:2024").as_deref(), Some("2024-01-01T00:00:00Z"));
        assert_eq!(pdf_date("D:20241301").as_deref(), None);
        assert_eq!(pdf_date("garbage").as_deref(), None);
        assert_eq!(
            pdf_date("D:20240131120501Z").as_deref(),
            Some("2024-01-31T12:05:01Z")
        );
    }
}
