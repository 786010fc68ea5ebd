import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { creationToken, deriveRoomKeys, fromBase64Url, newRoom, sha256Hex, toBase64Url } from '../../../src/sync/keys';
import { openValue, sealValue, SealError } from '../../../src/sync/seal';

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

  it('registers a room with the edit token and only a hash of the view token', async () => {
    const { roomId, editSecret } = newRoom();
    const edit = await deriveRoomKeys(roomId, editSecret, 'edit');
    const view = await deriveRoomKeys(roomId, edit.viewSecret, 'view');
    expect(await creationToken(edit)).toBe(`create.${edit.token}.${await sha256Hex(view.token)}`);
    await expect(creationToken(view)).rejects.toThrow(/Only an editor/);
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
    const flipped = sealed.slice(0, -2) + (sealed.endsWith('A') ? 'B' : 'A') + sealed.slice(-1);
    await expect(openValue(k1, place('notes'), flipped)).rejects.toThrow(SealError);
    for (const junk of [42, null, 'v2.a.b', 'v1.!!.??', 'v1..', 'plain text']) {
      await expect(openValue(k1, place('notes'), junk)).rejects.toThrow(SealError);
    }
  });
});
