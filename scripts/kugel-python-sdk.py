"""Drive KugelAudio's official Python SDK against `npm run tts-server`.

Usage: python3 scripts/kugel-python-sdk.py <http://127.0.0.1:PORT> <TOKEN>
The SDK must be importable (PYTHONPATH=<dir holding the kugelaudio package>); it needs
websockets and httpx (Debian: python3-websockets python3-httpx).

Runs what a KugelAudio customer would: a single-stream and a multi-context session with word
timestamps, cancel with nothing playing, flush with nothing pending, update_settings, a barge-in
mid-speech, close_socket, a bad key on both endpoints, the voices and models listings and a
one-shot generate. Every step is bounded well under the SDK's own 30 s waits, so a server that
leaves the SDK waiting fails here instead of hanging. All steps run; one line each, figures as
`key=value`, then "ALL OK" or "FAILED n". Exits 1 when any step failed.
"""
import asyncio
import json
import sys
import time

from kugelaudio import KugelAudio
from kugelaudio.exceptions import AuthenticationError
from kugelaudio.models import StreamConfig
from kugelaudio.streaming import MultiContextSession, StreamingSession

# Above the SDK's 2 s idle linger after chunk_complete, far below its 30 s receive timeout.
STEP_TIMEOUT_S = 8.0
# A cancel the server acks at once returns in milliseconds; waiting the SDK's 30 s is the bug.
QUICK_S = 3.0
LONG_TEXT = "This is a long answer that keeps going for a while. " * 6

failures = []


def ms(seconds):
    return f"{seconds * 1000:.0f}"


async def step(name, coro, limit_s=STEP_TIMEOUT_S, figures=None):
    start = time.perf_counter()
    try:
        result = await asyncio.wait_for(coro, limit_s)
    except Exception as exc:  # noqa: BLE001 - every failure is reported by name
        failures.append(name)
        print(f"FAIL {name}: {type(exc).__name__}: {exc}", flush=True)
        return None
    took = time.perf_counter() - start
    extra = "".join(f" {k}={v}" for k, v in (figures(result) if figures else {}).items())
    print(f"ok   {name} ms={ms(took)}{extra}", flush=True)
    return result


def check(name, condition, detail=""):
    if condition:
        print(f"ok   {name}", flush=True)
    else:
        failures.append(name)
        print(f"FAIL {name}: {detail}", flush=True)


async def timed_collect(agen, stop_after=None):
    """All chunks of an SDK iterator, the time to the first, stopping early after `stop_after` chunks."""
    start = time.perf_counter()
    first = None
    chunks = []
    async for chunk in agen:
        if first is None:
            first = time.perf_counter() - start
        chunks.append(chunk)
        if stop_after is not None and len(chunks) >= stop_after:
            break
    await agen.aclose()
    return chunks, first


async def count_leftover_audio(ws, window_s=1.5):
    """Audio frames that still arrive on the socket after a cancel was acknowledged."""
    audio = 0
    deadline = time.perf_counter() + window_s
    while True:
        left = deadline - time.perf_counter()
        if left <= 0:
            return audio
        try:
            frame = json.loads(await asyncio.wait_for(ws.recv(), left))
        except asyncio.TimeoutError:
            return audio
        if frame.get("audio"):
            audio += 1


def audio_figures(result):
    chunks, first = result
    return {"chunks": len(chunks), "first_audio_ms": ms(first) if first is not None else "none"}


async def single_stream(url, key):
    words = []
    config = StreamConfig(voice_id=2, sample_rate=16000, word_timestamps=True)
    session = StreamingSession(key, url, config, on_word_timestamps=words.extend)
    await step("stream: connect", session.connect())
    result = await step("stream: send(flush=True) with word timestamps", timed_collect(session.send("Hello there, friend. How are you today?", flush=True)), figures=audio_figures)
    if result:
        chunks, _ = result
        check("stream: audio at the session's 16 kHz", chunks and all(c.sample_rate == 16000 for c in chunks), f"rates {[c.sample_rate for c in chunks]}")
        check("stream: word timestamps carry char offsets", words and all(w.char_end > w.char_start for w in words), f"words {words[:3]}")
    await step("stream: flush() with nothing pending", timed_collect(session.flush()), figures=audio_figures)
    await step("stream: cancel_current() with nothing playing", session.cancel_current(), limit_s=QUICK_S)
    await step("stream: barge-in turn, first chunk", timed_collect(session.send(LONG_TEXT, flush=True), stop_after=1), figures=audio_figures)
    started = time.perf_counter()
    await step("stream: cancel_current() mid-speech (waits for interrupted)", session.cancel_current(), limit_s=QUICK_S, figures=lambda _: {"cancel_to_ack_ms": ms(time.perf_counter() - started)})
    if session._ws is not None:
        leftovers = await count_leftover_audio(session._ws)
        check(f"stream: no audio after the ack (leftovers={leftovers})", leftovers == 0, f"{leftovers} audio frames")
    settings = await step("stream: update_settings(cfg_scale, speed)", session.update_settings(cfg_scale=1.5, speed=1.1))
    if settings is not None:
        check("stream: settings_updated echoes the change", settings.get("cfg_scale") == 1.5 and settings.get("speed") == 1.1, f"settings {settings}")
    await step("stream: next turn after the cancel", timed_collect(session.send("The next turn speaks.", flush=True)), figures=audio_figures)
    stats = await step("stream: end_session() (close -> final, session_closed)", session.end_session())
    if stats is not None:
        check("stream: session_closed carries totals", stats.get("total_audio_seconds", 0) > 0 and "total_text_chunks" in stats, f"stats {stats}")
        check("stream: usage parsed", session.last_usage is not None and session.last_usage.audio_seconds > 0, f"usage {session.last_usage}")
    await step("stream: close()", session.close())


