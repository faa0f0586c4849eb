// The orchestrator: Target -> Entry stream -> sniff -> parse once per parser -> rules -> findings.
// One bad entry never stops the scan: its failure becomes a finding and an `errors` record.
import { errorMessage, LimitExceededError, ParseError } from '../core/errors.js';
import { fingerprint, maskSecret, sha256Hex } from '../core/fingerprint.js';
import { ArchiveBudget, DEFAULT_LIMITS } from '../core/limits.js';
import { sniff, SNIFF_BYTES } from '../core/sniff.js';
import { SEVERITIES } from '../core/types.js';
import type { CoverageGap, Entry, Finding, InventoryRecord, Limits, Location, ParseContext, Parser, ReportInput, Rule, RuleContext, ScanError, Severity, Target } from '../core/types.js';
import { expandArchive, isArchive, isUnsupportedArchive } from '../targets/archive/expand.js';
import { FileSource } from '../io/sources.js';
import { textParser, type TextModel } from '../parsers/text/text.js';
import { findInlineSuppression, markerLines, type LineSource } from '../parsers/text/inline-suppression.js';

export interface EngineOptions {
  rules: Rule[];
  limits?: Partial<Limits>;
  /** Mask secrets in evidence (default true). */
  mask?: boolean;
  /** Per-rule severity overrides from config. */
  severityOverrides?: Record<string, Severity>;
  onEntry?: (entry: Entry) => void;
  ruleOptions?: Record<string, unknown>;
  /** How many top-level entries are analysed at once (I/O overlap; parsing is single-threaded). */
  concurrency?: number;
  /**
   * The deployable unit a file belongs to (a Helm chart, a release copy, one sample's folder: see
   * scan/units.ts). Scan-wide joins never cross units: each rule's `state`, the `shared` map and
   * `finish` are per unit. Default: the whole scan is one unit.
   */
  unitOf?: (path: string) => string;
}

export interface EngineResult {
  findings: Finding[];
  errors: ScanError[];
  inventory: InventoryRecord[];
  skipped: Array<{ path: string; reason: string }>;
  stats: { entries: number; files: number; archiveMembers: number; bytesRead: number };
}

function anchorKey(loc: { path: string; innerPath?: string }): string {
  return `${loc.path}\0${loc.innerPath ?? ''}`;
}

function location(entry: Entry) {
  return { path: entry.path, ...(entry.innerPath ? { innerPath: entry.innerPath } : {}) };
}

export class Engine {
  readonly limits: Limits;
  private byParser = new Map<Parser, Rule[]>();
  private metas = new Map<string, Rule>();
  /** Rules that judge what a target could not read (see CoverageGap). */
  private readonly gapRules: Rule[];
  /** Rule -> unit -> that rule's scratch state in that unit. */
  private states = new Map<Rule, Map<string, Map<string, unknown>>>();
  /** Unit -> the map every rule shares in that unit. */
  private readonly shared = new Map<string, Map<string, unknown>>();
  /**
   * What a scan-wide finding needs from the entry it points at, kept only for entries that rules
   * with a `finish` looked at: provenance (image layer, URL) and, when the text carries
   * `mlwarden-ignore` markers, those marker lines. Keyed by path + inner path.
   */
  private finishAnchors = new Map<string, { provenance?: Entry['provenance']; text?: LineSource }>();
  readonly result: EngineResult = { findings: [], errors: [], inventory: [], skipped: [], stats: { entries: 0, files: 0, archiveMembers: 0, bytesRead: 0 } };

  constructor(readonly opts: EngineOptions) {
    this.limits = { ...DEFAULT_LIMITS, ...opts.limits };
    this.gapRules = opts.rules.filter((r) => r.gap);
    for (const r of opts.rules) {
      this.metas.set(r.meta.id, r);
      if (!r.parser) continue;
      const list = this.byParser.get(r.parser) ?? [];
      list.push(r);
      this.byParser.set(r.parser, list);
    }
  }

  async run(targets: Target[]): Promise<EngineResult> {
    const concurrency = Math.max(1, this.opts.concurrency ?? 4);
    for (const t of targets) {
      const running = new Set<Promise<void>>();
      for await (const item of t.entries()) {
        if (item.kind === 'error') {
          this.raise(item.ruleId ?? 'scan/unreadable', { path: item.path }, item.message, item.message);
          continue;
        }
        if (item.kind === 'skipped') {
          this.result.skipped.push({ path: item.path, reason: item.reason });
          continue;
        }
        const p = this.processTopLevel(item.entry).finally(() => running.delete(p));
        running.add(p);
        if (running.size >= concurrency) await Promise.race(running);
      }
      await Promise.all(running);
    }
    await this.finishRules();
    return this.result;
  }

