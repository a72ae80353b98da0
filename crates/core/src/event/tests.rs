use super::*;

const SEED: &str = r#"{
      "type": "whatsapp_message",
      "data": {
        "messageId": "msg_4Qe81", "conversationId": "conv_k2p9", "poolNumberId": "pool_51",
        "poolNumberPhoneNumber": "+15550001111", "fromNumber": "+447700900123", "fromName": "Ana Ruiz",
        "timestamp": "2025-03-02T08:15:42.120Z", "label": "intake", "type": "document",
        "text": "Signed contract", "body": "Signed contract",
        "media": { "mediaId": "Zx8Qm2LrT0vBn4KcWy7Pa", "downloadUrl": "/v1/media/download/Zx8Qm2LrT0vBn4KcWy7Pa",
          "mimeType": "application/pdf", "fileName": "contract-signed.pdf", "byteSize": 48213 }
      }
    }"#;

fn message(frame: &str) -> Message {
    match ServerEvent::from_json(frame) {
        Ok(ServerEvent::Message(m)) => m,
        other => panic!("expected a message, got {other:?}"),
    }
}

#[test]
fn parses_the_seed_document_message() {
    let m = message(SEED);
    assert_eq!(m.message_id, "msg_4Qe81");
    assert_eq!(m.kind, MessageType::Document);
    assert_eq!(m.from_name.as_deref(), Some("Ana Ruiz"));
    assert_eq!(m.label.as_deref(), Some("intake"));
    assert_eq!(m.text, "Signed contract");
    let media = m.available_media().expect("available");
    assert_eq!(media.id.as_str(), "Zx8Qm2LrT0vBn4KcWy7Pa");
    assert_eq!(media.mime_type.as_deref(), Some("application/pdf"));
    assert_eq!(media.file_name.as_deref(), Some("contract-signed.pdf"));
    assert_eq!(media.byte_size, 48213);
    assert_eq!(
        media.download_path().expect("valid id"),
        "/v1/media/download/Zx8Qm2LrT0vBn4KcWy7Pa"
    );
    let received = m.received_at().expect("timestamp parses");
    assert_eq!(received.unix_timestamp(), 1_740_903_342);
    assert_eq!(
        m.media_expires_at().expect("expiry").unix_timestamp() - received.unix_timestamp(),
        48 * 3600
    );
}

#[test]
fn parses_welcome_frames_of_both_scopes() {
    let user = r#"{ "type": "connected", "userId": "user_7f3a", "connectionId": "6f1c", "scope": "user" }"#;
    let conv = r#"{ "type": "connected", "userId": "u", "connectionId": "0c9e", "scope": "conversation", "conversationId": "conv_k2p9", "extra": 1 }"#;
    let ServerEvent::Connected(w) = ServerEvent::from_json(user).expect("parses") else {
        panic!("not a welcome")
    };
    assert_eq!(w.scope, Scope::User);
    assert_eq!(w.conversation_id, None);
    let ServerEvent::Connected(w) = ServerEvent::from_json(conv).expect("parses") else {
        panic!("not a welcome")
    };
    assert_eq!(w.scope, Scope::Conversation);
    assert_eq!(w.conversation_id.as_deref(), Some("conv_k2p9"));
}

#[test]
fn parses_reply_status_success_and_failure() {
    let ok = r#"{ "type": "reply_status", "data": { "conversationId": "c", "success": true, "messageId": "wamid.X" } }"#;
    let err = r#"{ "type": "reply_status", "data": { "conversationId": "c", "success": false, "error": "old", "code": "SERVICE_WINDOW_EXPIRED" } }"#;
    let ServerEvent::ReplyStatus(s) = ServerEvent::from_json(ok).expect("parses") else {
        panic!()
    };
    assert!(s.success);
    assert_eq!(s.message_id.as_deref(), Some("wamid.X"));
    let ServerEvent::ReplyStatus(s) = ServerEvent::from_json(err).expect("parses") else {
        panic!()
    };
    assert!(!s.success);
    assert_eq!(s.code.as_deref(), Some("SERVICE_WINDOW_EXPIRED"));
}

fn with_type(kind: &str, media: Option<&str>) -> String {
    let media = media
        .map(|m| format!(r#","media":{m}"#))
        .unwrap_or_default();
    format!(
        r#"{{"type":"whatsapp_message","data":{{"messageId":"m","conversationId":"c","poolNumberId":"p",
            "poolNumberPhoneNumber":"+1","fromNumber":"+2","timestamp":"2025-03-02T08:15:42Z","type":"{kind}",
            "text":"","body":""{media}}}}}"#
    )
}

