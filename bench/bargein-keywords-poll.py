"""Keyword spotting with pocketsphinx, polled after every 20 ms block: the soonest any host of this model could
report a force word (pocketsphinx_continuous itself reports only when its utterance ends; see bargein-keywords.ts).

    npm run bench:bargein-keywords -- --dump /tmp/kws-dump
    /usr/bin/python3 bench/bargein-keywords-poll.py /tmp/kws-dump 1e-1,1e-5 [stop,sorry,excuse me]

Reads the stream and item list that `--dump` writes. Needs Debian's python3-pocketsphinx and pocketsphinx-en-us
(apt). For each threshold it prints, for the tuning and the held-out part: interruptions in which a phrase was
spotted (and among the force and 2-word ones), when (from the voice onset), and the keep-talking items
(backchannels, laughs, coughs, noise, echo) with a spotted phrase: each would be a false stop, since every phrase
here is in the default always-interrupt list. Writes DIR/poll-THRESHOLD.json. It reports; it never fails.
"""
import json
import os
import sys

from pocketsphinx.pocketsphinx import Decoder

MODEL = '/usr/share/pocketsphinx/model/en-us'
# The default always-interrupt phrases (conversation.interruptionPhrases) that are in the model's dictionary.
FORCE = ['stop', 'wait', 'hold on', 'hang on', 'no', 'pause', 'excuse me', 'sorry', "that's enough", 'shut up']
KEEP_TALKING = {'backchannel-in', 'backchannel-out', 'laugh', 'cough', 'noise', 'echo'}
BLOCK_BYTES = 320 * 2  # 20 ms of 16 kHz 16-bit mono


def spot(raw, kws_file):
    config = Decoder.default_config()
    config.set_string('-hmm', f'{MODEL}/en-us')
    config.set_string('-dict', f'{MODEL}/cmudict-en-us.dict')
    config.set_string('-kws', kws_file)
    config.set_string('-logfn', '/dev/null')
    decoder = Decoder(config)
    decoder.start_utt()
    hits = []
    for offset in range(0, len(raw), BLOCK_BYTES):
        decoder.process_raw(raw[offset:offset + BLOCK_BYTES], False, False)
        hyp = decoder.hyp()
        if hyp is not None:
            # The sample at the end of the block after which the phrase was known.
            hits.append(((offset + BLOCK_BYTES) // 2, hyp.hypstr.strip()))
            decoder.end_utt()
            decoder.start_utt()
    decoder.end_utt()
    return hits


def main():
    folder, thresholds = sys.argv[1], sys.argv[2].split(',')
    phrases = sys.argv[3].split(',') if len(sys.argv) > 3 else FORCE
    items = json.load(open(os.path.join(folder, 'items.json')))
    raw = open(os.path.join(folder, 'stream.raw'), 'rb').read()
    for threshold in thresholds:
        kws_file = os.path.join(folder, f'kws-{threshold}.txt')
        with open(kws_file, 'w') as f:
            f.write(''.join(f'{p} /{threshold}/\n' for p in phrases))
        per_item = [[] for _ in items]
        i = 0
        for sample, words in spot(raw, kws_file):
            while i + 1 < len(items) and items[i + 1]['start'] <= sample:
                i += 1
            per_item[i].append([(sample - items[i]['voiceAt']) / 16, words])
        print(f'== {", ".join(phrases)} at {threshold}, polled every 20 ms')
        for part in ('tune', 'holdout'):
            rows = [(it, hits) for it, hits in zip(items, per_item) if it['set'] == part]
            interrupts = [(it, hits) for it, hits in rows if it['shouldInterrupt']]
            caught = [hits[0][0] for it, hits in interrupts if hits]
            short = [hits for it, hits in interrupts if it['label'] in ('force', 'two-word')]
            false_stops = [f"{it['name']} -> {hits[0][1]}" for it, hits in rows if it['label'] in KEEP_TALKING and hits]
            caught.sort()
            at = (lambda q: round(caught[min(len(caught) - 1, int(q * len(caught)))])) if caught else (lambda q: None)
            keep = sum(1 for it, _ in rows if it['label'] in KEEP_TALKING)
            print(
                f'  {part}: spotted in {len(caught)}/{len(interrupts)} interruptions '
                f'({sum(1 for h in short if h)}/{len(short)} force and 2-word), from the voice onset p50 {at(0.5)} / p95 {at(0.95)} ms; '
                f'false stops {len(false_stops)}/{keep}: {"; ".join(false_stops)}'
            )
        out = [{'name': it['name'], 'hits': hits} for it, hits in zip(items, per_item)]
        json.dump(out, open(os.path.join(folder, f'poll-{threshold}.json'), 'w'))


main()
