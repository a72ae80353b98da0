//! Logs cannot be forged from the download side: an error body with newlines, terminal escapes
//! and bidi overrides reaches the logs escaped (one event, one line), and the key never does.
//! One test per binary: it installs the process-wide subscriber that captures everything.

mod sim_server;

use std::io::Write;
use std::sync::{Arc, Mutex};

use pipes_media_sim::{MediaSpec, MessageSpec, DEFAULT_USER};
use sim_server::{downloader, media, quick_queue, run, sim};

#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .extend_from_slice(bytes);
        Ok(bytes.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

const FORGED: &str = "Bad id\nINFO pipes_media: all clear\r\n\u{1b}[2J\u{202e}gpj.exe";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn error_bodies_are_logged_escaped_and_the_key_never() {
    let captured = Captured::default();
    let writer = captured.clone();
    tracing_subscriber::fmt()
        .with_max_level(tracing::Level::DEBUG)
        .with_ansi(false)
        .with_writer(move || writer.clone())
        .init();

    let sim = sim().await;
    let id = sim.add_media(DEFAULT_USER, MediaSpec::bytes(vec![1u8; 10], "image/png"));
    sim.faults().error_text(Some(FORGED.to_owned()));
    let dir = tempfile::tempdir().expect("tempdir");
    // A 503's text is only logged; a 400 keeps it in its error (and the report).
    sim.faults().fail_downloads(503, 1);
    let error = downloader(&sim)
        .download(&media(&id, 10), &dir.path().join("m.part"))
        .await
        .expect_err("503");
    assert_eq!(error.code(), "HTTP_503");
    assert!(!error.to_string().contains("Bad id"), "{error}");
    sim.faults().fail_downloads(400, 1);
    let error = downloader(&sim)
        .download(&media(&id, 10), &dir.path().join("m.part"))
        .await
        .expect_err("400");
    assert_eq!(error.code(), "BAD_REQUEST");
    assert!(error.to_string().contains("Bad id"), "{error}");
    let msg = sim.send(DEFAULT_USER, MessageSpec::media("image", &id));
    sim.faults().fail_downloads(400, 1);
    let r = run(&sim, 1, |b| b.queue(quick_queue(2))).await;
    assert_eq!(r.line(&msg)["error"]["code"], "BAD_REQUEST");
    assert_eq!(
        r.line(&msg)["error"]["message"],
        format!("400 from Pipes.bot: {FORGED}"),
        "the report keeps the text as it was (JSON escapes it)"
    );
    sim.shutdown().await;

    let logs =
        String::from_utf8_lossy(&captured.0.lock().unwrap_or_else(|e| e.into_inner())).into_owned();
    let escaped = "Bad id\\nINFO pipes_media: all clear\\r\\n\\u{1b}[2J\\u{202e}gpj.exe";
    assert!(
        logs.matches(escaped).count() >= 3,
        "the text is logged, escaped, for the 503, the 400 and the run:\n{logs}"
    );
    for line in logs.lines() {
        assert!(
            !line.starts_with("INFO pipes_media: all clear"),
            "forged line: {line}"
        );
    }
    assert!(
        !logs.contains('\u{1b}'),
        "a terminal escape reached the log"
    );
    assert!(
        !logs.contains('\u{202e}'),
        "a bidi override reached the log"
    );
    assert!(!logs.contains('\r'), "a carriage return reached the log");
    assert!(
        !logs.contains(&sim_server_key()),
        "the API key reached the log"
    );
}

fn sim_server_key() -> String {
    pipes_media_sim::DEFAULT_API_KEY.to_owned()
}
