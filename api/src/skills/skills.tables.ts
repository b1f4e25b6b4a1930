import type { ColumnType } from 'kysely';

/** 技能: a skill of the taxonomy; levels 1–5 follow the five vocational grades (初级工 … 高级技师). */
export interface SkillTable {
  code: string;
  nameZh: string;
  nameEn: string;
  /** Colloquial and official names (电焊/焊工/焊接); they feed Meilisearch synonyms. */
  aliases: ColumnType<string[], string[] | undefined, string[]>;
  category: string;
  /** A broader skill: having a child skill earns partial credit for the parent and siblings. */
  parentCode: string | null;
  /** Occupation in 国家职业分类大典, with the edition the code belongs to. */
  occupationCode: string | null;
  occupationEdition: string | null;
  /** The law requires a certificate to do this work (electrician, forklift, welding…). */
  certificateRequired: ColumnType<boolean, boolean | undefined, boolean>;
  createdAt: ColumnType<Date, never, never>;
  updatedAt: ColumnType<Date, Date | undefined, Date>;
}

export interface SkillTables {
  skills: SkillTable;
}
