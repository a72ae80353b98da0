//! Text: plain text vs binary, then HTML, SVG, XML, vCard, iCalendar and `#!` scripts.

use super::source::Source;
use super::{Danger, Sniffed};

/// How much of an SVG past the head is scanned for active content.
const SVG_SCAN: usize = 1024 * 1024;
/// How much of the text the markup checks look at.
const MARKUP_WINDOW: usize = 4096;

/// HTML elements whose presence as the first tag makes a browser sniff HTML (WHATWG MIME
/// sniffing, plus a few that matter for active content).
const HTML_TAGS: &[&str] = &[
    "html", "head", "script", "iframe", "h1", "div", "font", "table", "a", "style", "title", "b",
    "body", "br", "p", "meta", "link", "form", "img", "object", "embed", "frameset", "span",
];

pub(super) fn sniff(src: &mut Source<'_>) -> Option<Sniffed> {
    let head = src.head();
    let (text, encoding) = decode(head, !src.head_is_whole())?;
    let trimmed = text.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{feff}');
    let window: String = trimmed
        .chars()
        .take(MARKUP_WINDOW)
        .collect::<String>()
        .to_lowercase();

    if let Some(rest) = trimmed.strip_prefix("#!") {
        let (mime, format) = script(rest);
        return Some(Sniffed::new(mime, format).danger(Danger::Script));
    }
    if window.starts_with('<') {
        if let Some(found) = markup(&window, src) {
            return Some(found);
        }
    }
    if window.starts_with("begin:vcard") {
        return Some(Sniffed::new("text/vcard", "vcard"));
    }
    if window.starts_with("begin:vcalendar") {
        return Some(Sniffed::new("text/calendar", "ical"));
    }
    Some(Sniffed::new("text/plain", encoding))
}

/// The head as text, with its encoding, or `None` when it looks binary. `cut` says the head
/// may end inside a character.
fn decode(head: &[u8], cut: bool) -> Option<(String, &'static str)> {
    if let Some(rest) = head.strip_prefix(b"\xEF\xBB\xBF") {
        return utf8(rest, cut).map(|t| (t, "utf8"));
    }
    let utf16 = |rest: &[u8], le: bool| -> Option<String> {
        let units: Vec<u16> = rest
            .chunks_exact(2)
            .map(|c| {
                if le {
                    u16::from_le_bytes([c[0], c[1]])
                } else {
                    u16::from_be_bytes([c[0], c[1]])
                }
            })
            .collect();
        let text = String::from_utf16_lossy(&units);
        (!text.chars().any(is_binary_char)).then_some(text)
    };
    if let Some(rest) = head.strip_prefix(b"\xFF\xFE") {
        return utf16(rest, true).map(|t| (t, "utf16"));
    }
    if let Some(rest) = head.strip_prefix(b"\xFE\xFF") {
        return utf16(rest, false).map(|t| (t, "utf16"));
    }
    if let Some(text) = utf8(head, cut) {
        let format = if text.is_ascii() { "ascii" } else { "utf8" };
        return Some((text, format));
    }
    // A legacy 8-bit encoding: no control bytes, some high bytes.
    if head.iter().any(|&b| is_binary_byte(b) || b == 0x7F) {
        return None;
    }
    Some((head.iter().map(|&b| char::from(b)).collect(), "8bit"))
}

fn utf8(bytes: &[u8], cut: bool) -> Option<String> {
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text,
        // Only an incomplete character at the very end of a cut head is forgiven.
        Err(e) if e.error_len().is_none() && (cut || bytes.len() - e.valid_up_to() < 4) => {
            std::str::from_utf8(bytes.get(..e.valid_up_to())?).ok()?
        }
        Err(_) => return None,
    };
    (!text.chars().any(is_binary_char)).then(|| text.to_owned())
}

fn is_binary_byte(b: u8) -> bool {
    matches!(b, 0x00..=0x08 | 0x0E..=0x1A | 0x1C..=0x1F)
}

fn is_binary_char(c: char) -> bool {
    u8::try_from(c).is_ok_and(is_binary_byte)
}

