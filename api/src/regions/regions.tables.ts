import type { ColumnType, Generated } from 'kysely';

/** 省/市/县/乡镇/村(社区)/网格, and 安置点 (a site hangs under any of them). */
export const regionLevels = ['province', 'city', 'county', 'township', 'village', 'grid', 'site'] as const;
export type RegionLevel = (typeof regionLevels)[number];

/** 行政区划 / 安置点: a node of the region tree; a resettlement site (安置点) is a region too. */
export interface RegionTable {
  id: Generated<string>;
  code: string;
  name: string;
  level: RegionLevel;
  parentId: string | null;
  /** Ids from the root, `/1/4/17/`: descendants share the prefix. */
  path: string;
  /** The county this region lies in (the key a distributed database would shard by). */
  countyCode: string | null;
  createdAt: ColumnType<Date, never, never>;
  /** 撤销: set when the region was retired; retired regions are never deleted. */
  retiredAt: ColumnType<Date | null, Date | null | undefined, Date | null>;
}

export interface RegionTables {
  regions: RegionTable;
}
