import { describe, expect, it } from 'vitest';
import { copyName, nameSet, numberedName } from '../../../src/domain/naming';

describe('copyName', () => {
  it('adds "(copy)", then the first free "(copy n)"', () => {
    expect(copyName('Tom Becker', nameSet(['Tom Becker']))).toBe('Tom Becker (copy)');
    expect(copyName('Tom Becker', nameSet(['Tom Becker', 'Tom Becker (copy)']))).toBe('Tom Becker (copy 2)');
    expect(copyName('Tom Becker', nameSet(['Tom Becker', 'Tom Becker (copy)', 'Tom Becker (copy 2)']))).toBe('Tom Becker (copy 3)');
  });

  it('a copy of a copy counts on instead of growing a tail', () => {
    expect(copyName('Tom Becker (copy)', nameSet(['Tom Becker', 'Tom Becker (copy)']))).toBe('Tom Becker (copy 2)');
    expect(copyName('Tom Becker (copy 2)', nameSet(['Tom Becker (copy)', 'Tom Becker (copy 2)']))).toBe('Tom Becker (copy 3)');
  });

  it('compares names as people do: case and extra spaces ignored', () => {
    expect(copyName('tom becker', nameSet(['Tom  Becker (Copy)']))).toBe('tom becker (copy 2)');
  });

  it('leaves an empty name empty', () => {
    expect(copyName('  ', nameSet(['']))).toBe('  ');
  });
});

describe('numberedName', () => {
  it('keeps a free name, numbers a taken one from 2', () => {
    expect(numberedName('orgchart', nameSet(['sample']))).toBe('orgchart');
    expect(numberedName('orgchart', nameSet(['orgchart']))).toBe('orgchart (2)');
    expect(numberedName('orgchart', nameSet(['orgchart', 'orgchart (2)']))).toBe('orgchart (3)');
  });

  it('counts on from a numbered name instead of "orgchart (2) (2)"', () => {
    expect(numberedName('orgchart (2)', nameSet(['orgchart', 'orgchart (2)']))).toBe('orgchart (3)');
  });
});
