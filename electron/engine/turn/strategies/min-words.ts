import { strategyParamProblem } from '../../../contract/settings/strategies.js';
import { wordCount } from '../text.js';
import { BaseStrategy, StrategyConfigError } from './strategy.js';

/** Interrupts once the transcript of the user's speech has at least `minWords` words. */
export class MinWordsStrategy extends BaseStrategy {
  readonly name = 'minWords';
  private text = '';

  constructor(readonly minWords: number) {
    super();
    const problem = strategyParamProblem('minWords', 'minWords', minWords);
    if (problem) throw new StrategyConfigError(problem);
  }

  override setText(text: string): void {
    this.text = text;
  }

  shouldInterrupt(): boolean {
    return wordCount(this.text) >= this.minWords;
  }

  reset(): void {
    this.text = '';
  }
}
