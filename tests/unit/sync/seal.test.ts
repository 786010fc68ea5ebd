import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { creationToken, deriveRoomKeys, fromBase64Url, newRoom, ownerToken, sha256Hex, toBase64Url } from '../../../src/sync/keys';
import { openValue, openValues, sealValue, SealError } from '../../../src/sync/seal';

const place = (field = 'name', record = 'p1') => ({ room: 'R', table: 'people', record, field });

describe('room keys', () => {
  it('gives editors and viewers the same sealing key but different tokens', async () => {
    const { roomId, editSecret } = newRoom();
    expect(fromBase64Url(roomId)).toHaveLength(16);
    const edit = await deriveRoomKeys(roomId, editSecret, 'edit');
    const view = await deriveRoomKeys(roomId, edit.viewSecret, 'view');
    const sealed = await sealValue(edit.sealKey, place(), 'Priya');
    expect(await openValue(view.sealKey, place(), sealed)).toBe('Priya');
    expect(view.token).not.toBe(edit.token);
    expect(view.editSecret).toBeNull();
    // What a viewer has (the view secret) does not lead to the edit token.
    const fromView = await deriveRoomKeys(roomId, edit.viewSecret, 'edit');
    expect(fromView.token).not.toBe(edit.token);
  });

  it('registers a room with the edit token and only hashes of the view token and of the owner token', async () => {
    const { roomId, editSecret, ownerSecret } = newRoom();
    const edit = await deriveRoomKeys(roomId, editSecret, 'edit');
    const view = await deriveRoomKeys(roomId, edit.viewSecret, 'view');
    const owner = await ownerToken(roomId, ownerSecret);
    expect(await creationToken(edit, ownerSecret)).toBe(`create.${edit.token}.${await sha256Hex(view.token)}.${await sha256Hex(owner)}`);
    await expect(creationToken(view, ownerSecret)).rejects.toThrow(/Only an editor/);
    // The owner token comes from the owner secret alone: nothing an editor holds leads to it.
    for (const other of [editSecret, edit.viewSecret, edit.token, view.token]) expect(owner).not.toBe(await ownerToken(roomId, other.slice(0, 43)).catch(() => null));
    expect(owner).not.toBe(await ownerToken(newRoom().roomId, ownerSecret));
    expect(owner).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('refuses a link whose key is cut short', async () => {
    await expect(deriveRoomKeys('room', toBase64Url(new Uint8Array(8)), 'edit')).rejects.toThrow(/incomplete/);
  });
});

describe('sealed values', () => {
  it('round-trip any JSON value', async () => {
    const { roomId, editSecret } = newRoom();
    const { sealKey } = await deriveRoomKeys(roomId, editSecret, 'edit');
    await fc.assert(
      fc.asyncProperty(fc.jsonValue(), async (value) => {
        const sealed = await sealValue(sealKey, place(), value);
        expect(await openValue(sealKey, place(), sealed)).toEqual(JSON.parse(JSON.stringify(value)));
      }),
      { numRuns: 60 },
    );
  });

  it('never show the plaintext, and differ each time (fresh IV)', async () => {
    const { roomId, editSecret } = newRoom();
    const { sealKey } = await deriveRoomKeys(roomId, editSecret, 'edit');
    const a = await sealValue(sealKey, place(), 'Ngozi Adeyemi');
    const b = await sealValue(sealKey, place(), 'Ngozi Adeyemi');
    expect(a).not.toBe(b);
    expect(a).not.toContain('Ngozi');
    expect(a).toMatch(/^v1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
  });

  it('reject a value moved to another field or record, tampered with, or sealed with another key', async () => {
    const one = newRoom();
    const two = newRoom();
    const k1 = (await deriveRoomKeys(one.roomId, one.editSecret, 'edit')).sealKey;
    const k2 = (await deriveRoomKeys(two.roomId, two.editSecret, 'edit')).sealKey;
    const sealed = await sealValue(k1, place('notes'), 'secret note');
    await expect(openValue(k1, place('name'), sealed)).rejects.toThrow(SealError);
    await expect(openValue(k1, place('notes', 'p2'), sealed)).rejects.toThrow(/failed authentication/);
    await expect(openValue(k1, { ...place('notes'), room: 'other' }, sealed)).rejects.toThrow(SealError);
    await expect(openValue(k2, place('notes'), sealed)).rejects.toThrow(SealError);
    // One character of the sealed text changed (never set to the one already there, which left it
    // untampered about one run in 64).
    const flipped = sealed.slice(0, -2) + (sealed.at(-2) === 'A' ? 'B' : 'A') + sealed.slice(-1);
    await expect(openValue(k1, place('notes'), flipped)).rejects.toThrow(SealError);
    for (const junk of [42, null, 'v2.a.b', 'v1.!!.??', 'v1..', 'plain text']) {
      await expect(openValue(k1, place('notes'), junk)).rejects.toThrow(SealError);
    }
  });

  it('open in one batch: each value opens or is reported on its own, in order', async () => {
    const { roomId, editSecret } = newRoom();
    const { sealKey } = await deriveRoomKeys(roomId, editSecret, 'edit');
    const good = await Promise.all([0, 1, 2].map((i) => sealValue(sealKey, place('name', `p${i}`), { n: i })));
    const opened = await openValues(sealKey, [
      { place: place('name', 'p0'), sealed: good[0] },
      { place: place('name', 'p9'), sealed: good[1] }, // moved to another record
      { place: place('name', 'p2'), sealed: good[2] },
      { place: place('name', 'p3'), sealed: 'v1.!!.??' },
      { place: place('name', 'p4'), sealed: 7 },
    ]);
    expect(opened.map((o) => (o.ok ? o.value : o.error.message))).toEqual([
      { n: 0 },
      'a value failed authentication (tampered, moved or sealed with another key)',
      { n: 2 },
      'damaged sealed value',
      'not a sealed value',
    ]);
    expect(opened.filter((o) => !o.ok).every((o) => !o.ok && o.error instanceof SealError && o.error.place.record !== 'p0')).toBe(true);
  });

  it('decode base64url exactly as the standard says, and refuse anything else', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 80 }), (bytes) => {
        expect([...fromBase64Url(toBase64Url(bytes))]).toEqual([...bytes]);
        expect([...fromBase64Url(Buffer.from(bytes).toString('base64url'))]).toEqual([...bytes]);
      }),
    );
    for (const bad of ['abc=', 'a+b/', 'ab cd', 'é', 'a']) expect(() => fromBase64Url(bad)).toThrow();
  });
});
