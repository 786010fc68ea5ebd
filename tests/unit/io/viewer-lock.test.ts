import { describe, expect, it } from 'vitest';
import { readViewerPayload, VIEWER_PLACEHOLDER } from '../../../src/io/viewer-file';
import { WrongPassphraseError } from '../../../src/storage/crypto';
import { interactiveHtml, openLockedPayload } from '../../../src/state/interactive-html';
import { docOf, person } from '../helpers/docs';

// Node's Web Crypto (the browser's is tested end to end in tests/e2e/interactive-html.spec.ts).
const TEMPLATE = `<html><body>${VIEWER_PLACEHOLDER}<script type="module"></script></body></html>`;
const dataOf = (html: string) => /<script type="application\/json" id="influence-map-data">([\s\S]*?)<\/script>/.exec(html)![1];

describe('a locked interactive page', () => {
  it('a locked page holds no name in clear, opens with its passphrase and refuses another', async () => {
    const doc = docOf([person('a', { name: 'Zelda Quartermain' })], [], 'Board </script> map');
    const html = await interactiveHtml(TEMPLATE, doc, { redacted: false, passphrase: 'correct horse battery' });
    expect(html).not.toContain('Zelda');
    expect(html).not.toContain('Board');
    const read = readViewerPayload(dataOf(html));
    if (read.kind !== 'locked') throw new Error(`expected locked, got ${read.kind}`);
    await expect(openLockedPayload(read.lock, 'wrong passphrase')).rejects.toBeInstanceOf(WrongPassphraseError);
    const opened = await openLockedPayload(read.lock, 'correct horse battery');
    if (!opened.ok) throw new Error(opened.error);
    expect(opened.doc.stakeholders.a.name).toBe('Zelda Quartermain');
    expect(opened.doc.map.name).toBe('Board </script> map');
  }, 20_000);
});
