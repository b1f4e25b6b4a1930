import type { ThemeConfig } from 'antd';

// The portal's antd theme, one source for the browser (signed-in.tsx) and for the build's antd stylesheet
// (antd-styles.tsx), so the prebuilt styles and the CSS variables the browser writes agree.
// Large controls everywhere: many residents are elderly and use cheap phones.
// zeroRuntime: antd's styles come prebuilt (web/antd-styles.tsx, imported in signed-in.tsx) instead of being
// generated in the browser: its CSS-in-JS cost ≈ 1.9 s of main thread before the login form on a
// CPU ×4 phone (bench/results/portal-phone.md). The tokens below still apply: antd writes them as
// CSS variables (--ant-color-primary …), which the prebuilt stylesheet reads.
// The key names the class that carries those variables: antd's own antd.css ships defaults under the
// key its build happened to get (`css-var-_R_0_`), which React's useId could give us too.
export const portalTheme = {
  zeroRuntime: true,
  cssVar: { key: 'css-var-anju' },
  token: {
    colorPrimary: '#b4441e',
    // Hover and pressed states darken instead of antd's lighter shade, which falls under 4.5:1 as
    // text on white (a hovered default button read #c26540, 4.0:1).
    colorPrimaryHover: '#993a19',
    colorPrimaryActive: '#8a3213',
    colorLink: '#8a3213',
    colorLinkHover: '#b4441e',
    // antd's default greys are too faint for old eyes and cheap screens (WCAG AA 4.5:1).
    colorTextDescription: '#57606a',
    colorTextTertiary: '#57606a',
    // Placeholders with margin: #6e7781 measured 4.44:1 while a dialog faded in (background #fefefe).
    colorTextPlaceholder: '#59626c',
    colorError: '#cf222e',
    colorErrorHover: '#a40e26',
    colorErrorActive: '#8b0b20',
    colorSuccess: '#1a7f37',
    fontSize: 16,
    controlHeight: 44,
    controlHeightLG: 48,
    borderRadius: 8,
  },
} satisfies ThemeConfig;