  /** Per-rule, per-unit state for scan-wide checks, created on first use. */
  private stateOf(rule: Rule, unit: string): Map<string, unknown> {
    let byUnit = this.states.get(rule);
    if (!byUnit) this.states.set(rule, (byUnit = new Map()));
    let st = byUnit.get(unit);
    if (!st) byUnit.set(unit, (st = new Map()));
    return st;
  }

  private sharedOf(unit: string): Map<string, unknown> {
    let sh = this.shared.get(unit);
    if (!sh) this.shared.set(unit, (sh = new Map()));
    return sh;
  }

  private readonly units = new WeakMap<Entry, string>();

  /** Asked once per rule per entry: resolved once per entry. */
  private unitOf(entry: Entry): string {
    let unit = this.units.get(entry);
    if (unit === undefined) this.units.set(entry, (unit = this.opts.unitOf?.(entry.path) ?? ''));
    return unit;
  }

  private async finishRules(): Promise<void> {
    for (const rule of this.opts.rules) {
      if (!rule.finish) continue;
      // Once per unit that this rule, or any rule sharing an index with it, recorded something in.
      const units = [...new Set([...(this.states.get(rule)?.keys() ?? []), ...this.shared.keys()])].sort();
      for (const unit of units) {
        try {
          await rule.finish({
            state: this.stateOf(rule, unit),
            shared: this.sharedOf(unit),
            options: this.opts.ruleOptions ?? {},
            report: (loc, input) => this.result.findings.push(this.finishFinding(rule, loc, input)),
          });
        } catch (e) {
          this.result.errors.push({ path: '(scan)', ruleId: 'scan/unreadable', message: `rule ${rule.meta.id} failed in its scan-wide check: ${errorMessage(e)}` });
        }
      }
    }
  }

  /** A finding from `finish`: inline suppression and provenance of the entry it points at, as for `check`. */
  private finishFinding(rule: Rule, loc: Location, input: ReportInput): Finding {
    const at = { path: loc.path, ...(loc.innerPath ? { innerPath: loc.innerPath } : {}) };
    const f = this.makeFinding(rule, at, { ...input, location: { ...loc, ...input.location } });
    const anchor = this.finishAnchors.get(anchorKey(at));
    if (anchor?.provenance && !(f.properties && 'provenance' in f.properties)) f.properties = { ...f.properties, provenance: anchor.provenance };
    if (anchor?.text && f.location.line !== undefined) {
      const m = findInlineSuppression(anchor.text, f.location.line, f.ruleId);
      if (m) f.suppression = { kind: 'inline', ...(m.reason ? { reason: m.reason } : {}) };
    }
    return f;
  }

  /** Remembers what `finishFinding` needs about an entry that a scan-wide rule has seen. */
  private async keepFinishAnchor(entry: Entry, text: () => Promise<TextModel>): Promise<void> {
    const provenance = entry.provenance && Object.keys(entry.provenance).length ? entry.provenance : undefined;
    let marked: LineSource | undefined;
    if (entry.type.text) {
      try {
        const t = await text();
        // Only the marker lines are kept until the end of the scan, not the whole text.
        if (t.text.includes('mlwarden-ignore')) marked = markerLines(t);
      } catch {
        // No text: no inline markers to honour.
      }
    }
    if (provenance || marked) this.finishAnchors.set(anchorKey(location(entry)), { ...(provenance ? { provenance } : {}), ...(marked ? { text: marked } : {}) });
  }

  private async processTopLevel(entry: Entry): Promise<void> {
    const budget = new ArchiveBudget(this.limits);
    try {
      await this.processEntry(entry, budget);
    } finally {
      if (entry.source instanceof FileSource) this.result.stats.bytesRead += entry.source.bytesRead;
      await entry.source.close?.();
    }
  }

  /** Reads the first bytes and sets the entry's type (targets may leave it for the engine). */
  static async sniffEntry(entry: Entry): Promise<void> {
    if (entry.type.kind !== 'unknown') return;
    entry.type = sniff(await entry.source.read(0, SNIFF_BYTES));
  }

