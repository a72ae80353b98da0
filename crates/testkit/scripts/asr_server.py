#!/usr/bin/env python3
"""A speech recogniser on loopback for the pipes-media tests: an OpenAI-compatible
`POST /v1/audio/transcriptions` (multipart `file`, `model`, optional `language`) answered with
`{"text": ..., "language": "en"}`, decoded by pocketsphinx's US English model.

Works with Debian's python3-pocketsphinx (0.1.x, model from pocketsphinx-en-us) and with the
PyPI `pocketsphinx` 5.x wheel (which ships the model). Binds 127.0.0.1 on a port of its own
choosing and prints `LISTENING <port>` as its first line. With ASR_KEY set, requests must carry
`Authorization: Bearer $ASR_KEY` (401 otherwise). Only 16-bit mono WAV is accepted (400).
"""

import email.parser
import email.policy
import http.server
import io
import json
import os
import sys
import threading
import wave

DEBIAN_MODEL = "/usr/share/pocketsphinx/model/en-us"


def make_decoder():
    import pocketsphinx

    if hasattr(pocketsphinx.Decoder, "default_config"):  # 0.1.x bindings (Debian)
        config = pocketsphinx.Decoder.default_config()
        config.set_string("-hmm", os.path.join(DEBIAN_MODEL, "en-us"))
        config.set_string("-lm", os.path.join(DEBIAN_MODEL, "en-us.lm.bin"))
        config.set_string("-dict", os.path.join(DEBIAN_MODEL, "cmudict-en-us.dict"))
        config.set_string("-logfn", os.devnull)
        return pocketsphinx.Decoder(config), 16000
    decoder = pocketsphinx.Decoder(loglevel="FATAL")  # 5.x: the bundled en-us model
    return decoder, int(decoder.config["samprate"])


DECODER, RATE = make_decoder()
LOCK = threading.Lock()
KEY = os.environ.get("ASR_KEY")


def recognise(pcm):
    with LOCK:
        DECODER.start_utt()
        DECODER.process_raw(pcm, False, True)
        DECODER.end_utt()
        hyp = DECODER.hyp()
    return hyp.hypstr if hyp is not None else ""


def form_fields(content_type, body):
    parser = email.parser.BytesParser(policy=email.policy.HTTP)
    message = parser.parsebytes(b"Content-Type: " + content_type.encode() + b"\r\n\r\n" + body)
    fields = {}
    for part in message.iter_parts():
        name = part.get_param("name", header="content-disposition")
        if name:
            fields[name] = part.get_payload(decode=True) or b""
    return fields


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def answer(self, status, payload):
        body = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_POST(self):
        if self.path.rstrip("/") != "/v1/audio/transcriptions":
            return self.answer(404, {"error": {"message": "not found"}})
        length = int(self.headers.get("Content-Length") or 0)
        if length <= 0 or length > 200 * 1024 * 1024:
            self.close_connection = True
            return self.answer(400, {"error": {"message": "no body or too large"}})
        # Read the whole upload before any answer, so the client sees the status, not a reset.
        body = self.rfile.read(length)
        if KEY is not None and self.headers.get("Authorization") != "Bearer " + KEY:
            return self.answer(401, {"error": {"message": "bad key"}})
        fields = form_fields(self.headers.get("Content-Type", ""), body)
        if "file" not in fields or "model" not in fields:
            return self.answer(400, {"error": {"message": "file and model are required"}})
        try:
            with wave.open(io.BytesIO(fields["file"])) as w:
                if w.getnchannels() != 1 or w.getsampwidth() != 2 or w.getframerate() != RATE:
                    return self.answer(400, {"error": {"message": "need 16-bit mono %d Hz WAV" % RATE}})
                pcm = w.readframes(w.getnframes())
        except (wave.Error, EOFError) as e:
            return self.answer(400, {"error": {"message": "not a WAV: %s" % e}})
        self.answer(200, {"text": recognise(pcm), "language": "en"})


def main():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    print("LISTENING %d" % server.server_address[1], flush=True)
    server.serve_forever()


if __name__ == "__main__":
    sys.exit(main())
