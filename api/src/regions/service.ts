import type { RegionLevel } from '@anju/domain/enums';
import type { Context } from 'hono';
import type { Actor } from '../access/actor.ts';
import { writeAudit } from '../access/audit.ts';
import type { Db } from '../db/database.ts';
import type { AppEnv } from '../http/env.ts';
import { AppError } from '../http/problem.ts';
import { countyCodeOf, regionCodeProblems } from './codes.ts';
import { findRegion, insertRegion, liveBelow, moveSubtree, recodeCounty, retireSubtree } from './queries.ts';

/**
 * Rules for changing the region tree (行政区划). An admin without a region manages all of it;
 * an admin scoped to a region (a city, say) manages what lies inside it, never the region
 * itself or anything above. Problems carry a stable `reason` the portal turns into words.
 */

type Region = NonNullable<Awaited<ReturnType<typeof findRegion>>>;

const scopesOf = (actor: Actor) => (actor.role === 'admin' ? actor.regionPaths : []);

/** May the actor create a region under `parentPath` (null: a root region)? */
export function mayCreateUnder(actor: Actor, parentPath: string | null): boolean {
  const scopes = scopesOf(actor);
  if (scopes.length === 0) return true;
  return parentPath !== null && scopes.some((scope) => parentPath.startsWith(scope));
}

/** May the actor rename, move or retire the region at `path`? */
export function mayChange(actor: Actor, path: string): boolean {
  const scopes = scopesOf(actor);
  return scopes.length === 0 || scopes.some((scope) => path.startsWith(scope) && path !== scope);
}

const outside = (field: string) =>
  new AppError('forbidden', 'The region is outside the regions you manage', {
    reason: 'region-outside-scope',
    errors: [{ path: field, message: '不在您管理的区划范围内', code: 'outside-scope' }],
  });

function invalid(reason: string, path: string, message: string): AppError {
  return new AppError('validation', `Invalid ${path}`, { reason, errors: [{ path, message, code: reason }] });
}

async function parentFor(db: Db, actor: Actor, parentId: string | null | undefined, field: string) {
  if (!parentId) {
    if (!mayCreateUnder(actor, null)) throw outside(field);
    return null;
  }
  const parent = await findRegion(db, { id: parentId });
  if (!parent) throw invalid('region-unknown-parent', field, '没有这个上级区划');
  if (parent.retiredAt) throw invalid('region-parent-retired', field, '上级区划已撤销');
  if (!mayCreateUnder(actor, parent.path)) throw outside(field);
  return parent;
}

function assertCode(
  region: { code: string; level: RegionLevel },
  parent: Region | null,
  fields: { code: string; parent: string },
) {
  const problems = regionCodeProblems(region, parent);
  if (problems.length === 0) return;
  throw new AppError('validation', 'The region code or level does not fit its parent', {
    reason: 'region-code-invalid',
    errors: problems.map((problem) => ({
      path: problem.field === 'code' ? fields.code : problem.field === 'parent' ? fields.parent : 'json.level',
      message: problem.zh,
      code: 'region-code-invalid',
    })),
  });
}

async function assertCodeFree(db: Db, code: string, field: string) {
  if (await findRegion(db, { code })) {
    throw new AppError('conflict', 'This region code is taken', {
      reason: 'region-code-taken',
      errors: [{ path: field, message: '这个区划代码已经存在', code: 'taken' }],
    });
  }
}

export async function createRegion(
  db: Db,
  actor: Actor,
  input: { code: string; name: string; level: Exclude<RegionLevel, 'site'>; parentId?: string | null },
) {
  const parent = await parentFor(db, actor, input.parentId, 'json.parentId');
  assertCode(input, parent, { code: 'json.code', parent: 'json.parentId' });
  await assertCodeFree(db, input.code, 'json.code');
  return insertRegion(db, { code: input.code, name: input.name, level: input.level, parentCode: parent?.code });
}