#[test]
fn parses_every_message_type() {
    let media = r#"{"mediaId":"abc_DEF-123","downloadUrl":"/v1/media/download/abc_DEF-123","mimeType":"x/y","byteSize":5}"#;
    for kind in ["image", "audio", "video", "document", "sticker"] {
        let m = message(&with_type(kind, Some(media)));
        assert_eq!(m.kind.as_str(), kind);
        assert!(m.kind.has_media());
        assert!(m.available_media().is_some(), "{kind} has media");
    }
    for kind in ["text", "location", "contacts", "reaction"] {
        let m = message(&with_type(kind, None));
        assert_eq!(m.kind.as_str(), kind);
        assert!(!m.kind.has_media());
        assert!(m.media.is_none());
    }
    let m = message(&with_type("poll", None));
    assert_eq!(m.kind, MessageType::Other("poll".into()));
    assert!(!m.kind.has_media());
}

#[test]
fn optional_fields_may_be_missing_or_null() {
    let frame = r#"{"type":"whatsapp_message","data":{"messageId":"m","conversationId":"c","poolNumberId":"p",
            "poolNumberPhoneNumber":"+1","fromNumber":"+2","timestamp":"2025-03-02T08:15:42Z","type":"image",
            "text":null,"fromName":null,"label":null,"unknownField":{"deep":[1,2]},
            "media":{"mediaId":"abc","mimeType":"image/jpeg","fileName":null,"byteSize":null,"future":true}}}"#;
    let m = message(frame);
    assert_eq!(m.text, "");
    assert_eq!(m.body, "");
    assert_eq!(m.from_name, None);
    let media = m.available_media().expect("available");
    assert_eq!(media.file_name, None);
    assert_eq!(media.byte_size, 0);
}

