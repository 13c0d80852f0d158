// The panel beside the learning speeds (issue 13): tabs "Accuracy", "Factor", "Saturation" and
// "Gradients" over the accuracy chart's place. The first shows the accuracy chart; the others the
// why-it-vanishes charts on the same canvas (#chart-accuracy, drawn by Rust) with a sentence reading
// the current numbers out. The tab is the session's play setting `panel` (so set(), links and the tour
// carry it); the bars' "first six / all neurons" select sits beside the bar scale.

import { choicesOf } from '../state/schema.js';
import { el } from '../ui/dom.js';
import { PANEL_WORDS, whySentence } from './why-words.js';

/** Fills a select with the choices of setting `key`. */
function choiceSelect(key, attrs) {
  const select = el('select', attrs);
  select.append(...choicesOf(key).map(([v, text]) => el('option', { value: v }, text)));
  return select;
}

/** The tab buttons of the panel choices, in `list`; a click asks onChange({panel}). */
function buildTabs(list, onChange) {
  const tabs = new Map();
  for (const [value, text] of choicesOf('panel')) {
    const b = el('button', { type: 'button', role: 'tab', 'aria-selected': 'false', 'data-panel': value, title: PANEL_WORDS[value]?.title ?? text }, text);
    b.addEventListener('click', () => onChange({ panel: value }));
    tabs.set(value, b);
    list.append(b);
  }
  return tabs;
}

/**
 * Builds the panel in the accuracy figure `figure` (its figcaption, its canvas and the sentence), and the bars' neuron select in `barsCaption`; changes go to
 * onChange(partial). Returns {sync(snapshot): shows the snapshot's panel and bars choice,
 * describe(snapshot): the sentence and the canvas's description, panel(): the panel shown}.
 */
export function createWhyPanel({ figure, barsCaption }, onChange) {
  const caption = figure.querySelector('figcaption');
  const [title, sub, png] = ['.title', '.sub', '.png'].map((s) => caption.querySelector(s));
  const canvas = figure.querySelector('#chart-accuracy');
  const sentence = figure.querySelector('#why-sentence');
  const list = el('span', { class: 'panel-tabs', role: 'tablist', 'aria-label': 'Panel beside the learning speeds' });
  caption.prepend(list);
  const tabs = buildTabs(list, onChange);
  const neurons = choiceSelect('barNeurons', { id: 'bar-neurons', 'aria-label': 'Bars of', title: 'The book’s first six neurons of each hidden layer, or all of them' });
  neurons.addEventListener('change', () => onChange({ barNeurons: neurons.value }));
  barsCaption?.querySelector('.bar-scale')?.prepend(neurons);
  let shown = null; // set by the first sync

  /** Writes the sentence and the canvas's description from the snapshot's statistics. */
  const describe = (snap) => {
    if (shown === 'accuracy' || !shown) return;
    const text = whySentence(shown, snap) || 'Not measured yet.';
    if (sentence.textContent !== text) {
      sentence.textContent = text;
      sentence.title = text; // the whole sentence, also where the line is cut short
    }
    const label = `${PANEL_WORDS[shown].title}, per hidden layer against the epoch. ${text}`;
    if (canvas.getAttribute('aria-label') !== label) canvas.setAttribute('aria-label', label);
  };

  return {
    /** The panel on screen: 'accuracy', 'factors', 'saturation' or 'gradients'. */
    panel: () => shown ?? 'accuracy',
    /** Shows the snapshot's panel (tab, title, sentence) and bars choice. */
    sync(snap) {
      if (neurons.value !== snap.barNeurons) neurons.value = snap.barNeurons;
      const panel = Object.hasOwn(PANEL_WORDS, snap.panel) ? snap.panel : 'accuracy';
      if (panel !== shown) {
        shown = panel;
        for (const [value, tab] of tabs) tab.setAttribute('aria-selected', String(value === panel));
        const words = PANEL_WORDS[panel];
        title.textContent = words.title;
        sub.textContent = words.sub;
        sub.title = words.sub; // the whole note, where the caption's line cuts it short
        png.dataset.png = panel;
        png.setAttribute('aria-label', `Save the ${words.png} as PNG`);
        figure.dataset.panel = panel;
        sentence.hidden = panel === 'accuracy';
        canvas.removeAttribute('aria-describedby');
        if (panel === 'accuracy') canvas.setAttribute('aria-label', 'Line chart: validation accuracy (percent) and cost against the epoch.');
        else canvas.setAttribute('aria-describedby', 'why-sentence');
      }
      describe(snap);
    },
    describe,
  };
}
