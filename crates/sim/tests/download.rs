//! Media download over real loopback sockets: redirect to the presigned listener, every error
//! code, expiry and retention on the simulator clock, Range, generated and file media, stats.
#![allow(clippy::unwrap_used)]

mod sim_client;

use std::time::Duration;

use pipes_media_sim::{generated_sha256, MediaSpec, MessageSpec, DEFAULT_USER};
use sha2::{Digest, Sha256};
use sim_client::*;

#[tokio::test]
async fn download_redirects_to_another_origin_that_serves_the_bytes() {
    let sim = start(10).await;
    let client = http();
    let id = sim.add_media(
        DEFAULT_USER,
        MediaSpec::bytes(&b"\x89PNG\r\n\x1a\nrest"[..], "image/png"),
    );
    assert_eq!(id.len(), 21);
    let url = presigned(&client, &sim, &id).await;
    assert!(
        url.starts_with(&format!("{}/o/", sim.storage_url())),
        "{url}"
    );
    assert_ne!(sim.storage_url(), sim.base_url());
    assert!(url.contains("exp=") && url.contains("sig="));
    let response = client.get(&url).send().await.unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["content-type"], "image/png");
    assert_eq!(response.headers()["content-length"], "12");
    assert_eq!(
        &response.bytes().await.unwrap()[..],
        b"\x89PNG\r\n\x1a\nrest"
    );
    // The URL can be used again until it expires.
    assert_eq!(client.get(&url).send().await.unwrap().status(), 200);
    let stats = sim.stats();
    assert_eq!(stats.download_requests, 1);
    assert_eq!(stats.redirects, 1);
    assert_eq!(stats.storage_requests, 2);
    assert_eq!(stats.auth_headers_at_storage, 0);
    assert_eq!(stats.bytes_served, 24);
    assert_eq!(stats.downloads_by_media[&id], 1);
    sim.shutdown().await;
}

#[tokio::test]
async fn every_download_error_code() {
    let sim = start(10).await;
    sim.add_tenant("user_b", "pk_b_0123456789abcdefghijklmnopqrstu");
    let client = http();
    let mine = sim.add_media(DEFAULT_USER, MediaSpec::bytes(&b"x"[..], "text/plain"));
    let theirs = sim.add_media("user_b", MediaSpec::bytes(&b"y"[..], "text/plain"));
    let key = sim.api_key();
    assert_error(
        download(&client, &sim, &mine, None).await,
        401,
        "UNAUTHORIZED",
    )
    .await;
    assert_error(
        download(&client, &sim, &mine, Some("pk_wrong")).await,
        401,
        "UNAUTHORIZED",
    )
    .await;
    assert_error(
        download(&client, &sim, &theirs, Some(&key)).await,
        403,
        "FORBIDDEN",
    )
    .await;
    assert_error(
        download(&client, &sim, "AAAAAAAAAAAAAAAAAAAAA", Some(&key)).await,
        404,
        "NOT_FOUND",
    )
    .await;
    // Retention from the message timestamp (A15): a message 49 h old has expired media.
    let old = sim.add_media(DEFAULT_USER, MediaSpec::bytes(&b"z"[..], "text/plain"));
    sim.send(
        DEFAULT_USER,
        MessageSpec::media("document", &old).timestamp(sim.now() - time::Duration::hours(49)),
    );
    assert_error(
        download(&client, &sim, &old, Some(&key)).await,
        410,
        "MEDIA_EXPIRED",
    )
    .await;
    // And on the moving clock.
    assert_eq!(
        download(&client, &sim, &mine, Some(&key)).await.status(),
        302
    );
    sim.advance(Duration::from_secs(47 * 3600));
    assert_eq!(
        download(&client, &sim, &mine, Some(&key)).await.status(),
        302
    );
    sim.advance(Duration::from_secs(3600 + 1));
    assert_error(
        download(&client, &sim, &mine, Some(&key)).await,
        410,
        "MEDIA_EXPIRED",
    )
    .await;
    // Unknown paths on both listeners.
    let response = client
        .get(format!("{}/v1/nothing", sim.base_url()))
        .send()
        .await
        .unwrap();
    assert_error(response, 404, "NOT_FOUND").await;
    assert_eq!(sim.stats().redirects, 2);
    assert_eq!(sim.stats().downloads_by_media[&mine], 5);
    sim.shutdown().await;
}