/** Rename, move (调整隶属关系) and/or recode one region; returns the names of what changed. */
export async function changeRegion(
  db: Db,
  actor: Actor,
  id: string,
  input: { name?: string; parentId?: string; code?: string },
): Promise<string[]> {
  const region = await findRegion(db, { id });
  if (!region) throw new AppError('not-found', 'No such region');
  if (!mayChange(actor, region.path)) throw outside('param.id');
  if (region.retiredAt) throw invalid('region-retired', 'param.id', '这个区划已撤销，不能再修改');
  const changed: string[] = [];
  if (input.name !== undefined && input.name !== region.name) {
    await db.updateTable('regions').set({ name: input.name }).where('id', '=', id).execute();
    changed.push('name');
  }
  const moving = input.parentId !== undefined && input.parentId !== region.parentId;
  const recoding = input.code !== undefined && input.code !== region.code;
  if (!moving && !recoding) return changed;

  const parent = moving
    ? await parentFor(db, actor, input.parentId, 'json.parentId')
    : region.parentId
      ? ((await findRegion(db, { id: region.parentId })) ?? null)
      : null;
  if (moving && parent?.path.startsWith(region.path)) {
    throw invalid('region-move-into-itself', 'json.parentId', '不能移到自己或自己的下级区划下面');
  }
  const code = input.code ?? region.code;
  if (region.level !== 'site')
    assertCode({ code, level: region.level }, parent, { code: 'json.code', parent: 'json.parentId' });
  if (recoding) await assertCodeFree(db, code, 'json.code');

  const countyCode = countyCodeOf({ code, level: region.level }, parent?.countyCode ?? null);
  const countyChanges =
    (region.level === 'county' && recoding) ||
    (moving && !['province', 'city', 'county'].includes(region.level) && countyCode !== region.countyCode);
  if (countyChanges && (await liveBelow(db, region.path)).households > 0) {
    // Households carry their county (the shard key) and its history: moving them is a roster change.
    throw new AppError('conflict', 'Households below would change county', {
      reason: 'region-households-change-county',
      errors: [
        {
          path: moving ? 'json.parentId' : 'json.code',
          message: '下面有搬迁户，不能改变所属县；请先把搬迁户调整到其他安置点',
          code: 'region-households-change-county',
        },
      ],
    });
  }
  if (recoding) {
    await db.updateTable('regions').set({ code }).where('id', '=', id).execute();
    if (region.level === 'county') await recodeCounty(db, region.path, code);
    changed.push('code');
  }
  if (moving && parent) {
    await moveSubtree(db, region, parent, countyCode);
    changed.push('parentId');
  }
  return changed;
}

/** 撤销: refused while live sites or households lie below; otherwise retires the whole subtree. */
export async function retireRegion(db: Db, actor: Actor, id: string): Promise<number> {
  const region = await findRegion(db, { id });
  if (!region) throw new AppError('not-found', 'No such region');
  if (!mayChange(actor, region.path)) throw outside('param.id');
  if (region.retiredAt) return 0;
  const live = await liveBelow(db, region.path, region.id);
  if (live.sites > 0 || live.households > 0) {
    throw new AppError('conflict', 'Live sites or households lie below this region', {
      reason: 'region-has-live-sites',
      sites: live.sites,
      households: live.households,
      errors: [
        {
          path: 'param.id',
          message: `下面还有 ${live.sites} 个安置点、${live.households} 户搬迁户，请先调整或撤销它们`,
          code: 'region-has-live-sites',
        },
      ],
    });
  }
  return retireSubtree(db, region.path);
}

/** Creates a region and audits it, in one transaction; returns the new region's id. */
export function createRegionAudited(
  db: Db,
  c: Context<AppEnv>,
  actor: Actor,
  input: Parameters<typeof createRegion>[2],
): Promise<string> {
  return db.transaction().execute(async (trx) => {
    const { id } = await createRegion(trx, actor, input);
    await writeAudit(trx, c, {
      action: 'region.create',
      resourceType: 'region',
      resourceId: id,
      detail: { code: input.code, level: input.level },
    });
    return id;
  });
}

/** Changes a region and audits the fields changed (nothing when nothing changed), in one transaction. */
export function changeRegionAudited(
  db: Db,
  c: Context<AppEnv>,
  actor: Actor,
  id: string,
  input: Parameters<typeof changeRegion>[3],
): Promise<void> {
  return db.transaction().execute(async (trx) => {
    const changed = await changeRegion(trx, actor, id, input);
    if (changed.length) {
      await writeAudit(trx, c, {
        action: 'region.update',
        resourceType: 'region',
        resourceId: id,
        fields: changed,
      });
    }
  });
}

/** Retires a region's subtree and audits how many regions went, in one transaction. */
export function retireRegionAudited(db: Db, c: Context<AppEnv>, actor: Actor, id: string): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const count = await retireRegion(trx, actor, id);
    await writeAudit(trx, c, {
      action: 'region.retire',
      resourceType: 'region',
      resourceId: id,
      detail: { count },
    });
    return count;
  });
}
