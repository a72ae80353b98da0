//! The WebSocket endpoint over real loopback sockets: handshake, welcome, routing, offline queue
//! and drain, replies, pings.
#![allow(clippy::unwrap_used)]

mod sim_client;

use std::time::{Duration, Instant};

use futures_util::{SinkExt, StreamExt};
use pipes_media_core::event::{Media, ServerEvent};
use pipes_media_sim::{MediaSpec, MessageSpec, Simulator, DEFAULT_API_KEY, DEFAULT_USER};
use serde_json::json;
use sim_client::*;
use tokio_tungstenite::tungstenite::Message;

#[tokio::test]
async fn welcome_comes_first_in_both_scopes() {
    let sim = start(10).await;
    assert_eq!(sim.api_key(), DEFAULT_API_KEY);
    assert_eq!(DEFAULT_API_KEY.len(), 35);
    let (ws, welcome) = connect(&sim, &format!("apiKey={DEFAULT_API_KEY}")).await;
    assert_eq!(welcome["userId"], DEFAULT_USER);
    assert_eq!(welcome["scope"], "user");
    assert!(welcome.get("conversationId").is_none());
    assert_eq!(welcome["connectionId"].as_str().unwrap().len(), 36);

    sim.add_conversation(DEFAULT_USER, "conv_a");
    let (ws2, welcome2) = connect(
        &sim,
        &format!("apiKey={DEFAULT_API_KEY}&conversationId=conv_a"),
    )
    .await;
    assert_eq!(welcome2["scope"], "conversation");
    assert_eq!(welcome2["conversationId"], "conv_a");
    assert_ne!(welcome["connectionId"], welcome2["connectionId"]);
    // The core model parses the welcome.
    assert!(matches!(
        ServerEvent::from_value(welcome2).unwrap(),
        ServerEvent::Connected(_)
    ));
    assert_eq!(sim.connected_clients(), 2);
    close(ws).await;
    close(ws2).await;
    eventually(|| sim.connected_clients() == 0).await;
    assert_eq!(sim.stats().ws_connections, 2);
    sim.shutdown().await;
}

#[tokio::test]
async fn bad_keys_get_401_and_bad_conversations_403_before_upgrade() {
    let sim = start(10).await;
    sim.add_tenant("user_other", "pk_other_0123456789abcdefghijklmnopq");
    sim.add_conversation("user_other", "conv_theirs");
    assert_eq!(handshake_status(&sim, "").await, 401);
    assert_eq!(handshake_status(&sim, "apiKey=pk_wrong").await, 401);
    let key = sim.api_key();
    assert_eq!(
        handshake_status(&sim, &format!("apiKey={key}&conversationId=conv_nope")).await,
        403
    );
    assert_eq!(
        handshake_status(&sim, &format!("apiKey={key}&conversationId=conv_theirs")).await,
        403
    );
    let stats = sim.stats();
    assert_eq!(stats.ws_rejected, 4);
    assert_eq!(stats.ws_connections, 0);
    // The other tenant may open its own conversation.
    let (_ws, welcome) = connect(
        &sim,
        "apiKey=pk_other_0123456789abcdefghijklmnopq&conversationId=conv_theirs",
    )
    .await;
    assert_eq!(welcome["userId"], "user_other");
    sim.shutdown().await;
}