/// `#!` scripts, by interpreter.
fn script(line: &str) -> (&'static str, &'static str) {
    let line = line.lines().next().unwrap_or_default();
    let mut words = line.split_whitespace();
    let first = words.next().unwrap_or_default();
    let mut name = first.rsplit('/').next().unwrap_or_default();
    if name == "env" {
        name = words.find(|w| !w.starts_with('-')).unwrap_or_default();
    }
    let name = name.trim_end_matches(|c: char| c.is_ascii_digit() || c == '.');
    match name {
        "python" => ("text/x-python", "python"),
        "perl" => ("text/x-perl", "perl"),
        "ruby" => ("text/x-ruby", "ruby"),
        "node" | "nodejs" | "deno" | "bun" => ("text/javascript", "javascript"),
        "php" => ("application/x-php", "php"),
        "lua" => ("text/x-lua", "lua"),
        "pwsh" => ("text/x-powershell", "powershell"),
        _ => ("text/x-shellscript", "shell"),
    }
}

/// Markup whose first thing is `<`: HTML, SVG, XHTML, XML (or a DTD, left to plain text).
fn markup(window: &str, src: &mut Source<'_>) -> Option<Sniffed> {
    let has_decl = window.starts_with("<?xml");
    let mut saw_comment = false;
    let mut rest = window;
    // Skip the prolog: declarations, processing instructions, comments, a doctype.
    for _ in 0..64 {
        rest = rest.trim_start();
        if let Some(after) = rest.strip_prefix("<?") {
            rest = after.split_once("?>").map_or("", |(_, r)| r);
        } else if let Some(after) = rest.strip_prefix("<!--") {
            saw_comment = true;
            rest = after.split_once("-->").map_or("", |(_, r)| r);
        } else if let Some(after) = rest.strip_prefix("<!doctype") {
            let doctype = after.trim_start();
            if doctype.starts_with("html") {
                return Some(html());
            }
            if doctype.starts_with("svg") {
                return Some(svg(src));
            }
            rest = skip_doctype(after);
        } else {
            break;
        }
    }
    // WHATWG sniffing takes a leading comment for HTML; an XML declaration or a DTD after it
    // says otherwise.
    let comment_led = saw_comment && !has_decl;
    let Some(tag) = rest.strip_prefix('<') else {
        return if has_decl {
            Some(xml(window))
        } else if comment_led && rest.is_empty() {
            Some(html())
        } else {
            None
        };
    };
    if tag.starts_with('!') {
        // `<!ENTITY`, `<!ELEMENT`: a DTD, plain text unless declared XML.
        return has_decl.then(|| xml(window));
    }
    let name: String = tag
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, ':' | '-' | '_' | '.'))
        .collect();
    let local = name.rsplit(':').next().unwrap_or_default();
    if local == "svg" {
        return Some(svg(src));
    }
    if local == "html" && has_decl {
        return Some(Sniffed::new("application/xhtml+xml", "xhtml").danger(Danger::Html));
    }
    let terminated = tag
        .get(name.len()..)
        .and_then(|t| t.chars().next())
        .is_some_and(|c| c == '>' || c == '/' || c.is_whitespace());
    if !has_decl && ((terminated && HTML_TAGS.contains(&name.as_str())) || comment_led) {
        return Some(html());
    }
    if has_decl || (!name.is_empty() && window.contains(&format!("</{name}>"))) {
        return Some(xml(window));
    }
    None
}

/// After `<!doctype`: skips to the end of the doctype, internal subset (`[ … ]`) included.
fn skip_doctype(after: &str) -> &str {
    let close = after.find('>').unwrap_or(after.len());
    let subset = after.find('[').filter(|&open| open < close);
    let end = match subset {
        Some(open) => after
            .get(open..)
            .and_then(|s| s.find("]>"))
            .map(|i| open + i + 2),
        None => Some(close + 1),
    };
    end.and_then(|e| after.get(e..)).unwrap_or("")
}

fn xml(window: &str) -> Sniffed {
    let mut found = Sniffed::new("text/xml", "xml");
    let active = ["<script", "http://www.w3.org/1999/xhtml", "javascript:"];
    if active.iter().any(|a| window.contains(a)) {
        found.add_danger(Danger::XmlActive);
    }
    found
}

fn html() -> Sniffed {
    Sniffed::new("text/html", "html").danger(Danger::Html)
}

/// SVG, scanned (head plus up to [`SVG_SCAN`] more bytes) for scripts and other active content.
fn svg(src: &mut Source<'_>) -> Sniffed {
    let mut found = Sniffed::new("image/svg+xml", "svg");
    let head = src.head();
    let mut bytes = head.to_vec();
    let scanned_to = if src.head_is_whole() {
        src.len()
    } else {
        let more = src.read_at(head.len() as u64, SVG_SCAN);
        let to = head.len() as u64 + more.len() as u64;
        bytes.extend(more);
        to
    };
    if scanned_to < src.len() {
        found.add_danger(Danger::SvgUnscanned);
    }
    if svg_is_active(&bytes) {
        found.add_danger(Danger::SvgScript);
    }
    found
}

