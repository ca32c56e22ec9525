import { describe, expect, it } from 'vitest';
import { ADVISOR_PRESETS, AdvisorSettingsSchema, DEFAULT_ADVISOR_SETTINGS, displayBaseUrl } from '../../../../core/signals/llm/index.ts';

describe('advisor settings', () => {
  it('are off by default and the defaults parse', () => {
    expect(DEFAULT_ADVISOR_SETTINGS.enabled).toBe(false);
    expect(DEFAULT_ADVISOR_SETTINGS.mode).toBe('second-opinion');
    expect(AdvisorSettingsSchema.parse(DEFAULT_ADVISOR_SETTINGS)).toEqual(DEFAULT_ADVISOR_SETTINGS);
  });

  it('offer the local servers and a hosted service', () => {
    expect(ADVISOR_PRESETS.map((preset) => [preset.id, preset.baseUrl])).toEqual([
      ['ollama', 'http://localhost:11434/v1'],
      ['lm-studio', 'http://localhost:1234/v1'],
      ['llama-cpp', 'http://localhost:8080/v1'],
      ['hosted', 'https://api.openai.com/v1'],
    ]);
    for (const preset of ADVISOR_PRESETS) expect(AdvisorSettingsSchema.safeParse({ ...DEFAULT_ADVISOR_SETTINGS, presetId: preset.id, baseUrl: preset.baseUrl }).success).toBe(true);
  });

  it.each([
    ['a key in the URL', { baseUrl: 'https://user:sk-secret@api.example.com/v1' }],
    ['a key in the query', { baseUrl: 'https://api.example.com/v1?key=sk-secret' }],
    ['a file URL', { baseUrl: 'file:///etc/passwd' }],
    ['an unknown field', { apiKey: 'sk-secret' }],
    ['a horizon range upside down', { horizonMinBars: 10, horizonMaxBars: 5 }],
    ['a shrink share that enlarges', { neutralShrinkFactor: 1.5 }],
    ['a model name with spaces', { model: 'llama 3; rm -rf' }],
  ])('refuse %s', (_name, overrides) => {
    expect(AdvisorSettingsSchema.safeParse({ ...DEFAULT_ADVISOR_SETTINGS, ...overrides }).success).toBe(false);
  });

  it('show a base URL without credentials or query', () => {
    expect(displayBaseUrl('https://user:pw@api.example.com:8443/v1?key=x#y')).toBe('https://api.example.com:8443/v1');
    expect(displayBaseUrl('not a url')).toBe('invalid-url');
  });
});