#[tokio::test]
async fn live_events_carry_every_field_and_parse_with_the_core_model() {
    let sim = start(10).await;
    let mut ws = connect_user(&sim).await;
    let media = sim.add_media(
        DEFAULT_USER,
        MediaSpec::bytes(&b"%PDF-1.4 tiny"[..], "application/pdf").file_name("c.pdf"),
    );
    let id = sim.send(
        DEFAULT_USER,
        MessageSpec::media("document", &media)
            .caption("Signed")
            .label("intake")
            .from("+447700900999", "Bo"),
    );
    let data = next_message(&mut ws).await;
    assert_eq!(data["messageId"], id.as_str());
    assert_eq!(data["type"], "document");
    assert_eq!(data["text"], "Signed");
    assert_eq!(data["body"], "Signed");
    assert_eq!(data["label"], "intake");
    assert_eq!(data["fromNumber"], "+447700900999");
    assert_eq!(data["fromName"], "Bo");
    assert!(data["conversationId"]
        .as_str()
        .unwrap()
        .starts_with("conv_"));
    assert!(data["poolNumberId"].is_string() && data["poolNumberPhoneNumber"].is_string());
    let ts = data["timestamp"].as_str().unwrap();
    assert!(ts.ends_with('Z') && ts.len() == 24, "{ts}");
    assert_eq!(data["media"]["mediaId"], media.as_str());
    assert_eq!(
        data["media"]["downloadUrl"],
        format!("/v1/media/download/{media}")
    );
    assert_eq!(data["media"]["mimeType"], "application/pdf");
    assert_eq!(data["media"]["fileName"], "c.pdf");
    assert_eq!(data["media"]["byteSize"], 13);

    // Unavailable media, no media, lying declarations, unknown types.
    sim.send(DEFAULT_USER, MessageSpec::unavailable("audio", "audio/ogg"));
    let data = next_message(&mut ws).await;
    assert_eq!(
        data["media"],
        json!({"mimeType": "audio/ogg", "byteSize": 0, "unavailable": true})
    );
    assert_eq!(data["text"], "");
    for kind in ["location", "contacts", "reaction", "poll"] {
        sim.send(DEFAULT_USER, MessageSpec::of_type(kind));
        let data = next_message(&mut ws).await;
        assert_eq!(data["type"], kind);
        assert!(data.get("media").is_none());
    }
    sim.send(
        DEFAULT_USER,
        MessageSpec::media("image", &media)
            .declared_mime("image/png")
            .declared_size(999)
            .file_name("x.png"),
    );
    let frame = next_text(&mut ws).await;
    let ServerEvent::Message(message) = ServerEvent::from_json(&frame).unwrap() else {
        panic!("{frame}")
    };
    let Some(Media::Available(m)) = &message.media else {
        panic!("available media")
    };
    assert_eq!(m.mime_type.as_deref(), Some("image/png"));
    assert_eq!(m.byte_size, 999);
    assert_eq!(m.file_name.as_deref(), Some("x.png"));
    assert_eq!(sim.stats().events_sent, 7);
    sim.shutdown().await;
}

#[tokio::test]
async fn conversation_scope_gets_only_its_conversation_and_never_drains() {
    let sim = start(10).await;
    sim.add_conversation(DEFAULT_USER, "conv_a");
    // Queued before anyone connects: a conversation connection must not drain it.
    let early = sim.send(
        DEFAULT_USER,
        MessageSpec::text("early").conversation("conv_a"),
    );
    let (mut conv, _) = connect(
        &sim,
        &format!("apiKey={}&conversationId=conv_a", sim.api_key()),
    )
    .await;
    assert_silent(&mut conv, 100).await;
    assert_eq!(sim.queued(DEFAULT_USER), 1);

    // Live, matching: delivered to the conversation connection.
    let live = sim.send(
        DEFAULT_USER,
        MessageSpec::text("for a").conversation("conv_a"),
    );
    assert_eq!(next_message(&mut conv).await["messageId"], live.as_str());
    // Not matching: queued.
    let other = sim.send(
        DEFAULT_USER,
        MessageSpec::text("for b").conversation("conv_b"),
    );
    assert_silent(&mut conv, 100).await;
    assert_eq!(sim.queued(DEFAULT_USER), 2);

    // A user connection drains both, oldest first; from now on it takes live events (and the
    // conversation connection, with a user connection open, gets nothing: §5 row 1).
    let mut user = connect_user(&sim).await;
    assert_eq!(next_message(&mut user).await["messageId"], early.as_str());
    assert_eq!(next_message(&mut user).await["messageId"], other.as_str());
    let third = sim.send(
        DEFAULT_USER,
        MessageSpec::text("again").conversation("conv_a"),
    );
    assert_eq!(next_message(&mut user).await["messageId"], third.as_str());
    assert_silent(&mut conv, 100).await;
    sim.shutdown().await;
}

