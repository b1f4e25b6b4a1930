import type { RegionLevel } from '@anju/domain/enums';
import type { ColumnType, Generated } from 'kysely';

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
