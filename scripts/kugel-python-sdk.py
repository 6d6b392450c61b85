"""Drive KugelAudio's official Python SDK (pip install kugelaudio) against `npm run tts-server`.

Usage: python3 scripts/kugel-python-sdk.py <http://127.0.0.1:PORT> <TOKEN>

Runs what a KugelAudio customer would: a single-stream session and a multi-context session
with word timestamps, cancel with nothing playing, flush with nothing pending, update_settings,
close_socket, a bad key, and the voices listing. Every step is bounded by a timeout well under
the SDK's own 30 s, so a server that leaves the SDK waiting fails here instead of hanging.
Prints one line per step and "ALL OK" at the end; exits 1 on the first failure.
"""
import asyncio
import sys
import time

from kugelaudio.models import StreamConfig
from kugelaudio.streaming import MultiContextSession, StreamingSession

STEP_TIMEOUT_S = 10.0


async def step(name, coro):
    start = time.perf_counter()
    try:
        result = await asyncio.wait_for(coro, STEP_TIMEOUT_S)
    except Exception as exc:  # noqa: BLE001 - report any failure by name
        print(f"FAIL {name}: {type(exc).__name__}: {exc}")
        sys.exit(1)
    print(f"ok   {name} ({(time.perf_counter() - start) * 1000:.0f} ms)")
    return result


async def collect(agen):
    return [chunk async for chunk in agen]


async def single_stream(url, key):
    words = []
    session = StreamingSession(key, url, StreamConfig(voice_id=2, sample_rate=16000, word_timestamps=True), on_word_timestamps=words.extend)
    await step("stream: connect", session.connect())
    first = await step("stream: send with flush (audio)", collect(session.send("Hello there, friend. How are you today?", flush=True)))
    assert first and all(c.sample_rate == 16000 for c in first), "no audio at 16 kHz"
    assert words and all(w.char_end > w.char_start for w in words), "no word timestamps with char offsets"
    await step("stream: flush with nothing pending", collect(session.flush()))
    stats = await step("stream: end_session (final, session_closed)", session.end_session())
    assert stats.get("total_audio_seconds", 0) > 0, f"no totals in session_closed: {stats}"
    assert session.last_final is not None, "no final before session_closed"
    await step("stream: cancel with nothing playing", session.cancel_current())
    await step("stream: send then cancel mid-speech", collect(session.send("This is a long answer. It keeps going for a while. ", flush=True)))
    await step("stream: cancel", session.cancel_current())
    settings = await step("stream: update_settings", session.update_settings(cfg_scale=1.5, speed=1.1))
    assert settings.get("cfg_scale") == 1.5, f"settings_updated echo: {settings}"
    await step("stream: close", session.close())


async def multi_context(url, key):
    words = {}
    session = MultiContextSession(key, url, default_voice_id=2, sample_rate=16000, word_timestamps=True, on_word_timestamps=lambda cid, w: words.setdefault(cid, []).extend(w))
    await step("multi: connect", session.connect())
    await step("multi: create context a", session.create_context("a"))
    await step("multi: create context b (no session config)", session.create_context("b", voice_id=3))
    a = await step("multi: send a with flush (ends on final)", collect(session.send("a", "First context speaking.", flush=True)))
    b = await step("multi: send b with flush", collect(session.send("b", "Second context speaking.", flush=True)))
    assert a and b and all(c.sample_rate == 16000 for c in a + b), "second context not at the session's 16 kHz"
    assert words.get("a") and all(w.char_end > w.char_start for w in words["a"]), "no word timestamps"
    await step("multi: flush with nothing pending", collect(session.flush("a")))
    await step("multi: close_context immediate", collect(session.close_context("b", immediate=True)))
    await step("multi: update_settings", session.update_settings(temperature=0.3))
    await step("multi: close_context graceful", collect(session.close_context("a")))
    stats = await step("multi: close (close_socket -> session_closed)", session.close())
    assert stats.get("session_closed"), f"no session_closed: {stats}"


async def bad_key(url):
    session = StreamingSession("wrong-key", url, StreamConfig(voice_id=1))
    try:
        await asyncio.wait_for(session.connect(), STEP_TIMEOUT_S)
    except Exception as exc:  # noqa: BLE001
        assert "Authentication" in type(exc).__name__, f"bad key raised {type(exc).__name__}: {exc}"
        print(f"ok   bad key refused at the upgrade ({type(exc).__name__})")
        return
    print("FAIL bad key: connected")
    sys.exit(1)


async def voices(url, key):
    from kugelaudio import KugelAudio

    client = KugelAudio(api_key=key, api_url=url)
    listing = await asyncio.wait_for(asyncio.to_thread(client.voices.list), STEP_TIMEOUT_S)
    assert listing.voices and isinstance(listing.voices[0].id, int), "voices.list() gave no integer ids"
    print(f"ok   voices.list(): {len(listing.voices)} voices")


async def main():
    url, key = sys.argv[1], sys.argv[2]
    await single_stream(url, key)
    await multi_context(url, key)
    await bad_key(url)
    await voices(url, key)
    print("ALL OK")


if __name__ == "__main__":
    asyncio.run(main())