#[tokio::test]
async fn drain_merges_senders_oldest_first_at_the_configured_pace() {
    let sim = start(100).await;
    let base = sim.now() - time::Duration::minutes(10);
    // Sent out of order, from three senders.
    let mut expected = Vec::new();
    for (i, minute) in [5i64, 1, 3, 0, 4, 2].into_iter().enumerate() {
        let sender = format!("+4477009000{}", i % 3);
        let id = sim.send(
            DEFAULT_USER,
            MessageSpec::text(format!("m{minute}"))
                .from(sender, "S")
                .timestamp(base + time::Duration::minutes(minute)),
        );
        expected.push((minute, id));
    }
    expected.sort();
    assert_eq!(sim.queued(DEFAULT_USER), 6);
    let mut ws = connect_user(&sim).await;
    let started = Instant::now();
    let mut got = Vec::new();
    for _ in 0..6 {
        got.push(
            next_message(&mut ws).await["messageId"]
                .as_str()
                .unwrap()
                .to_owned(),
        );
    }
    let elapsed = started.elapsed();
    let want: Vec<String> = expected.into_iter().map(|(_, id)| id).collect();
    assert_eq!(got, want);
    // First at once, then one per 100 ms: five intervals.
    assert!(elapsed >= Duration::from_millis(480), "{elapsed:?}");
    assert!(elapsed < Duration::from_secs(5), "{elapsed:?}");
    assert_eq!(sim.queued(DEFAULT_USER), 0);
    sim.shutdown().await;
}

#[tokio::test]
async fn live_events_interleave_with_a_slow_drain() {
    let sim = start(300).await;
    for i in 0..3 {
        sim.send(DEFAULT_USER, MessageSpec::text(format!("q{i}")));
    }
    let mut ws = connect_user(&sim).await;
    assert_eq!(next_message(&mut ws).await["text"], "q0");
    let live = sim.send(DEFAULT_USER, MessageSpec::text("live"));
    assert_eq!(next_message(&mut ws).await["messageId"], live.as_str());
    assert_eq!(next_message(&mut ws).await["text"], "q1");
    assert_eq!(next_message(&mut ws).await["text"], "q2");
    sim.shutdown().await;
}

#[tokio::test]
async fn queue_keeps_the_newest_100_per_sender_for_24_hours() {
    let sim = start(1).await;
    for i in 0..105 {
        sim.send(DEFAULT_USER, MessageSpec::text(format!("a{i}")));
    }
    sim.send(
        DEFAULT_USER,
        MessageSpec::text("b0").from("+15550009999", "B"),
    );
    assert_eq!(sim.queued(DEFAULT_USER), 101);
    assert_eq!(sim.stats().queue_dropped, 5);
    let mut ws = connect_user(&sim).await;
    let mut texts = Vec::new();
    for _ in 0..101 {
        texts.push(
            next_message(&mut ws).await["text"]
                .as_str()
                .unwrap()
                .to_owned(),
        );
    }
    assert_eq!(texts[0], "a5");
    assert_eq!(texts[99], "a104");
    assert_eq!(texts[100], "b0");
    close(ws).await;
    eventually(|| sim.connected_clients() == 0).await;

    // TTL: queued, then 24 h pass on the simulator clock.
    sim.send(DEFAULT_USER, MessageSpec::text("stale"));
    sim.advance(Duration::from_secs(24 * 3600 + 1));
    let fresh = sim.send(DEFAULT_USER, MessageSpec::text("fresh"));
    let mut ws = connect_user(&sim).await;
    assert_eq!(next_message(&mut ws).await["messageId"], fresh.as_str());
    assert_silent(&mut ws, 100).await;
    sim.shutdown().await;
}