  private async processEntry(entry: Entry, budget: ArchiveBudget): Promise<void> {
    this.result.stats.entries++;
    if (entry.kind === 'file') this.result.stats.files++;
    else if (entry.kind === 'member') this.result.stats.archiveMembers++;
    this.opts.onEntry?.(entry);
    try {
      await Engine.sniffEntry(entry);
    } catch (e) {
      this.raiseFor(entry, e);
      return;
    }
    const deadline = Date.now() + this.limits.maxEntryMillis;
    const checkTime = () => {
      if (Date.now() > deadline) throw new LimitExceededError(`analysis took longer than ${this.limits.maxEntryMillis} ms and was stopped`, 'maxEntryMillis');
    };
    const models = new Map<Parser, Promise<unknown>>();
    const failed = new Set<Parser>();
    const parseCtx: ParseContext = {
      limits: this.limits,
      checkTime,
      use: <T>(p: Parser<T>) => use(p) as Promise<T>,
    };
    const use = (p: Parser): Promise<unknown> => {
      let m = models.get(p);
      if (!m) {
        m = p.parse(entry, parseCtx);
        models.set(p, m);
      }
      return m;
    };
    const entryFindings: Finding[] = [];
    let seenByFinishRule = false;
    for (const [parser, rules] of this.byParser) {
      let model: unknown;
      try {
        if (!parser.accepts(entry)) continue;
        model = await use(parser);
      } catch (e) {
        if (!failed.has(parser)) this.raiseFor(entry, e, parser.id);
        failed.add(parser);
        continue;
      }
      for (const rule of rules) {
        if (rule.finish) seenByFinishRule = true;
        const ctx = this.ruleContext(entry, rule, entryFindings, use);
        try {
          await rule.check!(model, ctx);
        } catch (e) {
          if (e instanceof ParseError || e instanceof LimitExceededError) this.raiseFor(entry, e, rule.meta.id);
          else this.raise('scan/unreadable', location(entry), `rule ${rule.meta.id} failed on this input: ${errorMessage(e)}`, `rule-error:${rule.meta.id}`);
        }
      }
    }
    if (entryFindings.some((f) => f.location.line !== undefined) && entry.type.text) await this.applyInline(entryFindings, () => use(textParser) as Promise<TextModel>);
    if (seenByFinishRule) await this.keepFinishAnchor(entry, () => use(textParser) as Promise<TextModel>);
    this.result.findings.push(...entryFindings);

    if (isUnsupportedArchive(entry)) {
      const message = `${entry.type.kind}-compressed data: no decoder is available, contents were not scanned`;
      // A rule that already reported this very codec for this entry (a finding with
      // properties.codec === the entry's type, e.g. model/compressed-unscannable) says it with more
      // context: no second finding, but the coverage gap still goes to `errors`.
      if (entryFindings.some((f) => f.properties?.codec === entry.type.kind)) this.result.errors.push({ ...location(entry), ruleId: 'scan/unreadable', message });
      else this.raise('scan/unreadable', location(entry), message, `codec:${entry.type.kind}`);
    }
    if (isArchive(entry)) {
      try {
        for await (const ev of expandArchive(entry, { limits: this.limits, budget })) {
          if (ev.kind === 'issue') {
            const loc = { path: entry.path, ...(ev.innerPath ? { innerPath: ev.innerPath } : {}) };
            this.raise(ev.ruleId, loc, ev.message, ev.key, ev.evidence);
            continue;
          }
          if (ev.kind === 'gap') {
            this.offerGap(entry.path, ev.gap, ev.fallback);
            continue;
          }
          try {
            await this.processEntry(ev.entry, budget);
          } finally {
            await ev.entry.source.close?.();
          }
        }
      } catch (e) {
        this.raiseFor(entry, e);
      }
    }
  }

  /** Marks findings whose line (or the line above) carries `mlwarden-ignore <rule> -- reason`. */
  private async applyInline(findings: Finding[], text: () => Promise<TextModel>): Promise<void> {
    let model: TextModel;
    try {
      model = await text();
    } catch {
      return;
    }
    for (const f of findings) {
      if (f.location.line === undefined) continue;
      const m = findInlineSuppression(model, f.location.line, f.ruleId);
      if (m) f.suppression = { kind: 'inline', ...(m.reason ? { reason: m.reason } : {}) };
    }
  }

  private ruleContext(entry: Entry, rule: Rule, sink: Finding[], use: (p: Parser) => Promise<unknown>): RuleContext {
    return {
      entry,
      limits: this.limits,
      options: this.opts.ruleOptions ?? {},
      state: this.stateOf(rule, this.unitOf(entry)),
      shared: this.sharedOf(this.unitOf(entry)),
      use: <T>(p: Parser<T>) => use(p) as Promise<T>,
      inventory: (record) => this.result.inventory.push(record),
      report: (input: ReportInput) => sink.push(this.makeFinding(rule, entry, input)),
    };
  }

