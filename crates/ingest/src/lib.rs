//! Pipes.bot client: WebSocket source and media downloader.