#[tokio::test]
async fn a_connection_dropped_mid_drain_leaves_the_rest_queued() {
    let sim = start(200).await;
    let ids: Vec<String> = (0..5)
        .map(|i| sim.send(DEFAULT_USER, MessageSpec::text(format!("m{i}"))))
        .collect();
    let mut ws = connect_user(&sim).await;
    assert_eq!(next_message(&mut ws).await["messageId"], ids[0].as_str());
    assert_eq!(next_message(&mut ws).await["messageId"], ids[1].as_str());
    drop(ws); // abrupt
    eventually(|| sim.connected_clients() == 0).await;
    let left = sim.queued(DEFAULT_USER);
    assert!((2..=3).contains(&left), "{left} left");
    let mut ws = connect_user(&sim).await;
    let mut rest = Vec::new();
    for _ in 0..left {
        rest.push(
            next_message(&mut ws).await["messageId"]
                .as_str()
                .unwrap()
                .to_owned(),
        );
    }
    assert_eq!(rest, ids[5 - left..]);
    sim.shutdown().await;
}

#[tokio::test]
async fn two_user_connections_drain_each_message_once() {
    let sim = start(20).await;
    let ids: Vec<String> = (0..10)
        .map(|i| sim.send(DEFAULT_USER, MessageSpec::text(format!("m{i}"))))
        .collect();
    let (a, b) = tokio::join!(connect_user(&sim), connect_user(&sim));
    // Both connections read at once until every message has arrived (a stall of the test
    // machine only slows this down), then a quiet spell must bring no second copy.
    let mut both = futures_util::stream::select(a, b);
    let mut seen = Vec::new();
    let text = |frame: Message| match frame {
        Message::Text(t) => {
            let v: serde_json::Value = serde_json::from_str(t.as_str()).unwrap();
            Some(v["data"]["messageId"].as_str().unwrap().to_owned())
        }
        _ => None,
    };
    while seen.len() < ids.len() {
        let frame = tokio::time::timeout(Duration::from_secs(10), both.next())
            .await
            .expect("every queued message arrives")
            .expect("connection open")
            .unwrap();
        seen.extend(text(frame));
    }
    while let Ok(Some(Ok(frame))) =
        tokio::time::timeout(Duration::from_millis(300), both.next()).await
    {
        assert_eq!(text(frame), None, "a message was delivered twice");
    }
    seen.sort();
    let mut want = ids.clone();
    want.sort();
    assert_eq!(seen, want);
    // Live messages go to both user connections.
    sim.shutdown().await;
}

#[tokio::test]
async fn live_messages_reach_every_user_connection() {
    let sim = start(10).await;
    let mut a = connect_user(&sim).await;
    let mut b = connect_user(&sim).await;
    let id = sim.send(DEFAULT_USER, MessageSpec::text("hi"));
    assert_eq!(next_message(&mut a).await["messageId"], id.as_str());
    assert_eq!(next_message(&mut b).await["messageId"], id.as_str());
    sim.shutdown().await;
}

#[tokio::test]
async fn tenants_are_isolated() {
    let sim = start(10).await;
    sim.add_tenant("user_b", "pk_b_0123456789abcdefghijklmnopqrstu");
    let mut a = connect_user(&sim).await;
    let (mut b, _) = connect(&sim, "apiKey=pk_b_0123456789abcdefghijklmnopqrstu").await;
    let for_b = sim.send("user_b", MessageSpec::text("b"));
    assert_eq!(next_message(&mut b).await["messageId"], for_b.as_str());
    assert_silent(&mut a, 100).await;
    sim.shutdown().await;
}

