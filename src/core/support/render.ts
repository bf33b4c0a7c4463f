import { supportMatrix, type MethodSupport, type SupportEntry } from './matrix.js';

const mark = (s: MethodSupport) => (s.status === 'supported' ? 'yes' : s.status === 'partial' ? 'partly' : 'no');
const detail = (s: MethodSupport) => (s.status === 'unsupported' ? s.why : (s.note ?? ''));

/** Renders the support matrix as the Markdown of docs/supported.md. */
export function renderSupportMarkdown(entries: SupportEntry[] = supportMatrix): string {
  let out =
    '# What is supported\n\n' +
    'Generated from `src/core/support/matrix.ts` by `npm run docs:support`; a test fails when this page is out of date.\n' +
    'A method marked "no" rejects with the MAPI error named in its note (usually MAPI_E_NO_SUPPORT).\n\n';
  out += '| interface | methods supported |\n|---|---|\n';
  for (const e of entries) {
    const all = Object.values(e.methods);
    out += `| ${e.name} | ${all.filter((m) => m.status !== 'unsupported').length} of ${all.length} |\n`;
  }
  for (const e of entries) {
    const ref = e.page.startsWith('http') ? e.page : `\`${e.page}\` in the MAPI reference`;
    out += `\n## ${e.name}\n\nReference: ${ref}\n\n| method | supported | notes |\n|---|---|---|\n`;
    for (const [name, s] of Object.entries(e.methods)) out += `| ${name} | ${mark(s)} | ${detail(s)} |\n`;
  }
  return out;
}