#[test]
fn unavailable_media_has_no_id_and_no_download() {
    let m = message(&with_type(
        "audio",
        Some(r#"{"mimeType":"audio/ogg","byteSize":0,"unavailable":true}"#),
    ));
    let Some(Media::Unavailable(u)) = &m.media else {
        panic!("expected unavailable")
    };
    assert!(u.reported);
    assert_eq!(u.mime_type.as_deref(), Some("audio/ogg"));
    assert!(m.available_media().is_none());
    // An id next to `unavailable: true` is still unavailable: the flag wins.
    let m = message(&with_type(
        "audio",
        Some(r#"{"mediaId":"x","mimeType":"audio/ogg","byteSize":0,"unavailable":true}"#),
    ));
    assert!(m.available_media().is_none());
    // No id and no flag: nothing to download either.
    let m = message(&with_type(
        "image",
        Some(r#"{"mimeType":"image/png","byteSize":3}"#),
    ));
    assert!(matches!(&m.media, Some(Media::Unavailable(u)) if !u.reported));
}

#[test]
fn unknown_frame_types_are_kept_raw() {
    let frame = r#"{"type":"typing","data":{"who":"x"}}"#;
    let ServerEvent::Unknown(raw) = ServerEvent::from_json(frame).expect("never an error") else {
        panic!()
    };
    assert_eq!(raw["data"]["who"], "x");
}

#[test]
fn malformed_frames_are_typed_errors() {
    for bad in [
        "",
        "{",
        "not json",
        "[1,2]",
        "42",
        r#"{"type":7}"#,
        r#"{"data":{}}"#,
        r#"{"type":"whatsapp_message"}"#,
        r#"{"type":"whatsapp_message","data":{"messageId":7}}"#,
        r#"{"type":"whatsapp_message","data":[1]}"#,
        r#"{"type":"connected"}"#,
    ] {
        assert!(ServerEvent::from_json(bad).is_err(), "{bad:?} must fail");
    }
}

#[test]
fn media_ids_that_could_change_the_path_are_refused() {
    for bad in ["", "../x", "a/b", "a%2Fb", "a b", "ü", "a?b", "a#b"] {
        assert!(MediaId::new(bad).to_path_segment().is_err(), "{bad:?}");
    }
    let long = "a".repeat(300);
    assert!(MediaId::new(long).to_path_segment().is_err());
    assert!(MediaId::new("Zx8Qm2LrT0vBn4KcWy7Pa")
        .to_path_segment()
        .is_ok());
}

#[test]
fn hostile_download_url_is_never_used() {
    let m = message(&with_type(
        "image",
        Some(
            r#"{"mediaId":"abc","downloadUrl":"https://evil.example/steal","mimeType":"image/png","byteSize":1}"#,
        ),
    ));
    let path = m.available_media().expect("available").download_path();
    assert_eq!(path.expect("valid"), "/v1/media/download/abc");
}

#[test]
fn messages_round_trip_through_json() {
    let m = message(SEED);
    let json = serde_json::to_string(&m).expect("serialises");
    let back: Message = serde_json::from_str(&json).expect("parses back");
    assert_eq!(m, back);
}

proptest::proptest! {
    #[test]
    fn arbitrary_text_never_panics(s in ".{0,300}") {
        let _ = ServerEvent::from_json(&s);
    }
}

#[test]
fn a_message_with_odd_fields_is_still_a_message() {
    // Only the id is needed: everything else is read leniently, so the message gets its line.
    let m = message(r#"{"type":"whatsapp_message","data":{"messageId":"m"}}"#);
    assert_eq!(m.message_id, "m");
    assert_eq!(m.kind, MessageType::Other(String::new()));
    assert!(!m.kind.has_media());
    let m = message(
        r#"{"type":"whatsapp_message","data":{"messageId":"n","timestamp":1740903342.5,
            "conversationId":42,"fromNumber":null,"type":"image","text":["x"],"fromName":{"a":1},
            "media":{"mediaId":"abc","mimeType":7,"fileName":false,"byteSize":-3,"unavailable":"yes"}}}"#,
    );
    assert_eq!(m.timestamp, "1740903342.5");
    assert_eq!(m.conversation_id, "42");
    assert_eq!(m.from_number, "");
    assert_eq!(m.text, "");
    assert_eq!(m.from_name, None);
    let media = m
        .available_media()
        .expect("an id and no real `unavailable: true`");
    assert_eq!(media.mime_type.as_deref(), Some("7"));
    assert_eq!(media.byte_size, 0);
    let m = message(
        r#"{"type":"whatsapp_message","data":{"messageId":"o","type":"image","media":"x"}}"#,
    );
    assert!(m.media.is_none());
}

#[test]
fn deadlines_never_overflow() {
    for (ts, expires) in [
        ("9999-12-31T23:59:59.999Z", false),
        ("9999-12-30T00:00:00Z", false),
        ("9999-12-29T23:59:59Z", true),
        ("0001-01-01T00:00:00Z", true),
        ("2025-06-30T23:59:60Z", true),
        ("2025-03-02T08:15:42.120+14:00", true),
        ("2025-03-02T08:15:42-12:00", true),
        ("-1", false),
        ("", false),
        ("1e400", false),
    ] {
        let frame = format!(
            r#"{{"type":"whatsapp_message","data":{{"messageId":"m","type":"text","timestamp":"{ts}"}}}}"#
        );
        let m = message(&frame);
        let _ = m.received_at();
        let expiry = m.media_expires_at();
        if expires {
            assert!(expiry.is_some(), "{ts}");
        } else {
            assert!(expiry.is_none(), "{ts}");
        }
    }
}

proptest::proptest! {
    #[test]
    fn any_json_in_any_field_never_panics(
        key in proptest::sample::select(vec!["timestamp", "type", "media", "text", "fromName", "conversationId", "messageId"]),
        value in arbitrary_json(),
    ) {
        let mut data = serde_json::json!({"messageId": "m", "type": "image", "timestamp": "2025-03-02T08:15:42Z",
            "media": {"mediaId": "abc", "mimeType": "image/jpeg", "byteSize": 3}});
        data[key] = value;
        let frame = serde_json::json!({"type": "whatsapp_message", "data": data});
        if let Ok(ServerEvent::Message(m)) = ServerEvent::from_value(frame) {
            let _ = m.media_expires_at();
            let _ = serde_json::to_string(&m);
        }
    }
}

fn arbitrary_json() -> impl proptest::strategy::Strategy<Value = serde_json::Value> {
    use proptest::prelude::*;
    let leaf = prop_oneof![
        Just(serde_json::Value::Null),
        any::<bool>().prop_map(serde_json::Value::Bool),
        any::<i64>().prop_map(|n| serde_json::json!(n)),
        any::<f64>().prop_map(|f| serde_json::json!(f)),
        ".{0,40}".prop_map(serde_json::Value::String),
    ];
    leaf.prop_recursive(3, 16, 4, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..4).prop_map(serde_json::Value::Array),
            proptest::collection::hash_map(".{0,8}", inner, 0..4)
                .prop_map(|m| serde_json::Value::Object(m.into_iter().collect())),
        ]
    })
}

#[test]
fn a_message_frame_that_is_not_json_we_take_is_unreadable_not_gone() {
    let frame = r#"{"type":"whatsapp_message","data":{"messageId":"m\"1","type":"image","media":{"byteSize":1e400}}}"#;
    match ServerEvent::from_json(frame) {
        Ok(ServerEvent::Unreadable(u)) => {
            assert_eq!(u.message_id, "m\"1");
            assert!(u.reason.contains("number"), "{}", u.reason);
        }
        other => panic!("{other:?}"),
    }
    let frame =
        r#"{"type":"whatsapp_message","data":{"messageId":"x","media":{"mediaId":{"a":1}}}}"#;
    assert!(matches!(
        ServerEvent::from_json(frame),
        Ok(ServerEvent::Message(_) | ServerEvent::Unreadable(_))
    ));
    assert!(
        ServerEvent::from_json(r#"{"type":"whatsapp_message","data":{"messageId":1e400}}"#)
            .is_err()
    );
    assert!(ServerEvent::from_json(r#"{"type":"other","messageId":"x", 1e400}"#).is_err());
}
