import type { SkillNode } from './types.ts';

/** A skill as reasons name it: its canonical code and its Chinese and English names. */
export interface SkillNames {
  readonly skill: string;
  readonly skillZh: string;
  readonly skillEn: string;
}

/** How a skill a person holds relates to one an opportunity asks for. */
export type SkillRelation = 'exact' | 'alias' | 'child' | 'parent' | 'sibling';

/**
 * The skill taxonomy as matching sees it: codes with parents and aliases. Siblings share a
 * parent; a child is a more specific skill (工业缝纫 under 缝纫).
 */
export class SkillGraph {
  private readonly nodes = new Map<string, SkillNode>();
  private readonly aliasToCode = new Map<string, string>();
  /** Remembered relations, by held code then wanted code (no key string built per lookup). */
  private readonly relations = new Map<string, Map<string, SkillRelation | null>>();
  private readonly related = new Map<string, string[]>();
  private readonly namesOf = new Map<string, SkillNames>();

  constructor(skills: readonly SkillNode[]) {
    for (const skill of skills) this.nodes.set(skill.code, skill);
    for (const skill of skills) {
      for (const alias of skill.aliases) {
        const key = alias.trim().toLowerCase();
        if (!this.nodes.has(key) && !this.aliasToCode.has(key)) this.aliasToCode.set(key, skill.code);
      }
    }
  }

  /** The canonical code for a code or an alias, or undefined when unknown. */
  resolve(codeOrAlias: string): string | undefined {
    if (this.nodes.has(codeOrAlias)) return codeOrAlias;
    return this.aliasToCode.get(codeOrAlias.trim().toLowerCase());
  }

  get(code: string): SkillNode | undefined {
    const canonical = this.resolve(code);
    return canonical ? this.nodes.get(canonical) : undefined;
  }

  nameZh(code: string): string {
    return this.get(code)?.nameZh ?? code;
  }

  nameEn(code: string): string {
    return this.get(code)?.nameEn ?? code;
  }

  /** A skill's code and names as reasons carry them (remembered: scoring asks per requirement). */
  names(code: string): SkillNames {
    let names = this.namesOf.get(code);
    if (!names) {
      names = Object.freeze({
        skill: this.resolve(code) ?? code,
        skillZh: this.nameZh(code),
        skillEn: this.nameEn(code),
      });
      this.namesOf.set(code, names);
    }
    return names;
  }

  certificateRequired(code: string): boolean {
    return this.get(code)?.certificateRequired ?? false;
  }

  private ancestors(code: string): string[] {
    const chain: string[] = [];
    let parent = this.nodes.get(code)?.parentCode ?? null;
    while (parent && !chain.includes(parent)) {
      chain.push(parent);
      parent = this.nodes.get(parent)?.parentCode ?? null;
    }
    return chain;
  }

  /**
   * Every code that earns some credit for `wanted`: itself, its descendants, its ancestors and
   * its siblings — what retrieval filters on before scoring.
   */
  relatedCodes(wanted: string): string[] {
    let codes = this.related.get(wanted);
    if (!codes) {
      const code = this.resolve(wanted);
      codes = code ? [...this.nodes.keys()].filter((candidate) => this.relation(candidate, code) !== null) : [wanted];
      this.related.set(wanted, codes);
    }
    return codes;
  }

  /**
   * How `held` (as the person recorded it) relates to `wanted`: the same code, an alias of it,
   * a more specific skill under it, a broader one above it, or a sibling; null if unrelated.
   */
  relation(held: string, wanted: string): SkillRelation | null {
    // Scoring asks the same few pairs thousands of times per request: remember the answers.
    let byWanted = this.relations.get(held);
    if (!byWanted) {
      byWanted = new Map();
      this.relations.set(held, byWanted);
    }
    let known = byWanted.get(wanted);
    if (known === undefined) {
      known = this.computeRelation(held, wanted);
      byWanted.set(wanted, known);
    }
    return known;
  }

  private computeRelation(held: string, wanted: string): SkillRelation | null {
    const heldCode = this.resolve(held);
    const wantedCode = this.resolve(wanted);
    if (!heldCode || !wantedCode) return held === wanted ? 'exact' : null;
    if (heldCode === wantedCode) return held === wanted || held === heldCode ? 'exact' : 'alias';
    if (this.ancestors(heldCode).includes(wantedCode)) return 'child';
    if (this.ancestors(wantedCode).includes(heldCode)) return 'parent';
    const heldParent = this.nodes.get(heldCode)?.parentCode;
    if (heldParent && heldParent === this.nodes.get(wantedCode)?.parentCode) return 'sibling';
    return null;
  }
}
