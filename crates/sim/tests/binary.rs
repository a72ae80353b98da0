//! The `pipes-sim` binary: starts, prints where it listens without leaking a given key, serves
//! a directory, stops on SIGTERM.
#![allow(clippy::unwrap_used)]
#![cfg(unix)]

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::Duration;

use futures_util::StreamExt;
use tokio_tungstenite::tungstenite::Message;

#[tokio::test]
async fn serves_a_directory_and_never_prints_the_given_key() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.pdf"), b"%PDF-1.4").unwrap();
    std::fs::write(dir.path().join("b.jpg"), b"\xff\xd8\xff").unwrap();
    let key = "pk_given_on_the_command_line_0123";
    let mut child = Command::new(env!("CARGO_BIN_EXE_pipes-sim"))
        .args(["--port", "0", "--drain-ms", "10", "--key", key, "--dir"])
        .arg(dir.path())
        .env("RUST_LOG", "warn")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let lines = tokio::task::spawn_blocking(move || {
        BufReader::new(stdout)
            .lines()
            .map_while(Result::ok)
            .take_while(|l| !l.starts_with("Ctrl-C"))
            .collect::<Vec<_>>()
    })
    .await
    .unwrap();
    let text = lines.join("\n");
    assert!(!text.contains(key), "{text}");
    assert!(
        text.contains("PIPES_API_KEY=<the key given with --key>"),
        "{text}"
    );
    assert!(text.contains("2 message(s) queued"), "{text}");
    let base = lines[0].rsplit(' ').next().unwrap().to_owned();
    assert!(base.starts_with("http://127.0.0.1:"), "{base}");

    let url = format!("{}/ws?apiKey={key}", base.replacen("http://", "ws://", 1));
    let (mut ws, _) = tokio_tungstenite::connect_async(url).await.unwrap();
    let mut types = Vec::new();
    while types.len() < 3 {
        match tokio::time::timeout(Duration::from_secs(5), ws.next())
            .await
            .unwrap()
        {
            Some(Ok(Message::Text(t))) => {
                let v: serde_json::Value = serde_json::from_str(t.as_str()).unwrap();
                types.push(v["data"]["type"].as_str().unwrap_or("connected").to_owned());
            }
            Some(Ok(_)) => {}
            other => panic!("{other:?}"),
        }
    }
    assert_eq!(types, ["connected", "document", "image"]);

    // SIGTERM stops it cleanly.
    Command::new("kill")
        .arg(child.id().to_string())
        .status()
        .unwrap();
    let status = tokio::task::spawn_blocking(move || child.wait())
        .await
        .unwrap()
        .unwrap();
    assert!(status.success(), "{status:?}");
}