async def multi_context(url, key):
    words = {}
    session = MultiContextSession(key, url, default_voice_id=2, sample_rate=16000, word_timestamps=True, on_word_timestamps=lambda cid, w: words.setdefault(cid, []).extend(w))
    await step("multi: connect", session.connect())
    await step("multi: create_context a (session config, waits context_created)", session.create_context("a"))
    await step("multi: create_context b (voice 3)", session.create_context("b", voice_id=3))
    a = await step("multi: send a (flush=True, ends on final)", timed_collect(session.send("a", "First context speaking.", flush=True)), figures=audio_figures)
    b = await step("multi: send b (flush=True)", timed_collect(session.send("b", "Second context speaking.", flush=True)), figures=audio_figures)
    if a and b:
        rates = [c.sample_rate for c in a[0] + b[0]]
        check("multi: both contexts at the session's 16 kHz", rates and all(r == 16000 for r in rates), f"rates {rates}")
    check("multi: word timestamps carry char offsets", words.get("a") and all(w.char_end > w.char_start for w in words["a"]), f"words {words}")
    await step("multi: flush(a) with nothing pending", timed_collect(session.flush("a")), limit_s=QUICK_S, figures=audio_figures)
    await step("multi: barge-in turn on b, first chunk", timed_collect(session.send("b", LONG_TEXT, flush=True), stop_after=1), figures=audio_figures)
    started = time.perf_counter()
    await step("multi: close_context(b, immediate=True)", timed_collect(session.close_context("b", immediate=True)), limit_s=QUICK_S, figures=lambda r: {"close_to_closed_ms": ms(time.perf_counter() - started), "tail_chunks": len(r[0])})
    if session._ws is not None:
        leftovers = await count_leftover_audio(session._ws)
        check(f"multi: no audio after context_closed (leftovers={leftovers})", leftovers == 0, f"{leftovers} audio frames")
    settings = await step("multi: update_settings(temperature)", session.update_settings(temperature=0.3))
    if settings is not None:
        check("multi: settings_updated echoes the change", settings.get("temperature") == 0.3, f"settings {settings}")
    await step("multi: close_context(a) graceful", timed_collect(session.close_context("a")))
    check("multi: context_closed carried usage", session.usage_for("a") is not None, f"usage {session.context_usage}")
    stats = await step("multi: close() (close_socket -> session_closed)", session.close())
    if stats is not None:
        check("multi: session_closed with totals", stats.get("session_closed") and "total_audio_seconds" in stats, f"stats {stats}")


async def bad_key(url):
    for name, session in (("stream", StreamingSession("wrong-key", url, StreamConfig(voice_id=1))), ("multi", MultiContextSession("wrong-key", url, default_voice_id=1))):
        try:
            await asyncio.wait_for(session.connect(), STEP_TIMEOUT_S)
        except AuthenticationError as exc:
            print(f"ok   {name}: bad key refused at the upgrade (AuthenticationError, status {exc.status_code})", flush=True)
            continue
        except Exception as exc:  # noqa: BLE001
            failures.append(f"{name}: bad key")
            print(f"FAIL {name}: bad key raised {type(exc).__name__}: {exc}", flush=True)
            continue
        failures.append(f"{name}: bad key")
        print(f"FAIL {name}: bad key connected", flush=True)
        await session.close()


async def rest(url, key):
    client = KugelAudio(api_key=key, api_url=url, telemetry=False)
    listing = await step("rest: voices.list()", asyncio.to_thread(client.voices.list), figures=lambda r: {"voices": len(r.voices), "total": r.total})
    if listing is not None:
        check("rest: voice ids are integers", listing.voices and all(isinstance(v.id, int) for v in listing.voices), f"ids {[v.id for v in listing.voices]}")
        await step("rest: voices.get(first)", asyncio.to_thread(client.voices.get, listing.voices[0].id), figures=lambda v: {"name": v.name})
    await step("rest: models.list()", asyncio.to_thread(client.models.list), figures=lambda r: {"models": ",".join(m.id for m in r)})
    audio = await step("one-shot: tts.generate_async(word_timestamps=True)", client.tts.generate_async("One shot, please.", voice_id=1, sample_rate=16000, word_timestamps=True), figures=lambda r: {"samples": r.samples, "words": len(r.word_timestamps)})
    if audio is not None:
        check("one-shot: audio and word timestamps", audio.samples > 0 and audio.word_timestamps, f"{audio.samples} samples, {len(audio.word_timestamps)} words")
    await client.aclose()


async def main():
    url, key = sys.argv[1].rstrip("/"), sys.argv[2]
    await single_stream(url, key)
    await multi_context(url, key)
    await bad_key(url)
    await rest(url, key)
    print("ALL OK" if not failures else f"FAILED {len(failures)}: {'; '.join(failures)}", flush=True)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    asyncio.run(main())
