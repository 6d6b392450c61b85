/** Checks a page in Chromium: accessibility (axe) and layout (nothing outside the window). */
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';

export interface AxeProblem {
  id: string;
  impact: string;
  help: string;
  targets: string[];
}

/** Serious and critical axe violations (WCAG 2.1 A/AA rules plus best practices). */
export async function seriousAxeViolations(page: Page): Promise<AxeProblem[]> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ id: v.id, impact: v.impact!, help: v.help, targets: v.nodes.slice(0, 5).map((n) => n.target.join(' ')) }));
}

/**
 * Layout breaks: the page scrolls sideways, or a visible element sticks out of the window
 * (below it, unless it sits in a scrolling container).
 */
export async function layoutProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const w = window.innerWidth;
    const h = window.innerHeight;
    if (document.documentElement.scrollWidth > w + 1) problems.push(`page is ${document.documentElement.scrollWidth}px wide in a ${w}px window`);
    if (document.documentElement.scrollHeight > h + 1) problems.push(`page is ${document.documentElement.scrollHeight}px tall in a ${h}px window`);
    const name = (el: Element) => `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.classList.length ? `.${[...el.classList].join('.')}` : ''}`;
    const inScroller = (el: Element) => {
      for (let p = el.parentElement; p; p = p.parentElement) {
        const s = getComputedStyle(p);
        if (/(auto|scroll|hidden)/.test(s.overflowY) && p.scrollHeight > p.clientHeight) return true;
      }
      return false;
    };
    for (const el of document.querySelectorAll('body *')) {
      const r = el.getBoundingClientRect();
      if (r.width <= 1 || r.height <= 1) continue;
      const s = getComputedStyle(el);
      if (s.visibility === 'hidden' || (s.position === 'absolute' && s.clip !== 'auto')) continue;
      if (r.right > w + 1 || r.left < -1) problems.push(`${name(el)} sticks out sideways (${Math.round(r.left)}..${Math.round(r.right)} of ${w})`);
      else if (r.bottom > h + 1 && !inScroller(el)) problems.push(`${name(el)} is below the window (${Math.round(r.bottom)} of ${h})`);
      if (problems.length > 10) break;
    }
    return problems;
  });
}