#[tokio::test]
async fn presigned_urls_expire_on_the_sim_clock_and_cannot_be_forged() {
    let sim = start(10).await;
    let client = http();
    let id = sim.add_media(DEFAULT_USER, MediaSpec::bytes(&b"abc"[..], "text/plain"));
    let url = presigned(&client, &sim, &id).await;
    sim.advance(Duration::from_secs(4 * 60));
    assert_eq!(client.get(&url).send().await.unwrap().status(), 200);
    sim.advance(Duration::from_secs(61 + 1));
    assert_eq!(client.get(&url).send().await.unwrap().status(), 403);
    // A new redirect works again.
    assert_eq!(fetch(&client, &sim, &id).await, b"abc");
    // Tampering with token, expiry or signature is refused.
    let url = presigned(&client, &sim, &id).await;
    let exp: i64 = url
        .split("exp=")
        .nth(1)
        .unwrap()
        .split('&')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    let later = url.replace(&format!("exp={exp}"), &format!("exp={}", exp + 3600));
    assert_eq!(client.get(later).send().await.unwrap().status(), 403);
    let bad_sig = format!("{}0", &url[..url.len() - 1]);
    let bad_sig = if bad_sig == url {
        format!("{}1", &url[..url.len() - 1])
    } else {
        bad_sig
    };
    assert_eq!(client.get(bad_sig).send().await.unwrap().status(), 403);
    let no_query = url.split('?').next().unwrap().to_owned();
    assert_eq!(client.get(no_query).send().await.unwrap().status(), 403);
    sim.shutdown().await;
}

#[tokio::test]
async fn authorization_headers_reaching_storage_are_counted() {
    let sim = start(10).await;
    let client = http();
    let id = sim.add_media(DEFAULT_USER, MediaSpec::bytes(&b"abc"[..], "text/plain"));
    let url = presigned(&client, &sim, &id).await;
    let response = client
        .get(&url)
        .bearer_auth(sim.api_key())
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(sim.stats().auth_headers_at_storage, 1);
    sim.shutdown().await;
}

#[tokio::test]
async fn range_requests_get_206() {
    let sim = start(10).await;
    let client = http();
    let id = sim.add_media(
        DEFAULT_USER,
        MediaSpec::bytes(&b"0123456789"[..], "text/plain"),
    );
    let url = presigned(&client, &sim, &id).await;
    let response = client
        .get(&url)
        .header("range", "bytes=4-")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 206);
    assert_eq!(response.headers()["content-range"], "bytes 4-9/10");
    assert_eq!(response.headers()["content-length"], "6");
    assert_eq!(&response.bytes().await.unwrap()[..], b"456789");
    let response = client
        .get(&url)
        .header("range", "bytes=10-")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 416);
    assert_eq!(sim.stats().range_requests, 1);

    // Generated media: a range is the tail of the same byte sequence.
    let gen = sim.add_media(
        DEFAULT_USER,
        MediaSpec::generated(1_000_003, 9, "video/mp4"),
    );
    let url = presigned(&client, &sim, &gen).await;
    let whole = get_body(&client, &url, None).await;
    let tail = get_body(&client, &url, Some("bytes=777777-")).await;
    assert_eq!(&whole[777_777..], &tail[..]);
    sim.shutdown().await;
}

#[tokio::test]
async fn generated_media_streams_with_the_promised_hash() {
    let sim = start(10).await;
    let client = http();
    let len = 8 * 1024 * 1024 + 3;
    let id = sim.add_media(
        DEFAULT_USER,
        MediaSpec::generated(len, 1234, "application/octet-stream"),
    );
    let url = presigned(&client, &sim, &id).await;
    let mut response = client.get(&url).send().await.unwrap();
    assert_eq!(
        response.headers()["content-length"],
        len.to_string().as_str()
    );
    let mut hasher = Sha256::new();
    let mut total = 0u64;
    while let Some(chunk) = response.chunk().await.unwrap() {
        total += chunk.len() as u64;
        hasher.update(&chunk);
    }
    assert_eq!(total, len);
    assert_eq!(hex::encode(hasher.finalize()), generated_sha256(len, 1234));
    assert_eq!(sim.stats().bytes_served, len);
    sim.shutdown().await;
}

