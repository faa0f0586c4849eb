// What expanding an archive or an image yields: a member to scan, or an issue about the container
// (a traversal name, a bomb, a member that could not be opened), and the budget every member spends.
import type { ArchiveBudget } from '../../core/limits.js';
import type { CoverageGap, Entry, Limits } from '../../core/types.js';

export type ArchiveEvent =
  | { kind: 'member'; entry: Entry }
  | IssueEvent
  | GapEvent;

/** Offered to the rules' gap judges; `fallback` is raised instead when none of them reports it. */
export interface GapEvent {
  kind: 'gap';
  gap: CoverageGap;
  fallback?: IssueEvent;
}

/** A finding the engine raises for the container itself (traversal names, bombs, unreadable members). */
export interface IssueEvent {
  kind: 'issue';
  ruleId: string;
  message: string;
  innerPath?: string;
  key: string;
  evidence?: string;
}

export interface ExpandContext {
  limits: Limits;
  budget: ArchiveBudget;
}
