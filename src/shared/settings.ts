/**
 * Editor settings (`apiParity.*`), declared once: the server reads them per folder, the client reads the
 * window-scoped ones, and a test checks them against package.json's `contributes.configuration`.
 * What the analysis reports (severities, ignores, services) lives in api-parity.config.json instead,
 * shared with the CLI.
 */
export interface Settings {
  readonly enable: boolean;
  readonly codeLens: { readonly enable: boolean };
  readonly diagnostics: { readonly unusedEndpoints: boolean };
  /** Findings in the config's baseline: faded hints, hidden, or shown as any other. */
  readonly baseline: 'dim' | 'hide' | 'show';
  readonly debounceMs: number;
  readonly trace: { readonly server: 'off' | 'messages' | 'verbose' };
}

export const DEFAULT_SETTINGS: Settings = {
  enable: true,
  codeLens: { enable: true },
  diagnostics: { unusedEndpoints: true },
  baseline: 'dim',
  debounceMs: 300,
  trace: { server: 'off' },
};

/** Settings whose change needs a server restart (none of the others do). */
export const REQUIRES_RESTART: readonly string[] = ['apiParity.trace.server'];

/** Flatten to `apiParity.x.y` keys (for the package.json check). */
export function flattenSettings(s: object, prefix = 'apiParity'): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(s)) {
    const key = `${prefix}.${k}`;
    if (v && typeof v === 'object' && !Array.isArray(v)) Object.assign(out, flattenSettings(v, key));
    else out[key] = v;
  }
  return out;
}

/** Merge a partial (possibly malformed) settings object from the client over the defaults. */
export function resolveSettings(raw: unknown): Settings {
  const r = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const obj = (v: unknown) => (v && typeof v === 'object' ? (v as Record<string, unknown>) : {});
  const bool = (v: unknown, d: boolean) => (typeof v === 'boolean' ? v : d);
  const debounce = typeof r['debounceMs'] === 'number' && Number.isFinite(r['debounceMs']) ? Math.min(5000, Math.max(50, r['debounceMs'])) : DEFAULT_SETTINGS.debounceMs;
  const trace = obj(r['trace'])['server'];
  return {
    enable: bool(r['enable'], DEFAULT_SETTINGS.enable),
    codeLens: { enable: bool(obj(r['codeLens'])['enable'], DEFAULT_SETTINGS.codeLens.enable) },
    diagnostics: { unusedEndpoints: bool(obj(r['diagnostics'])['unusedEndpoints'], DEFAULT_SETTINGS.diagnostics.unusedEndpoints) },
    baseline: r['baseline'] === 'hide' || r['baseline'] === 'show' ? r['baseline'] : 'dim',
    debounceMs: debounce,
    trace: { server: trace === 'messages' || trace === 'verbose' ? trace : 'off' },
  };
}
