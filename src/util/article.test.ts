import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { withArticle } from './article.js';

describe('withArticle', () => {
  it('an before a vowel sound, a before a consonant and a "you" sound', () => {
    assert.deepEqual(
      ['int', 'integer', 'Ingress', 'object', 'string', 'list(int)', 'uint', 'boolean', 'Endpoints', 'unknown'].map(withArticle),
      ['an int', 'an integer', 'an Ingress', 'an object', 'a string', 'a list(int)', 'a uint', 'a boolean', 'an Endpoints', 'an unknown'],
    );
  });
});
