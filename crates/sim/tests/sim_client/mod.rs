//! Shared test kit: a simulator with fast pacing, a WebSocket client and an HTTP client that
//! never follows redirects.
#![allow(dead_code, clippy::unwrap_used)]

use std::time::Duration;

use futures_util::{SinkExt, StreamExt};
use pipes_media_sim::Simulator;
use serde_json::Value;
use tokio::net::TcpStream;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::{MaybeTlsStream, WebSocketStream};

pub type Ws = WebSocketStream<MaybeTlsStream<TcpStream>>;

/// A simulator draining one event every `drain_ms`.
pub async fn start(drain_ms: u64) -> Simulator {
    Simulator::builder()
        .drain_interval(Duration::from_millis(drain_ms))
        .start()
        .await
        .unwrap()
}

pub fn ws_url(sim: &Simulator, query: &str) -> String {
    format!(
        "{}/ws?{query}",
        sim.base_url().replacen("http://", "ws://", 1)
    )
}

/// Connects with `query` and returns the socket and the welcome frame.
pub async fn connect(sim: &Simulator, query: &str) -> (Ws, Value) {
    let (mut ws, _) = tokio_tungstenite::connect_async(ws_url(sim, query))
        .await
        .unwrap();
    let welcome = next_json(&mut ws).await;
    assert_eq!(welcome["type"], "connected", "welcome first: {welcome}");
    (ws, welcome)
}

/// Connects as the default user.
pub async fn connect_user(sim: &Simulator) -> Ws {
    connect(sim, &format!("apiKey={}", sim.api_key())).await.0
}

/// The HTTP status of a refused handshake.
pub async fn handshake_status(sim: &Simulator, query: &str) -> u16 {
    match tokio_tungstenite::connect_async(ws_url(sim, query)).await {
        Ok(_) => 101,
        Err(tokio_tungstenite::tungstenite::Error::Http(response)) => response.status().as_u16(),
        Err(other) => panic!("unexpected handshake error {other}"),
    }
}

/// The next text frame (5 s at most), as JSON; `Value::String` when it is not JSON.
pub async fn next_text(ws: &mut Ws) -> String {
    loop {
        let frame = tokio::time::timeout(Duration::from_secs(5), ws.next())
            .await
            .expect("a frame within 5 s")
            .expect("the stream is open")
            .expect("no socket error");
        match frame {
            Message::Text(text) => return text.as_str().to_owned(),
            Message::Ping(_) | Message::Pong(_) => continue,
            other => panic!("unexpected frame {other:?}"),
        }
    }
}

pub async fn next_json(ws: &mut Ws) -> Value {
    let text = next_text(ws).await;
    serde_json::from_str(&text).unwrap_or(Value::String(text))
}

/// The next `whatsapp_message`'s data.
pub async fn next_message(ws: &mut Ws) -> Value {
    let frame = next_json(ws).await;
    assert_eq!(frame["type"], "whatsapp_message", "{frame}");
    frame["data"].clone()
}

/// Asserts no text frame arrives within `ms`.
pub async fn assert_silent(ws: &mut Ws, ms: u64) {
    if let Ok(Some(Ok(Message::Text(text)))) =
        tokio::time::timeout(Duration::from_millis(ms), ws.next()).await
    {
        panic!("unexpected frame {text}");
    }
}

/// Closes politely.
pub async fn close(mut ws: Ws) {
    let _ = ws.send(Message::Close(None)).await;
    while let Ok(Some(Ok(_))) = tokio::time::timeout(Duration::from_secs(2), ws.next()).await {}
}

/// Waits until `cond` holds (10 s at most: generous, so a loaded test machine only slows it).
pub async fn eventually(mut cond: impl FnMut() -> bool) {
    for _ in 0..1000 {
        if cond() {
            return;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    panic!("condition not reached within 10 s");
}

/// An HTTP client that does not follow redirects.
pub fn http() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

/// `GET /v1/media/download/{id}` with `key` (none when `None`).
pub async fn download(
    client: &reqwest::Client,
    sim: &Simulator,
    id: &str,
    key: Option<&str>,
) -> reqwest::Response {
    let mut request = client.get(format!("{}/v1/media/download/{id}", sim.base_url()));
    if let Some(key) = key {
        request = request.bearer_auth(key);
    }
    request.send().await.unwrap()
}

/// The presigned URL the download endpoint redirects to.
pub async fn presigned(client: &reqwest::Client, sim: &Simulator, id: &str) -> String {
    let response = download(client, sim, id, Some(&sim.api_key())).await;
    assert_eq!(response.status(), 302);
    response.headers()["location"].to_str().unwrap().to_owned()
}

/// Downloads `id` the way a client must: redirect, then a GET without credentials.
pub async fn fetch(client: &reqwest::Client, sim: &Simulator, id: &str) -> Vec<u8> {
    let url = presigned(client, sim, id).await;
    let response = client.get(url).send().await.unwrap();
    assert_eq!(response.status(), 200);
    response.bytes().await.unwrap().to_vec()
}

/// The whole body of a GET of `url`, optionally with a `Range` header.
pub async fn get_body(client: &reqwest::Client, url: &str, range: Option<&str>) -> Vec<u8> {
    let mut request = client.get(url);
    if let Some(range) = range {
        request = request.header("range", range);
    }
    request
        .send()
        .await
        .unwrap()
        .bytes()
        .await
        .unwrap()
        .to_vec()
}

/// Reads a body chunk by chunk to its end: the bytes received, and whether it ended cleanly
/// (`Err` when the connection was cut short).
pub async fn drain(mut response: reqwest::Response) -> (usize, Result<(), reqwest::Error>) {
    let mut got = 0usize;
    loop {
        match response.chunk().await {
            Ok(Some(chunk)) => got += chunk.len(),
            Ok(None) => return (got, Ok(())),
            Err(error) => return (got, Err(error)),
        }
    }
}

/// Asserts an error response's status and JSON code.
pub async fn assert_error(response: reqwest::Response, status: u16, code: &str) {
    assert_eq!(response.status().as_u16(), status);
    let body: Value = serde_json::from_slice(&response.bytes().await.unwrap()).unwrap();
    assert_eq!(body["code"], code, "{body}");
    assert!(body["error"].is_string(), "{body}");
}
