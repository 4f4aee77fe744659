// The import's dry run remembers every phone of the file on disk (ScratchKeySet), not in a
// JavaScript Set that grows with the file: memory stays flat however many keys it holds.
import { describe, expect, it } from 'vitest';
import { ScratchKeySet } from '../../main/db/scratch-key-set';

describe('a set of keys kept on disk', () => {
  it('answers which keys it holds, duplicates and odd text included', () => {
    const set = new ScratchKeySet();
    try {
      set.add(['+12125550001', '2125550002', '+12125550001', 'a"b\\c', '']);
      expect([...set.has(['+12125550001', '2125550003', 'a"b\\c', ''])].sort()).toEqual(['', '+12125550001', 'a"b\\c']);
      expect(set.has([]).size).toBe(0);
      set.add([]);
    } finally {
      set.close();
    }
    set.close(); // twice is harmless
  });

  it('holds a million keys in a bounded amount of memory (a JavaScript Set of them takes ~70 MB)', () => {
    const set = new ScratchKeySet();
    try {
      const rssBefore = process.memoryUsage().rss;
      const heapBefore = process.memoryUsage().heapUsed;
      for (let batch = 0; batch < 200; batch++) {
        const keys = Array.from({ length: 5000 }, (_, i) => `+1313${String(batch * 5000 + i).padStart(7, '0')}`);
        expect(set.has(keys).size).toBe(0);
        set.add(keys);
      }
      expect(set.has(['+13130000000', '+13130999999', '+13131000000']).size).toBe(2);
      // Generous bounds: the page cache is 2 MB; what is left is V8's garbage between collections.
      expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(40 * 1024 * 1024);
      expect(process.memoryUsage().rss - rssBefore).toBeLessThan(60 * 1024 * 1024);
    } finally {
      set.close();
    }
  }, 120_000);
});