#[tokio::test]
async fn files_and_directories_are_served_from_disk() {
    let dir = tempfile::tempdir().unwrap();
    let names = ["a.jpg", "b.webp", "c.opus", "d.mp4", "e.pdf", "f.bin"];
    for (i, name) in names.iter().enumerate() {
        std::fs::write(dir.path().join(name), vec![i as u8; 1000 + i]).unwrap();
    }
    std::fs::write(dir.path().join(".hidden"), b"no").unwrap();
    std::fs::create_dir(dir.path().join("sub")).unwrap();
    let sim = start(1).await;
    let ids = sim.load_dir(DEFAULT_USER, dir.path()).unwrap();
    assert_eq!(ids.len(), 6);
    let mut ws = connect_user(&sim).await;
    let client = http();
    let kinds = ["image", "sticker", "audio", "video", "document", "document"];
    for (i, (id, kind)) in ids.iter().zip(kinds).enumerate() {
        let data = next_message(&mut ws).await;
        assert_eq!(data["messageId"], id.as_str());
        assert_eq!(data["type"], kind);
        assert_eq!(data["media"]["byteSize"], 1000 + i);
        if kind == "document" {
            assert_eq!(data["media"]["fileName"], names[i]);
        } else {
            assert!(data["media"].get("fileName").is_none());
        }
        let media = data["media"]["mediaId"].as_str().unwrap();
        assert_eq!(fetch(&client, &sim, media).await, vec![i as u8; 1000 + i]);
    }
    // A file that vanished is a 404 at the storage host.
    let gone = sim.add_media(
        DEFAULT_USER,
        MediaSpec::file(dir.path().join("missing"), "text/plain"),
    );
    let url = presigned(&client, &sim, &gone).await;
    assert_eq!(client.get(url).send().await.unwrap().status(), 404);
    sim.shutdown().await;
}

/// A file of several chunks comes back whole and byte-exact, a Range from its middle is the
/// same tail, and a file that shrank after it was listed ends the body early instead of
/// padding it.
#[tokio::test]
async fn large_files_stream_whole_by_range_and_shrunk() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.bin");
    let data: Vec<u8> = (0..3 * 256 * 1024 + 5).map(|i| (i % 251) as u8).collect();
    std::fs::write(&path, &data).unwrap();
    let sim = start(10).await;
    let client = http();
    let id = sim.add_media(
        DEFAULT_USER,
        MediaSpec::file(&path, "application/octet-stream"),
    );
    let url = presigned(&client, &sim, &id).await;
    assert_eq!(get_body(&client, &url, None).await, data);
    let response = client
        .get(&url)
        .header("range", "bytes=300000-")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 206);
    assert_eq!(&response.bytes().await.unwrap()[..], &data[300_000..]);

    // Shrink a file between the request's stat and the body's reads: the promised length
    // cannot be met, so the connection is cut short (a client sees a truncated body). The file
    // is far larger than the socket buffers, so the server cannot have read it all before the
    // shrink while this client is not reading.
    let big = dir.path().join("shrinks.bin");
    let len = 64 * 1024 * 1024;
    std::fs::write(&big, vec![7u8; len]).unwrap();
    let shrink = sim.add_media(
        DEFAULT_USER,
        MediaSpec::file(&big, "application/octet-stream"),
    );
    let url = presigned(&client, &sim, &shrink).await;
    let response = client.get(&url).send().await.unwrap();
    assert_eq!(
        response.headers()["content-length"],
        len.to_string().as_str()
    );
    std::fs::write(&big, &data[..1000]).unwrap();
    let (got, ended) = drain(response).await;
    assert!(ended.is_err(), "a short file must not end the body cleanly");
    assert!(got < len, "{got}");
    sim.shutdown().await;
}

#[tokio::test]
async fn declared_size_can_lie() {
    let sim = start(10).await;
    let mut ws = connect_user(&sim).await;
    let id = sim.add_media(
        DEFAULT_USER,
        MediaSpec::bytes(&b"abcdef"[..], "image/jpeg").declared_size(1),
    );
    sim.send(DEFAULT_USER, MessageSpec::media("image", &id));
    assert_eq!(next_message(&mut ws).await["media"]["byteSize"], 1);
    assert_eq!(fetch(&http(), &sim, &id).await.len(), 6);
    sim.shutdown().await;
}