fn svg_is_active(bytes: &[u8]) -> bool {
    const MARKERS: &[&[u8]] = &[
        b"<script",
        b"javascript:",
        b"<foreignobject",
        b"<iframe",
        b"<embed",
        b"<object",
        b"<handler",
        b"data:text/html",
        b"<html",
        b":script",
    ];
    let lower = bytes.to_ascii_lowercase();
    if MARKERS
        .iter()
        .any(|m| lower.windows(m.len()).any(|w| w == *m))
    {
        return true;
    }
    // Event handler attributes: whitespace, `on`, letters, optional spaces, `=`.
    lower.windows(3).enumerate().any(|(i, w)| {
        if !(w[0].is_ascii_whitespace() || w[0] == b'/' || w[0] == b'"' || w[0] == b'\'')
            || &w[1..] != b"on"
        {
            return false;
        }
        let after = lower.get(i + 3..).unwrap_or_default();
        let letters = after.iter().take_while(|b| b.is_ascii_alphabetic()).count();
        letters > 0
            && after
                .get(letters..)
                .unwrap_or_default()
                .iter()
                .find(|b| !b.is_ascii_whitespace())
                == Some(&b'=')
    })
}

#[cfg(test)]
mod tests {
    use super::super::{sniff_head, Danger};

    #[test]
    fn plain_text_and_binary() {
        assert_eq!(
            sniff_head("Привет, мир!\n".as_bytes()).mime,
            Some("text/plain")
        );
        assert_eq!(sniff_head(b"caf\xe9 cr\xe8me").format, Some("8bit"));
        assert_eq!(sniff_head(b"abc\0def\x01").mime, None);
        let mut cut = "ééé".as_bytes().to_vec();
        cut.pop();
        assert_eq!(sniff_head(&cut).mime, Some("text/plain"));
    }

    #[test]
    fn html_is_dangerous() {
        for page in [
            "<!DOCTYPE html><p>x",
            "  <html><body>",
            "<script>alert(1)</script>",
            "<!-- c --><div>x</div>",
        ] {
            let s = sniff_head(page.as_bytes());
            assert_eq!(s.mime, Some("text/html"), "{page}");
            assert_eq!(s.dangers, vec![Danger::Html]);
        }
        assert_eq!(sniff_head(b"<abc is not html").mime, Some("text/plain"));
    }

    #[test]
    fn svg_with_and_without_script() {
        let clean = br#"<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><rect font="1" width="2"><title>on=off</title></rect></svg>"#;
        let s = sniff_head(clean);
        assert_eq!((s.mime, s.is_dangerous()), (Some("image/svg+xml"), false));
        let script = br#"<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>"#;
        assert_eq!(sniff_head(script).dangers, vec![Danger::SvgScript]);
        let handler = br#"<svg><rect onload = "alert(1)"/></svg>"#;
        assert_eq!(sniff_head(handler).dangers, vec![Danger::SvgScript]);
    }

    #[test]
    fn xml_vcard_scripts() {
        let xml = sniff_head(b"<?xml version='1.0'?><note><to>x</to></note>");
        assert_eq!((xml.mime, xml.is_dangerous()), (Some("text/xml"), false));
        let xhtml = sniff_head(b"<?xml version='1.0'?><html xmlns='http://www.w3.org/1999/xhtml'>");
        assert_eq!(xhtml.mime, Some("application/xhtml+xml"));
        let xsl = b"<?xml version='1.0'?>\n<!DOCTYPE x [\n<!ENTITY a SYSTEM 'b'>\n]>\n<x:y/>";
        assert_eq!(sniff_head(xsl).mime, Some("text/xml"));
        let dtd = b"<!-- a DTD -->\n<!ENTITY % x 'y'>\n<!ELEMENT a (b)>";
        assert_eq!(sniff_head(dtd).mime, Some("text/plain"));
        assert_eq!(
            sniff_head(b"BEGIN:VCARD\r\nVERSION:3.0\r\n").mime,
            Some("text/vcard")
        );
        let sh = sniff_head(b"#!/bin/sh\nrm -rf ~\n");
        assert_eq!(
            (sh.mime, sh.dangers),
            (Some("text/x-shellscript"), vec![Danger::Script])
        );
        assert_eq!(
            sniff_head(b"#!/usr/bin/env python3\nprint(1)\n").mime,
            Some("text/x-python")
        );
    }
}