#[tokio::test]
async fn pings_are_answered_and_raw_frames_pass_through() {
    let sim = start(10).await;
    sim.send_raw(DEFAULT_USER, "not json {".into()); // queued: nobody connected
    let mut ws = connect_user(&sim).await;
    assert_eq!(next_text(&mut ws).await, "not json {");
    ws.send(Message::Ping(b"hello"[..].into())).await.unwrap();
    let pong = tokio::time::timeout(Duration::from_secs(10), async {
        loop {
            match ws.next().await {
                Some(Ok(Message::Pong(p))) => return p,
                Some(Ok(_)) => continue,
                other => panic!("{other:?}"),
            }
        }
    })
    .await
    .unwrap();
    assert_eq!(&pong[..], b"hello");
    sim.send_raw(DEFAULT_USER, r#"{"type":"typing","data":{}}"#.into());
    assert_eq!(next_json(&mut ws).await["type"], "typing");
    assert_eq!(sim.stats().raw_frames_sent, 2);
    assert_eq!(sim.stats().events_sent, 0);
    sim.shutdown().await;
}

#[tokio::test]
async fn replies_get_one_status_each_in_order() {
    let sim = start(10).await;
    let mut ws = connect_user(&sim).await;
    sim.send(DEFAULT_USER, MessageSpec::text("hi").conversation("conv_r"));
    let data = next_message(&mut ws).await;
    let reply = |conv: &str, text: &str| {
        Message::Text(
            json!({"type": "whatsapp_reply", "data": {"conversationId": conv, "poolNumberId": data["poolNumberId"],
                "toNumber": data["fromNumber"], "text": text}})
            .to_string()
            .into(),
        )
    };
    ws.send(reply("conv_r", "ok")).await.unwrap();
    ws.send(reply("conv_unknown", "no")).await.unwrap();
    ws.send(reply("conv_r", &"x".repeat(4097))).await.unwrap();
    let first = next_json(&mut ws).await;
    assert_eq!(first["type"], "reply_status");
    assert_eq!(first["data"]["success"], true);
    assert!(first["data"]["messageId"]
        .as_str()
        .unwrap()
        .starts_with("wamid."));
    let second = next_json(&mut ws).await;
    assert_eq!(second["data"]["code"], "FORBIDDEN");
    assert_eq!(second["data"]["conversationId"], "conv_unknown");
    assert_eq!(next_json(&mut ws).await["data"]["code"], "BAD_REQUEST");
    sim.advance(Duration::from_secs(24 * 3600 + 60));
    ws.send(reply("conv_r", "late")).await.unwrap();
    let late = next_json(&mut ws).await;
    assert_eq!(late["data"]["success"], false);
    assert_eq!(late["data"]["code"], "SERVICE_WINDOW_EXPIRED");
    assert!(late["data"].get("messageId").is_none());

    // A conversation-scoped connection may reply only to its own conversation.
    sim.send(
        DEFAULT_USER,
        MessageSpec::text("new").conversation("conv_s"),
    );
    let (mut conv, _) = connect(
        &sim,
        &format!("apiKey={}&conversationId=conv_s", sim.api_key()),
    )
    .await;
    conv.send(reply("conv_r", "wrong scope")).await.unwrap();
    assert_eq!(next_json(&mut conv).await["data"]["code"], "FORBIDDEN");
    assert_eq!(sim.stats().replies_received, 5);
    sim.shutdown().await;
}

#[tokio::test]
async fn shutdown_closes_connections() {
    let sim = start(10).await;
    let mut ws = connect_user(&sim).await;
    let handle = sim.clone();
    handle.shutdown().await;
    let end = tokio::time::timeout(Duration::from_secs(10), async {
        loop {
            match ws.next().await {
                Some(Ok(Message::Close(_))) | None | Some(Err(_)) => return,
                Some(Ok(_)) => {}
            }
        }
    })
    .await;
    assert!(end.is_ok());
    assert_eq!(sim.connected_clients(), 0);
    // The listener is gone.
    assert!(
        tokio::net::TcpStream::connect(sim.base_url().trim_start_matches("http://"))
            .await
            .is_err()
    );
    let _: Simulator = sim;
}
