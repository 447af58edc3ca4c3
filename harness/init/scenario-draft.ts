// What scenario inference builds for one README, shared by the inference (scenario.ts), its
// rules (scenario-rules.ts) and the rendering (scenario-write.ts). Types only.
import type { DroppedStep, Language, Overlay, ServiceKind, Toolchain, Variant } from '../model.ts';

/** A step as it is written into samples.yaml (one of the scenario's step kinds), with why it is there. */
export interface DraftStep {
  kind: 'install' | 'sh' | 'run' | 'wait' | 'stop';
  value: Record<string, unknown>;
  /** The comment written above it: where it came from and how it was mapped. */
  comment: string;
}

export interface ScenarioDraft {
  readme: string;
  id: string;
  block: string;
  language: Language;
  variant: Variant;
  /** Relative to the tree's root. */
  dir: string;
  toolchains: Toolchain[];
  services: { kind: ServiceKind; why: string }[];
  /** Relative to `dir`, with why. */
  path: { dir: string; why: string }[];
  env: Record<string, string>;
  steps: DraftStep[];
  dropped: DroppedStep[];
  overlays: Overlay[];
  skip?: string;
  /** The oldest Python its code compiles under, when newer than the machine's `python3`, with why. */
  python?: { min: string; why: string };
  /** Deviations from the README's own order or form, written as comments on the entry. */
  notes: string[];
}

/** The components folders' redis hosts and conversation components, for services and skips. */
export interface ComponentFacts {
  redis: string[];
  /** Conversation components by name → type. */
  conversation: Map<string, string>;
  /** Component types, for the skip rules (a PostgreSQL binding). */
  types: string[];
}
