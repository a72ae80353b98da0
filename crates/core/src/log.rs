//! Wire-derived text in logs: [`escape`] keeps a hostile value from forging log lines or
//! reaching the terminal.

use std::borrow::Cow;
use std::fmt::Write;

/// `value` with every control character (newlines, ESC, C1 controls, bidi overrides) written
/// as an escape (`\n`, `\u{1b}`…), so a message id, file name or error body from the wire can
/// neither start a fake log line nor send terminal sequences. Long values are cut at 256
/// characters. Borrowed when nothing needed escaping.
///
/// ```
/// use pipes_media_core::log::escape;
/// assert_eq!(escape("msg_1"), "msg_1");
/// assert_eq!(escape("a\nINFO fake line"), "a\\nINFO fake line");
/// assert_eq!(escape("\u{1b}[31mred"), "\\u{1b}[31mred");
/// ```
pub fn escape(value: &str) -> Cow<'_, str> {
    const MAX: usize = 256;
    let needs = value.chars().any(is_unsafe) || value.chars().nth(MAX).is_some();
    if !needs {
        return Cow::Borrowed(value);
    }
    let mut out = String::with_capacity(value.len().min(MAX * 2));
    for (n, c) in value.chars().enumerate() {
        if n == MAX {
            out.push('…');
            break;
        }
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if is_unsafe(c) => {
                let _ = write!(out, "\\u{{{:x}}}", c as u32);
            }
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

fn is_unsafe(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{2028}' | '\u{2029}')
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn no_control_character_survives() {
        for raw in [
            "\u{0}",
            "\u{7f}",
            "\u{85}",
            "\u{9b}2J",
            "x\u{202e}gpj.exe",
            "a\r\nb",
            "\u{2028}",
        ] {
            let escaped = escape(raw);
            assert!(
                !escaped
                    .chars()
                    .any(|c| c.is_control() || c == '\u{202e}' || c == '\u{2028}'),
                "{raw:?} -> {escaped:?}"
            );
        }
        assert!(escape(&"x".repeat(10_000)).chars().count() <= 257);
    }
}