  makeFinding(rule: Rule, entry: Entry | { path: string; innerPath?: string }, input: ReportInput): Finding {
    const base = 'source' in entry ? location(entry) : { path: entry.path, ...(entry.innerPath ? { innerPath: entry.innerPath } : {}) };
    const loc = { ...base, ...input.location };
    if (input.location?.innerPath && base.innerPath && !input.location.innerPath.startsWith(base.innerPath)) {
      loc.innerPath = `${base.innerPath}!${input.location.innerPath}`;
    }
    const mask = this.opts.mask !== false;
    let evidence = input.evidence;
    if (input.secret !== undefined && evidence !== undefined && mask) evidence = evidence.split(input.secret).join(maskSecret(input.secret));
    const key = input.secret !== undefined ? `secret:${sha256Hex(input.secret)}` : (input.key ?? input.evidence ?? input.message);
    // Where an entry came from (image layer, URL, host) travels with every finding on it.
    const provenance = 'source' in entry && entry.provenance && Object.keys(entry.provenance).length ? entry.provenance : undefined;
    const severity = this.opts.severityOverrides?.[rule.meta.id] ?? input.severity ?? rule.meta.severity;
    return {
      ruleId: rule.meta.id,
      severity,
      title: rule.meta.title,
      message: input.message,
      location: loc,
      ...(evidence !== undefined ? { evidence } : {}),
      fingerprint: fingerprint(rule.meta.id, loc.path, loc.innerPath, key),
      references: rule.meta.references,
      tags: rule.meta.tags,
      // By reference: an image's later layers may still mark this file deleted or overwritten.
      ...(input.properties || provenance ? { properties: { ...input.properties, ...(provenance ? { provenance } : {}) } } : {}),
    };
  }

  /** A part of an entry a target could not read goes to the rules that judge coverage; unclaimed, its fallback is raised. */
  private offerGap(path: string, gap: CoverageGap, fallback?: { ruleId: string; message: string; innerPath?: string; key: string; evidence?: string }): void {
    const loc = { path, ...(gap.innerPath ? { innerPath: gap.innerPath } : {}) };
    let claimed = false;
    for (const rule of this.gapRules) {
      try {
        rule.gap!(gap, {
          report: (input) => {
            claimed = true;
            this.result.findings.push(this.makeFinding(rule, loc, input));
          },
        });
      } catch (e) {
        this.raise('scan/unreadable', loc, `rule ${rule.meta.id} failed on this input: ${errorMessage(e)}`, `rule-error:${rule.meta.id}`);
      }
    }
    if (fallback && !claimed) this.raise(fallback.ruleId, { path, ...(fallback.innerPath ? { innerPath: fallback.innerPath } : {}) }, fallback.message, fallback.key, fallback.evidence);
  }

  /** Errors already raised per entry (rule id and message), see raiseFor. */
  private readonly raisedFor = new WeakMap<Entry, Set<string>>();

  private raiseFor(entry: Entry, e: unknown, by?: string): void {
    const ruleId = e instanceof LimitExceededError ? 'scan/limit-exceeded' : 'scan/unreadable';
    const what = by ? ` (${by})` : '';
    const message = `${errorMessage(e)}${what}`;
    // One cause, one finding: when several parsers of an entry stop on the same error (a zip cut by
    // a limit fails the archive walk, torch-zip, keras, ...), the others only add `errors` records.
    const seen = this.raisedFor.get(entry) ?? new Set<string>();
    this.raisedFor.set(entry, seen);
    const cause = `${ruleId}\n${errorMessage(e)}`;
    if (seen.has(cause)) {
      this.result.errors.push({ ...location(entry), ruleId, message });
      return;
    }
    seen.add(cause);
    this.raise(ruleId, location(entry), message, `${ruleId}:${by ?? ''}`);
  }

  /** Engine-raised findings (scan/*) also go to `errors`, so tools can tell coverage gaps from problems. */
  raise(ruleId: string, loc: { path: string; innerPath?: string }, message: string, key: string, evidence?: string): void {
    const rule = this.metas.get(ruleId);
    // A disabled engine rule still leaves its `errors` record: coverage gaps are never silent.
    if (rule) this.result.findings.push(this.makeFinding(rule, loc, { message, key, evidence }));
    if (ruleId === 'scan/unreadable' || ruleId === 'scan/limit-exceeded') {
      this.result.errors.push({ path: loc.path, ...(loc.innerPath ? { innerPath: loc.innerPath } : {}), ruleId, message });
    }
  }
}

export function emptySeverityCounts(): Record<Severity, number> {
  return Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
}
