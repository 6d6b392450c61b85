/**
 * Passages the agent reads aloud in practice mode (no recognizer or language model yet):
 * the person interrupts it by voice or hotkey to tune barge-in. Written for this app; each
 * has long and short sentences and plenty of natural pause points to interrupt at.
 */
export interface Passage {
  id: string;
  title: string;
  text: string;
}

export const PRACTICE_PASSAGES: readonly Passage[] = [
  {
    id: 'lighthouse',
    title: 'The lighthouse keeper',
    text: 'The lighthouse keeper climbed the hundred and twelve steps every evening, counting them under his breath. At the top he wound the clockwork, trimmed the wick, and wiped the salt from the great lens. Ships he never saw depended on that light. Some nights the fog was so thick that the beam seemed to stop a few yards from the glass, but he lit it all the same.',
  },
  {
    id: 'bread',
    title: 'Bread, slowly',
    text: 'Good bread asks for very little: flour, water, salt, and time. Most of the work happens while you are doing something else. The dough rests, the yeast eats, and small bubbles of gas stretch the gluten into a web. If you rush it, the loaf is dense and pale. If you wait, the crust cracks as it cools, which bakers call singing.',
  },
  {
    id: 'trains',
    title: 'Why trains are on time',
    text: 'A railway timetable is a promise made months in advance. Every train must fit between the ones before and after it, with a margin for a late passenger or a wet leaf on the line. When one train runs late, the delay spreads like a ripple. Dispatchers spend their days deciding which trains wait, and which ones are allowed to go first.',
  },
  {
    id: 'octopus',
    title: 'A clever animal',
    text: 'An octopus has no bones, so it can squeeze through any gap larger than its beak. Most of its neurons are in its arms, not its head, and each arm can taste what it touches. In aquariums, octopuses have learned to unscrew jars, to squirt water at lights they dislike, and, now and then, to climb out of their tanks at night to visit the neighbours.',
  },
  {
    id: 'maps',
    title: 'Every map is wrong',
    text: 'Every flat map of the world is wrong in some way, because you cannot flatten the skin of an orange without tearing or stretching it. Some maps keep the shapes of countries and distort their sizes. Others keep the sizes and bend the shapes. Sailors liked a map on which a straight line was a constant compass bearing, even though it made Greenland look as large as Africa.',
  },
  {
    id: 'garden',
    title: 'A small garden',
    text: 'The garden was only four metres long, but it held a pear tree, two rows of beans, and a bench that leaned slightly to the left. In spring the blackbirds argued over the hedge. In summer the beans climbed faster than anyone could pick them. By autumn the pears fell one by one onto the path, and the wasps arrived to finish them.',
  },
];

/** Hands out passages in order and works out where to pick up after an interruption. */
export class PracticePassageSource {
  private index: number;

  constructor(
    private readonly passages: readonly Passage[] = PRACTICE_PASSAGES,
    startIndex = 0,
  ) {
    if (passages.length === 0) throw new Error('Practice mode needs at least one passage.');
    this.index = ((startIndex % passages.length) + passages.length) % passages.length;
  }

  current(): Passage {
    return this.passages[this.index]!;
  }

  /** The following passage (after the last comes the first again). */
  next(): Passage {
    this.index = (this.index + 1) % this.passages.length;
    return this.current();
  }

  /**
   * What to read on "continue": the current passage from the start of the clause the person
   * interrupted, so they hear it whole again. `heardText` is what they heard of it (the
   * transcript keeps only that), possibly cut mid-word. Empty when it was all heard.
   */
  remainderAfter(heardText: string): string {
    const words = this.current().text.split(/\s+/);
    const heardWords = heardText.trim() === '' ? 0 : heardText.trim().split(/\s+/).length;
    if (heardWords >= words.length) return '';
    // Back up to the word after the last clause boundary before the cut.
    let start = Math.max(0, heardWords - 1);
    while (start > 0 && !/[.,;:!?]$/.test(words[start - 1]!)) start--;
    return words.slice(start).join(' ');
  }
}
