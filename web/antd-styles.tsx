import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { extractStyle } from '@ant-design/static-style-extract';
import * as antd from 'antd';
import type { ReactNode } from 'react';
import type { Plugin } from 'vite';
import { portalTheme } from './src/app/theme.ts';

/** What app/signed-in.tsx imports instead of antd's whole prebuilt antd.css (≈ 1 MB, every antd component). */
export const ANTD_STYLES_ID = 'virtual:antd.css';

/**
 * Components that the portal's antd components render inside themselves, whose styles antd keeps in
 * their own style hooks (a Table's pager, a Form.Item's grid row, a Popconfirm's popover…): what
 * the portal uses of antd without importing it.
 */
const RENDERED_INSIDE: Record<string, readonly string[]> = {
  App: ['message', 'notification', 'Modal'],
  Form: ['Row', 'Col'],
  Input: ['Button'],
  List: ['Spin', 'Empty', 'Pagination', 'Row', 'Col'],
  Modal: ['Button'],
  Popconfirm: ['Popover', 'Button'],
  Select: ['Empty'],
  Table: ['Pagination', 'Empty', 'Spin', 'Checkbox', 'Radio', 'Dropdown', 'Tooltip'],
  Tabs: ['Dropdown'],
  TreeSelect: ['Tree', 'Select', 'Empty'],
  Typography: ['Tooltip', 'Input'],
};

/** Names that are no component with styles of their own (ConfigProvider's icon styles come with the theme below). */
const NOT_STYLED = new Set(['ConfigProvider', 'theme']);

/** The antd names the portal's source imports (`import { Button, Form } from 'antd'`; type-only imports left out). */
export async function importedAntdNames(srcDir: string): Promise<string[]> {
  const files = (await readdir(srcDir, { recursive: true })).filter((file) => /\.tsx?$/.test(file));
  const names = new Set<string>();
  for (const file of files) {
    const source = await readFile(path.join(srcDir, file), 'utf8');
    for (const [, typeOnly, list] of source.matchAll(/import\s+(type\s+)?\{([^}]*)\}\s+from\s+'antd'/g)) {
      if (typeOnly || !list) continue;
      for (const part of list.split(',')) {
        const name = part.trim().split(/\s+as\s+/)[0];
        if (name && !name.startsWith('type ')) names.add(name);
      }
    }
  }
  return [...names].sort();
}

/** The components whose styles the portal needs: the imported ones and what they render inside. */
export function antdComponentsToStyle(imported: readonly string[]): string[] {
  const exported = new Set(Object.keys(antd));
  const unknown = imported.filter((name) => !exported.has(name));
  // A name antd does not export would fail the build anyway; say it here, where the list is made.
  if (unknown.length > 0) throw new Error(`antd-styles: antd exports no ${unknown.join(', ')}`);
  const wanted = new Set<string>();
  for (const name of imported) {
    if (NOT_STYLED.has(name)) continue;
    wanted.add(name);
    for (const inner of RENDERED_INSIDE[name] ?? []) wanted.add(inner);
  }
  return [...wanted].sort();
}

/**
 * The stylesheet of those components with the portal's theme, as antd's own build makes antd.css
 * (@ant-design/static-style-extract renders each component once on the server and keeps the CSS
 * antd's CSS-in-JS generated): unhashed selectors (`.ant-btn`), the tokens as CSS variables under
 * the portal's key. The browser runs zeroRuntime (app/signed-in.tsx) and only reads it.
 */
export function antdStylesheet(components: readonly string[]): string {
  return extractStyle({
    antdInstance: antd,
    includes: [...components],
    customTheme: (node: ReactNode) => (
      <antd.ConfigProvider theme={{ ...portalTheme, zeroRuntime: false, hashed: false }}>{node}</antd.ConfigProvider>
    ),
  });
}

/**
 * `import 'virtual:antd.css'` (app/signed-in.tsx): the antd styles of only the components web/src imports
 * (issue 19: antd.css whole was 988 KB raw, 76 KB brotli, on every page), made at build time (and
 * by `vite dev`) from the imports themselves, so a newly used component brings its styles along
 * (under `vite dev`, from the next start of the dev server).
 */
export function antdStyles(): Plugin {
  let srcDir = 'src';
  // Served under a path ending in .css so Vite's CSS pipeline (minify, hashed asset, preload) takes it.
  const resolvedId = '/@anju/antd.css';
  return {
    name: 'anju-antd-styles',
    configResolved(config) {
      srcDir = path.resolve(config.root, 'src');
    },
    resolveId(id) {
      return id === ANTD_STYLES_ID ? resolvedId : undefined;
    },
    async load(id) {
      if (id !== resolvedId) return undefined;
      return antdStylesheet(antdComponentsToStyle(await importedAntdNames(srcDir)));
    },
  };
}
