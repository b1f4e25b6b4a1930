import type { EssentialSpendingKind, GuaranteeDimension, RiskKind, SupportMeasureKind } from '@anju/domain/enums';
import type { ColumnType, Generated } from 'kysely';

/** 帮扶措施: a support measure given to a household (optionally one member of it). */
export interface SupportMeasureTable {
  id: Generated<string>;
  countyCode: string;
  householdId: string;
  personId: string | null;
  kind: SupportMeasureKind;
  startedOn: string;
  endedOn: string | null;
  amountYuan: number | null;
  responsibleUnit: string;
  note: string | null;
  recordedBy: string;
  createdAt: ColumnType<Date, never, never>;
  updatedAt: ColumnType<Date, Date | undefined, Date>;
}

/** 风险类型 as a dated household fact. */
export interface HouseholdRiskTable {
  id: Generated<string>;
  countyCode: string;
  householdId: string;
  kind: RiskKind;
  fromOn: string;
  toOn: string | null;
  note: string | null;
  recordedBy: string;
  createdAt: ColumnType<Date, never, never>;
  /** Set together when a fact recorded by mistake is voided (with its reason); voided facts are not current. */
  voidedAt: Date | null;
  voidedBy: string | null;
  voidReason: string | null;
}

/** 刚性支出: medical or schooling spending of a month (1st of the month) or a day. */
export interface EssentialSpendingTable {
  id: Generated<string>;
  countyCode: string;
  householdId: string;
  kind: EssentialSpendingKind;
  amountYuan: number;
  periodKind: 'month' | 'day';
  spentOn: string;
  note: string | null;
  recordedBy: string;
  createdAt: ColumnType<Date, never, never>;
}

/** 三保障 + 饮水安全: one check of one dimension. */
export interface GuaranteeCheckTable {
  id: Generated<string>;
  countyCode: string;
  householdId: string;
  dimension: GuaranteeDimension;
  checkedOn: string;
  ok: boolean;
  evidence: string;
  checkedBy: string;
  createdAt: ColumnType<Date, never, never>;
}

/** 政策参数: a value for a key, a place (null = everywhere) and the first year it applies. */
export interface PolicyValueTable {
  id: Generated<string>;
  key: string;
  regionCode: string | null;
  year: number;
  value: number;
  note: string | null;
  updatedBy: string | null;
  updatedAt: ColumnType<Date, Date | undefined, Date>;
}

export interface SupportTables {
  supportMeasures: SupportMeasureTable;
  householdRisks: HouseholdRiskTable;
  essentialSpending: EssentialSpendingTable;
  guaranteeChecks: GuaranteeCheckTable;
  policyValues: PolicyValueTable;
}
